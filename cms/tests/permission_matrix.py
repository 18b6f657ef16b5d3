"""The permission matrix: the demo it runs against, the URLs it finds in the URL
configuration, and the expected answer for every (URL, role).

Statuses are written as short codes: an int is the HTTP status; LOGIN is a redirect to
the site's login (/logga-in/?next=…); ADMIN_LOGIN a redirect to Wagtail's login (a user
without admin access, or nobody); DENIED Wagtail's "no permission" redirect to /admin/;
REDIRECT any other redirect (a POST that did its work and went back to its page)."""

import io
import re
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from cms import roles
from cms.mail import queue_mail
from cms.testing import drain_task_queue
from home.models import GoverningDocumentType, StandardPage
from training.models import CalendarToken, TrainingSession
from visits.feedback.models import FeedbackFormPage, FeedbackSubmission
from visits.newsletters.models import Newsletter
from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit
from visits.reports.models import VisitReport, VisitReportFormPage
from visits.requests.models import VisitRequest
from visits.requests.notifications import muted
from visits.requests.questions import VisitQuestion, VisitQuestionsFormPage

LOGIN, ADMIN_LOGIN, DENIED, REDIRECT = "login", "admin-login", "denied", "redirect"

ROLES = [
    "anonymous",
    "politiker",  # Paula: BUN (vice chair) and KF, contact politician of Blåbäret and Backaskolan
    "politiker2",  # Per: BUN and KF too, so he reads BUN's reports
    "politiker3",  # a KFN-only politician: another committee
    "enhetschef",  # manages Blåbäret, Backaskolan, Strandskolan, Kompassen
    "enhetschef2",  # manages Norrbyskolan only: another unit's manager
    "forvaltningschef",  # head of administration of KFN
    "redaktor",
    "namndsekreterare",
    "admin",
]
SIGNED_IN = tuple(r for r in ROLES if r != "anonymous")

# Unique strings planted in the demo; each must reach exactly the roles that may see it.
TAG = secrets.token_hex(4)
MARKERS = {
    "report": f"RAPPORTMARKOR{TAG}",
    "draft": f"UTKASTMARKOR{TAG}",
    "feedback_text": f"SYNPUNKTMARKOR{TAG}",
    "feedback_email": f"boende.markor{TAG}@example.org",
    "private_email": f"privat.markor{TAG}@example.org",
    "private_phone": f"0700-{TAG}",
    "public_page": f"OFFENTLIGMARKOR{TAG}",
    "restricted_page": f"INLOGGADMARKOR{TAG}",
}


def _other_committee_politician(users):
    """A KFN-only politician gets a login: the politician of another committee."""
    User = get_user_model()
    politician = (
        Politician.objects.filter(memberships__committee__short_name="KFN")
        .exclude(memberships__committee__short_name__in=["BUN", "KF", "KS"])
        .order_by("last_name")
        .first()
    )
    user, _ = User.objects.get_or_create(username="politiker3", defaults={"first_name": politician.first_name})
    user.groups.add(Group.objects.get(name=roles.POLITICIANS))
    politician.user = user
    politician.save(update_fields=["user"])
    users["politiker3"] = user
    return politician


def _other_unit_manager(users):
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="enhetschef2", defaults={"first_name": "Ebba"})
    user.groups.add(Group.objects.get(name=roles.UNIT_MANAGERS))
    unit = Unit.objects.get(slug="norrbyskolan")
    unit.manager = user
    unit.save(update_fields=["manager"])
    users["enhetschef2"] = user
    return unit


def build_matrix_demo():
    """seed_demo, two more logins, planted markers, and the objects the URLs are asked about."""
    call_command("seed_demo", stdout=io.StringIO())
    User = get_user_model()
    users = {user.username: user for user in User.objects.all()}
    other = _other_committee_politician(users)
    norrby = _other_unit_manager(users)
    paula = Politician.objects.get(user=users["politiker"])
    per = Politician.objects.get(user=users["politiker2"])

    # A submitted report (Per's, BUN, at Blåbäret) and Paula's draft carry markers.
    report = VisitReport.objects.submitted().get(author=per)
    VisitReport.objects.filter(pk=report.pk).update(
        form_data={**report.form_data, next(iter(report.form_data)): f"Trygg stämning. {MARKERS['report']}"}
    )
    draft = VisitReport.objects.drafts().get(author=paula)
    VisitReport.objects.filter(pk=draft.pk).update(
        form_data={key: f"Lugnt. {MARKERS['draft']}" for key in draft.form_data}
    )
    # Per has not consented to publishing his e-mail or phone.
    Politician.objects.filter(pk=per.pk).update(
        email=MARKERS["private_email"], email_consent_on=None, phone=MARKERS["private_phone"], phone_consent_on=None
    )

    blabaret = Unit.objects.get(slug="forskolan-blabaret")
    feedback_page = FeedbackFormPage.objects.get()
    feedback = FeedbackSubmission.objects.create(
        page=feedback_page, form_data={}, unit=blabaret, kind=FeedbackSubmission.Kind.COMPLAINT,
        text=f"Grinden står öppen. {MARKERS['feedback_text']}", name="Boende",
        contact=MARKERS["feedback_email"],
    )
    closed_feedback = FeedbackSubmission.objects.filter(unit=blabaret, state=FeedbackSubmission.State.CLOSED).first()

    # A public page and a login-only page with markers, for search and the sitemap.
    home = StandardPage.objects.get(slug="om-kontaktpolitiker").get_parent()
    public = home.add_child(instance=StandardPage(
        title="Öppen sida", slug="oppen-sida", intro=f"Offentlig text {MARKERS['public_page']}"))
    restricted = home.add_child(instance=StandardPage(
        title=f"Intern sida {MARKERS['restricted_page']}", slug="intern-sida",
        intro=f"Bara för inloggade {MARKERS['restricted_page']}"))
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    drain_task_queue()  # Wagtail's search index updates

    revoked = CalendarToken.objects.current_for(per).key
    CalendarToken.objects.renew(per)
    tokens = {p.user.username: CalendarToken.objects.current_for(p).key for p in (paula, per, other)}

    # The other committee's politician asks for a visit: KFN routes it through the head.
    with muted():
        kfn_visit = VisitRequest.submit(
            politician=other, unit=Unit.objects.get(slug="norrby-bibliotek"), kind=VisitRequest.Kind.CONTACT,
            wished_times="En förmiddag", purpose="Se läshörnan.", year=2026, by=other.user,
        )
    norrby_feedback = FeedbackSubmission.objects.create(
        page=feedback_page, form_data={}, unit=norrby, kind=FeedbackSubmission.Kind.QUESTION,
        text="När börjar läxhjälpen?", contact="forfragan@example.org",
    )
    newsletter = Newsletter.objects.get(unit=blabaret)
    norrby_newsletter = Newsletter.send(norrby, norrby.manager, "Rektorsbrev", "Läxhjälpen börjar.", deliver=False)
    newsletter.pdf.save("brev.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    # The answer to a resident waits in the outbox: only the admin reads the outbox.
    outbox_message = queue_mail([MARKERS["feedback_email"]], "Svar på din synpunkt", "Tack, vi stänger grinden.")

    presidium = VisitRequest.objects.get(requested_by=paula, kind=VisitRequest.Kind.PRESIDIUM)
    question = VisitQuestion.objects.filter(visit=presidium).first()
    session = TrainingSession.objects.published().filter(signups__politician=paula).order_by("starts_at").first()
    return {
        "users": users,
        "tokens": tokens,
        "report": VisitReport.objects.get(pk=report.pk),
        "draft": VisitReport.objects.get(pk=draft.pk),
        "presidium": presidium,
        "per_visit": VisitRequest.objects.get(requested_by=per, state=VisitRequest.State.PROPOSED),
        "question": question,
        "feedback": feedback,
        "closed_feedback": closed_feedback,
        "newsletter": newsletter,
        "backa_newsletter": Newsletter.objects.get(unit__slug="backaskolan"),
        "norrby_newsletter": norrby_newsletter,
        "outbox_message": outbox_message,
        "feedback_page": feedback_page,
        "unit": blabaret,
        "assignment": ContactAssignment.objects.filter(unit=blabaret).first(),
        "membership": Membership.objects.filter(politician=per).first(),
        "committee": blabaret.committee,
        "party": per.party,
        "period": MandatePeriod.objects.order_by("starts_on").first(),
        "document_type": GoverningDocumentType.objects.first(),
        "kfn_visit": kfn_visit,
        "norrby_feedback": norrby_feedback,
        "revoked_token": revoked,
        "restriction": PageViewRestriction.objects.get(page=restricted),
        "report_form_page": VisitReportFormPage.objects.get(),
        "questions_page": VisitQuestionsFormPage.objects.get(),
        "document": get_document_model().objects.order_by("pk").first(),
        "session": session,
        "paula": paula,
        "per": per,
        "other": other,
        "norrby": norrby,
        "public_page": public,
        "restricted_page": restricted,
    }


# --- the URL configuration ------------------------------------------------------------------

OUR_APPS = ("cms.", "home.", "visits.", "training.")
# Admin routes of Wagtail's own views (snippets, modeladmin, form submissions) of our models.
OUR_MODEL_ROUTES = re.compile(r"[/^](cms|home|visits|training)/|^admin/forms/")


def walk(resolver=None, prefix="", namespace=None):
    """(key, route, callback) of every URL pattern; the key is the namespaced name, or the route."""
    from django.urls import URLResolver, get_resolver

    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern, prefix + str(pattern.pattern), inner)
        else:
            route = prefix + str(pattern.pattern)
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name or route, route, pattern.callback


def public_patterns():
    return {key: route for key, route, _callback in walk() if not route.startswith("admin/")}


def admin_patterns():
    """Our own admin views, and Wagtail's views (snippets, modeladmin, form submissions) of our models."""
    found = {}
    for key, route, callback in walk():
        if not route.startswith("admin/"):
            continue
        module = getattr(callback, "__module__", "")
        if module.startswith(OUR_APPS) or OUR_MODEL_ROUTES.search(route):
            found[key] = route
    return found


# --- the expected answers -------------------------------------------------------------------

P1, P2, P3 = "politiker", "politiker2", "politiker3"
M1, M2, HEAD = "enhetschef", "enhetschef2", "forvaltningschef"
EDITOR, SECRETARY, ADMIN = "redaktor", "namndsekreterare", "admin"
POLITICIANS = (P1, P2, P3)
ADMIN_USERS = (EDITOR, SECRETARY, ADMIN)  # the roles whose groups give access to /admin/
ADMINISTRATION = (SECRETARY, ADMIN)


class Case:
    """One request: a label, the URL, and the expected answer per role."""

    def __init__(self, label, url, expected, method="get", data=None):
        self.label, self.url, self.expected, self.method, self.data = label, url, expected, method, data or {}


def each(code):
    return {role: code for role in ROLES}


def signed_in(code, anonymous=LOGIN):
    return {**each(code), "anonymous": anonymous}


def only(who, yes=200, no=404, anonymous=LOGIN):
    """`who` get `yes`, other signed-in roles `no`: a 404 says nothing about what exists."""
    return {role: yes if role in who else no for role in SIGNED_IN} | {"anonymous": anonymous}


def admin_only(who, yes=200, no=DENIED):
    """Admin URLs: nobody and roles without admin access go to Wagtail's login; admin
    users without the permission get `no`."""
    return {role: yes if role in who else no if role in ADMIN_USERS else ADMIN_LOGIN for role in ROLES}


def rev(name, *args, query=""):
    from django.urls import reverse

    return reverse(name, args=args) + (f"?{query}" if query else "")


def page_cases(d):
    """Every live page of the demo tree, plus the routable sub-pages and form pages with their parameter."""
    from wagtail.models import Page

    cases = []
    for page in Page.objects.live().specific().exclude(depth=1).order_by("path"):
        restricted = page.get_view_restrictions().exists()
        signed = 200
        if restricted and type(page).__name__ in ("VisitReportFormPage", "VisitQuestionsFormPage"):
            signed = 400  # without ?besok= the form says which visit is missing
        cases.append(Case(page.url, page.url, signed_in(signed, anonymous=LOGIN if restricted else 200)))
    report_page = d["report_form_page"]
    questions_page = d["questions_page"]
    cases += [
        Case("unit page", "/enheter/forskolan-blabaret/", each(200)),
        Case("politician page without consent", f"/enheter/politiker/{d['per'].slug}/", each(200)),
        Case("training session page", d["session"].get_url(), each(200)),
        Case("report form, visit with Paula's draft", report_page.url_for(d["draft"].visit), only([P1])),
        Case("questions form, Paula's presidium visit", questions_page.url_for(d["presidium"]), only([P1])),
    ]
    return cases


PUBLIC = {
    "wagtaildocs_serve": lambda d: [Case("captions", d["document"].url, each(200))],
    # The demo has no password-protected collection; an unknown restriction is a 404.
    "wagtaildocs_authenticate_with_password": lambda d: [
        Case("unknown", rev("wagtaildocs_authenticate_with_password", 999999), each(404))
    ],
    "search": lambda d: [Case("empty", rev("search"), each(200))]
    + [Case(f"q={name}", rev("search", query=f"q={marker}"), each(200)) for name, marker in MARKERS.items()],
    "login": lambda d: [Case("form", rev("login"), signed_in(REDIRECT, anonymous=200))],
    "logout": lambda d: [Case("GET", rev("logout"), each(405))],
    "my_pages": lambda d: [Case("", rev("my_pages"), signed_in(200))],
    # accounts/: login through the provider is off in the test settings (accounts/tests turn it on).
    "oidc_authentication_init": lambda d: [Case("SSO off", rev("oidc_authentication_init"), each(404))],
    "oidc_authentication_callback": lambda d: [
        Case("SSO off", rev("oidc_authentication_callback", query="code=x&state=y"), each(404))
    ],
    "logged_out": lambda d: [Case("", rev("logged_out"), each(200))],
    # Every signed-in role here has shown its second factor (or needs none): the page sends it on.
    "two_factor_verify": lambda d: [Case("", rev("two_factor_verify"), signed_in(REDIRECT))],
    "two_factor_setup": lambda d: [Case("", rev("two_factor_setup"), signed_in(200))],
    "two_factor_recovery_codes": lambda d: [
        Case("GET", rev("two_factor_recovery_codes"), signed_in(405)),
        Case("new codes", rev("two_factor_recovery_codes"),
             {**signed_in(REDIRECT), **{role: 200 for role in ADMIN_USERS}}, method="post"),
    ],
    "two_factor_turn_off": lambda d: [
        Case("GET", rev("two_factor_turn_off"), signed_in(405)),
        Case("staff may not, others have nothing to turn off", rev("two_factor_turn_off"), signed_in(REDIRECT),
             method="post"),
    ],
    "account_language": lambda d: [
        Case("GET", rev("account_language"), signed_in(405)),
        Case("choose English", rev("account_language"), signed_in(REDIRECT), method="post", data={"language": "en"}),
    ],
    "sitemap": lambda d: [Case("", rev("sitemap"), each(200))],
    "visit_requests:overview": lambda d: [Case("", rev("visit_requests:overview"), signed_in(200))],
    "visit_requests:new": lambda d: [
        Case("Blåbäret (Paula's and Per's unit)", rev("visit_requests:new", "forskolan-blabaret"), only([P1, P2])),
        Case("Norrby bibliotek (KFN)", rev("visit_requests:new", "norrby-bibliotek"), only([P3])),
    ],
    "visit_requests:detail": lambda d: [
        Case("Paula's presidium visit", rev("visit_requests:detail", d["presidium"].pk), only([P1, M1])),
        Case("Per's proposed visit", rev("visit_requests:detail", d["per_visit"].pk), only([P2, M1])),
        Case("KFN visit via the head", rev("visit_requests:detail", d["kfn_visit"].pk), only([P3, HEAD])),
    ],
    "visit_requests:answer": lambda d: [
        # An empty answer changes nothing: those who see the visit are sent back to it.
        Case("empty answer", rev("visit_requests:answer", d["presidium"].pk, d["question"].pk),
             only([P1, M1], yes=REDIRECT), method="post"),
    ],
    "visit_requests:act": lambda d: [
        # Cancelling without a reason is refused with the form (400) to those who may cancel.
        Case("cancel without reason", rev("visit_requests:act", d["presidium"].pk, "stall-in"),
             only([P1, M1], yes=400), method="post"),
        # Nobody books a KFN visit before the head has forwarded it; only those who see it are told so.
        Case("book before it is forwarded", rev("visit_requests:act", d["kfn_visit"].pk, "boka"),
             only([P3, HEAD], yes=403), method="post"),
        Case("unknown action", rev("visit_requests:act", d["presidium"].pk, "okand"), only([]), method="post"),
    ],
    "reports:list": lambda d: [Case("", rev("reports:list"), signed_in(200, anonymous=404))],
    "reports:detail": lambda d: [
        Case("Per's submitted BUN report", rev("reports:detail", d["report"].pk),
             only([P1, P2, M1, SECRETARY, ADMIN], anonymous=404)),
        Case("Paula's draft", rev("reports:detail", d["draft"].pk), only([P1], anonymous=404)),
    ],
    "feedback_list": lambda d: [Case("", rev("feedback_list"), signed_in(200))],
    "feedback_detail": lambda d: [
        Case("Blåbäret", rev("feedback_detail", d["feedback"].pk), only([M1, SECRETARY, ADMIN])),
        Case("Norrbyskolan", rev("feedback_detail", d["norrby_feedback"].pk), only([M2, SECRETARY, ADMIN])),
    ],
    "feedback_answer": lambda d: [
        Case("empty answer", rev("feedback_answer", d["feedback"].pk), only([M1, SECRETARY, ADMIN], yes=400),
             method="post"),
    ],
    "feedback_close": lambda d: [
        Case("already closed", rev("feedback_close", d["closed_feedback"].pk),
             only([M1, SECRETARY, ADMIN], yes=REDIRECT), method="post"),
    ],
    "newsletter_list": lambda d: [Case("", rev("newsletter_list"), signed_in(200))],
    "newsletter_create": lambda d: [Case("", rev("newsletter_create"), only([M1, M2]))],
    "newsletter_detail": lambda d: [
        Case("Blåbäret's (to Paula and Per)", rev("newsletter_detail", d["newsletter"].pk), only([P1, P2, M1])),
        Case("Backaskolan's (to Paula)", rev("newsletter_detail", d["backa_newsletter"].pk), only([P1, M1])),
        # The committee's presidium gets every unit's newsletter: Paula is BUN's vice chair.
        Case("Norrbyskolan's (to Per and BUN's presidium)", rev("newsletter_detail", d["norrby_newsletter"].pk),
             only([P1, P2, M2])),
    ],
    "newsletter_pdf": lambda d: [Case("Blåbäret's", rev("newsletter_pdf", d["newsletter"].pk), only([P1, P2, M1]))],
    "training:feed_all": lambda d: [Case("", rev("training:feed_all"), each(200))],
    "training:feed_audience": lambda d: [
        Case("alla", rev("training:feed_audience", "alla"), each(200)),
        Case("namnd-bun", rev("training:feed_audience", "namnd-bun"), each(200)),
        Case("unknown", rev("training:feed_audience", "okand"), each(404)),
    ],
    "training:feed_session": lambda d: [
        Case("published", rev("training:feed_session", d["session"].pk, d["session"].slug), each(200)),
    ],
    "training:sign_up": lambda d: [
        Case("unknown action", rev("training:sign_up", d["session"].pk), only(POLITICIANS, yes=REDIRECT, no=403),
             method="post", data={"atgard": "okand"}),
    ],
    # The key is the credential (calendar apps send no cookie): anyone holding it gets the feed.
    "training:feed_personal": lambda d: [
        Case(f"{owner}'s", rev("training:feed_personal", key), each(200)) for owner, key in d["tokens"].items()
    ] + [Case("revoked", rev("training:feed_personal", d["revoked_token"]), each(404))],
    "training:renew_calendar_token": lambda d: [
        Case("", rev("training:renew_calendar_token"), only(POLITICIANS, yes=REDIRECT, no=403), method="post"),
    ],
    "wagtailcore_authenticate_with_password": lambda d: [
        Case("login-only page", rev("wagtailcore_authenticate_with_password", d["restriction"].pk,
                                    d["restricted_page"].pk), each(200)),
    ],
    "wagtailcore_login": lambda d: [Case("", rev("wagtailcore_login"), each(LOGIN))],
    "frontend_login": lambda d: [Case("", rev("frontend_login"), each(LOGIN))],
    "wagtail_serve": page_cases,
    # Open data: the same public answer for everyone; drafts and what the public pages do not show are 404.
    "opendata:system": lambda d: [Case("", rev("opendata:system"), each(200))],
    "opendata:body_list": lambda d: [Case("", rev("opendata:body_list"), each(200))],
    "opendata:register_csv": lambda d: [Case("", rev("opendata:register_csv"), each(200))],
    "opendata:body": lambda d: [Case("", rev("opendata:body", 1), each(200)), Case("2", rev("opendata:body", 2), each(404))],
    "opendata:list": lambda d: [Case(name, rev("opendata:list", name), each(200)) for name in (
        "organization", "person", "membership", "meeting", "paper", "file", "legislativeterm")] + [
        Case("changed since", rev("opendata:list", "person", query="modified_since=2020-01-01T00:00:00%2B01:00"), each(200)),
        Case("unknown", rev("opendata:list", "okand"), each(404))],
    "opendata:object": lambda d: [Case(label, rev("opendata:object", kind, pk), each(200)) for label, kind, pk in (
        ("Per, without consent", "person", d["per"].pk), ("membership", "membership", d["membership"].pk),
        ("mandate period", "legislativeterm", d["period"].pk), ("captions", "file", d["document"].pk))],
    "opendata:object_of_kind": lambda d: [
        Case(label, rev("opendata:object_of_kind", *path, pk), each(code)) for label, path, pk, code in (
            ("unit", ("organization", "enhet"), d["unit"].pk, 200),
            ("committee", ("organization", "namnd"), d["committee"].pk, 200),
            ("party", ("organization", "parti"), d["party"].pk, 200),
            ("training session", ("meeting", "utbildning"), d["session"].pk, 200),
            ("announced presidium visit", ("meeting", "presidiebesok"), d["presidium"].pk, 200),
            ("contact visit (never public)", ("meeting", "presidiebesok"), d["per_visit"].pk, 404),
            ("submitted report", ("paper", "rapport"), d["report"].pk, 200),
            ("draft report", ("paper", "rapport"), d["draft"].pk, 404))],
    "opendata:location": lambda d: [Case("unit's address", rev("opendata:location", "enhet", d["unit"].pk), each(200))],
    "opendata:dcat": lambda d: [Case(fmt, rev("opendata:dcat", fmt), each(200)) for fmt in ("rdf", "ttl", "jsonld")],
    "opendata:catalogue": lambda d: [Case("RDF/XML unless asked otherwise", rev("opendata:catalogue"), each(200))],
}


# --- admin ----------------------------------------------------------------------------------

# Who may work with each snippet model, from the groups the demo gives (cms/roles.py and
# each app's demo): the secretaries keep the register, editors and secretaries the sessions.
SNIPPETS = {
    "visits_unit": ("unit", ADMINISTRATION),
    "visits_politician": ("per", ADMINISTRATION),
    "visits_contactassignment": ("assignment", ADMINISTRATION),
    "visits_membership": ("membership", ADMINISTRATION),
    "visits_committee": ("committee", ADMINISTRATION),
    "visits_party": ("party", ADMINISTRATION),
    "visits_mandateperiod": ("period", ADMINISTRATION),
    "training_trainingsession": ("session", (EDITOR, SECRETARY, ADMIN)),
    # No group is given the document types: only the admin changes that list.
    "home_governingdocumenttype": ("document_type", (ADMIN,)),
}
# The snippet views asked about. The others answer with the same view class and permission
# check as one of these (named in the comment), and are decided here without a request.
SNIPPET_ACTIONS = {
    "list": lambda obj: (),
    "add": lambda obj: (),
    "edit": lambda obj: (obj.pk,),
    "delete": lambda obj: (obj.pk,),
}
SAME_AS_ASKED = {
    "list_results", "usage", "history", "history_results",  # as list (any permission on the model)
    "copy",  # as add
    "preview_on_add", "preview_on_edit", "revisions_view", "revisions_revert", "revisions_compare",
    "revisions_unschedule", "unpublish",  # as edit (change permission)
}
CHOOSER_ACTIONS = {"choose": ()}
CHOOSER_SAME_AS_ASKED = {"choose_results", "chosen", "chosen_multiple", "create"}  # as choose (any admin user)

NOT_REQUESTED = "not requested"


def snippet_entries(name, action):
    """The cases for one discovered snippet URL name, or NOT_REQUESTED, or None when undecided."""
    chooser = name.startswith("wagtailsnippetchoosers_")
    model = name.removeprefix("wagtailsnippetchoosers_" if chooser else "wagtailsnippets_")
    if model not in SNIPPETS:
        return None
    obj_key, who = SNIPPETS[model]
    if chooser:
        if action in CHOOSER_SAME_AS_ASKED:
            return NOT_REQUESTED
        if action in CHOOSER_ACTIONS:
            # Any admin user may choose a register record (an editor names the committee that
            # adopted a governing document); the chooser shows only public fields.
            return lambda d: [Case(action, rev(f"{name}:{action}"), admin_only(ADMIN_USERS))]
        return None
    if action in SAME_AS_ASKED:
        return NOT_REQUESTED
    if action not in SNIPPET_ACTIONS:
        return None
    return lambda d: [Case(action, rev(f"{name}:{action}", *SNIPPET_ACTIONS[action](d[obj_key])), admin_only(who))]


def modeladmin(prefix, who, obj_key, exports=True, hidden=()):
    """wagtail-modeladmin URLs of a read-only record: index (and its exports) and inspect for
    `who`; create, edit and delete for nobody; `hidden` (label, object) are not there for anyone."""
    read_only = {role: DENIED if role in ADMIN_USERS else ADMIN_LOGIN for role in ROLES}
    entries = {
        f"{prefix}_index": lambda d: [Case("", rev(f"{prefix}_index"), admin_only(who))]
        + ([Case(f"export {fmt}", rev(f"{prefix}_index", query=f"export={fmt}"), admin_only(who))
            for fmt in ("csv", "xlsx")] if exports else []),
        f"{prefix}_inspect": lambda d: [Case("", rev(f"{prefix}_inspect", d[obj_key].pk), admin_only(who))]
        + [Case(label, rev(f"{prefix}_inspect", d[key].pk), admin_only((), no=404)) for label, key in hidden],
        f"{prefix}_history": lambda d: [Case("", rev(f"{prefix}_history", d[obj_key].pk), admin_only(who))],
        f"{prefix}_create": lambda d: [Case("", rev(f"{prefix}_create"), read_only)],
        f"{prefix}_edit": lambda d: [Case("", rev(f"{prefix}_edit", d[obj_key].pk), read_only)],
        f"{prefix}_delete": lambda d: [Case("", rev(f"{prefix}_delete", d[obj_key].pk), read_only)],
    }
    return entries


ADMIN_URLS = {
    "visits_import_register": lambda d: [Case("", rev("visits_import_register"), admin_only(ADMINISTRATION))],
    "visits_export_register": lambda d: [
        Case(f"{fmt}", rev("visits_export_register", fmt, query="lista=politiker"),
             admin_only(ADMINISTRATION)) for fmt in ("csv", "xlsx")
    ],
    "visits_start_period": lambda d: [Case("", rev("visits_start_period"), admin_only(ADMINISTRATION))],
    "feedback_statistics": lambda d: [Case("", rev("feedback_statistics"), admin_only(ADMINISTRATION))],
    "visit_ledger": lambda d: [Case("form", rev("visit_ledger"), admin_only(ADMINISTRATION))] + [
        Case(fmt, rev("visit_ledger", query=f"ar=2026&format={fmt}"), admin_only(ADMINISTRATION))
        for fmt in ("csv", "xlsx")
    ],
    "report_summary": lambda d: [
        Case(fmt or "table", rev("report_summary", query=f"ar=2026&format={fmt}" if fmt else "ar=2026"),
             admin_only(ADMINISTRATION)) for fmt in ("", "csv", "xlsx", "print")
    ],
    "training_attendance_index": lambda d: [Case("", rev("training_attendance_index"), admin_only(ADMINISTRATION))],
    "training_attendance": lambda d: [
        Case("", rev("training_attendance", d["session"].pk), admin_only(ADMINISTRATION))
    ],
    "training_export_session": lambda d: [
        Case(fmt, rev("training_export_session", d["session"].pk, fmt), admin_only(ADMINISTRATION))
        for fmt in ("csv", "xlsx")
    ],
    "training_politician_index": lambda d: [Case("", rev("training_politician_index"), admin_only(ADMINISTRATION))],
    "training_export_politician": lambda d: [
        Case(fmt, rev("training_export_politician", d["paula"].pk, fmt), admin_only(ADMINISTRATION))
        for fmt in ("csv", "xlsx")
    ],
    "feedback_admin:index": lambda d: [Case("", rev("feedback_admin:index"), admin_only(ADMINISTRATION))] + [
        Case(f"export {fmt}", rev("feedback_admin:index", query=f"export={fmt}"), admin_only(ADMINISTRATION))
        for fmt in ("csv", "xlsx")
    ],
    "feedback_admin:index_results": lambda d: [Case("", rev("feedback_admin:index_results"), admin_only(ADMINISTRATION))],
    "feedback_admin:edit": lambda d: [Case("", rev("feedback_admin:edit", d["feedback"].pk), admin_only(ADMINISTRATION))],
    "feedback_admin:inspect": lambda d: [
        Case("", rev("feedback_admin:inspect", d["feedback"].pk), admin_only(ADMINISTRATION))
    ],
    "newsletter_admin:index": lambda d: [Case("", rev("newsletter_admin:index"), admin_only(ADMINISTRATION))] + [
        Case(f"export {fmt}", rev("newsletter_admin:index", query=f"export={fmt}"), admin_only(ADMINISTRATION))
        for fmt in ("csv", "xlsx")
    ],
    "newsletter_admin:index_results": lambda d: [Case("", rev("newsletter_admin:index_results"), admin_only(ADMINISTRATION))],
    **modeladmin("visits_visitrequest_modeladmin", ADMINISTRATION, "presidium"),
    **modeladmin("visits_visitreport_modeladmin", ADMINISTRATION, "report", hidden=[("a draft", "draft")]),
    **modeladmin("cms_outboxmessage_modeladmin", (ADMIN,), "outbox_message", exports=False),
    # Wagtail's form submissions: residents' feedback and politicians' questions are for the
    # administration (and the unit's manager on Mina sidor), not for editors.
    "wagtailforms:index": lambda d: [Case("", rev("wagtailforms:index"), admin_only(ADMIN_USERS))],
    "wagtailforms:index_results": lambda d: [Case("", rev("wagtailforms:index_results"), admin_only(ADMIN_USERS))],
    "wagtailforms:list_submissions": lambda d: [
        Case("feedback", rev("wagtailforms:list_submissions", d["feedback_page"].pk), admin_only(ADMINISTRATION)),
        Case("feedback csv", rev("wagtailforms:list_submissions", d["feedback_page"].pk, query="export=csv"),
             admin_only(ADMINISTRATION)),
        Case("questions", rev("wagtailforms:list_submissions", d["questions_page"].pk), admin_only(ADMINISTRATION)),
        Case("reports (never here)", rev("wagtailforms:list_submissions", d["report_form_page"].pk),
             admin_only(())),
    ],
    "wagtailforms:list_submissions_results": lambda d: [
        Case("feedback", rev("wagtailforms:list_submissions_results", d["feedback_page"].pk), admin_only(ADMINISTRATION)),
    ],
    # The confirmation page is Wagtail's, for those who may read the submissions; its POST is
    # refused for feedback (a public record: visits.feedback.models.keep_feedback).
    "wagtailforms:delete_submissions": lambda d: [
        Case("feedback", rev("wagtailforms:delete_submissions", d["feedback_page"].pk,
                             query=f"selected-submissions={d['feedback'].pk}"), admin_only(ADMINISTRATION)),
    ],
}


def admin_entry(key):
    """The table entry for a discovered admin URL: cases, NOT_REQUESTED, or None (undecided)."""
    if key in ADMIN_URLS:
        return ADMIN_URLS[key]
    if key.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")) and ":" in key:
        name, action = key.split(":", 1)
        return snippet_entries(name, action)
    return None


# --- the matrix as Markdown (for the README's "Proof") ---------------------------------------

SHORT = {"anonymous": "anon", P1: "P1", P2: "P2", P3: "P3", M1: "M1", M2: "M2", HEAD: "H", EDITOR: "E",
         SECRETARY: "S", ADMIN: "A"}


def markdown(cases):
    """`cases` as (pattern key, Case): one row per pattern and answer pattern, labels joined."""
    rows = {}
    for key, case in cases:
        answers = tuple(str(case.expected[role]) for role in ROLES)
        rows.setdefault((key, case.method.upper(), answers), []).append(case.label or "")
    lines = ["| URL pattern | cases | " + " | ".join(SHORT[r] for r in ROLES) + " |",
             "|---|---|" + "---|" * len(ROLES)]
    for (key, method, answers), labels in rows.items():
        label = f"{len(labels)} pages" if len(labels) > 3 else "; ".join(filter(None, labels))
        method = "" if method == "GET" else f"{method} "
        lines.append(f"| `{key}` | {method}{label} | " + " | ".join(answers) + " |")
    return "\n".join(lines)

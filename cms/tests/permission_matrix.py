"""The permission matrix: the URLs it finds in the URL configuration and the expected answer
for every (URL, role), asked against the demo of cms/tests/matrix_demo.py.

Statuses are written as short codes: an int is the HTTP status; LOGIN is a redirect to
the site's login (/logga-in/?next=…); ADMIN_LOGIN a redirect to Wagtail's login (a user
without admin access, or nobody); DENIED Wagtail's "no permission" redirect to /admin/;
REDIRECT any other redirect (a POST that did its work and went back to its page)."""

import re

from .matrix_demo import MARKERS, ROLES, SIGNED_IN

LOGIN, ADMIN_LOGIN, DENIED, REDIRECT = "login", "admin-login", "denied", "redirect"


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
        # The personal key is the credential (no login): whoever holds it answers, once.
        *[Case(f"evaluation, {owner}'s personal link", f"{d['evaluation'].page.url}?nyckel={key}", each(200))
          for owner, key in d["evaluation_keys"].items()],
        Case("evaluation, a wrong key", f"{d['evaluation'].page.url}?nyckel={'x' * 43}", each(404)),
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
        # Joining is for BUN's presidium; Paula is on the visit already and is told so.
        Case("join the presidium visit", rev("visit_requests:act", d["presidium"].pk, "delta"),
             {**only([P1, M1], yes=REDIRECT), M1: 403}, method="post"),
    ],
    "visit_requests:presidium_plan": lambda d: [
        # The yearly plan is the presidium's: Paula is BUN's vice chair.
        Case("", rev("visit_requests:presidium_plan"), only([P1])),
    ],
    "visit_requests:unit_documents": lambda d: [
        Case("Backaskolan", rev("visit_requests:unit_documents", "backaskolan"), only([M1])),
        Case("Norrbyskolan", rev("visit_requests:unit_documents", "norrbyskolan"), only([M2])),
    ],
    "visit_requests:document_file": lambda d: [
        # Read where the presidium visit is prepared: BUN's presidium, the manager, the secretaries.
        Case("Backaskolan's activity plan", rev("visit_requests:document_file", d["unit_document"].pk),
             only([P1, M1, SECRETARY, ADMIN])),
    ],
    "reports:list": lambda d: [Case("", rev("reports:list"), signed_in(200, anonymous=404))],
    # A report's address leads a logged-out reader (a manager with the mail's link) to the login.
    "reports:detail": lambda d: [
        Case("Per's submitted BUN report", rev("reports:detail", d["report"].pk),
             only([P1, P2, M1, SECRETARY, ADMIN])),
        Case("Paula's draft", rev("reports:detail", d["draft"].pk), only([P1])),
    ],
    # The head of administration's summary of KFN (the secretaries have theirs in the admin).
    "reports:summary": lambda d: [Case("", rev("reports:summary"), only([HEAD], anonymous=404))],
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
        # Unanswered: the page that asks first (nothing is closed without "bekrafta").
        Case("unanswered asks first", rev("feedback_close", d["feedback"].pk), only([M1, SECRETARY, ADMIN]),
             method="post"),
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
    # A programme page's own feeds: its sessions only.
    "training:feed_programme": lambda d: [
        Case("", rev("training:feed_programme", d["session"].programme_id), each(200)),
        Case("no such programme", rev("training:feed_programme", 999999), each(404)),
    ],
    "training:feed_programme_audience": lambda d: [
        Case("alla", rev("training:feed_programme_audience", d["session"].programme_id, "alla"), each(200)),
        Case("namnd-bun", rev("training:feed_programme_audience", d["session"].programme_id, "namnd-bun"), each(200)),
        Case("unknown", rev("training:feed_programme_audience", d["session"].programme_id, "okand"), each(404)),
    ],
    "training:feed_session": lambda d: [
        Case("published", rev("training:feed_session", d["session"].pk, d["session"].slug), each(200)),
    ],
    # Politicians, and heads of administration and secretaries (staff training), may sign up.
    "training:sign_up": lambda d: [
        Case("unknown action", rev("training:sign_up", d["session"].pk),
             only((*POLITICIANS, HEAD, SECRETARY), yes=REDIRECT, no=403), method="post", data={"atgard": "okand"}),
    ],
    "activities:overview": lambda d: [Case("", rev("activities:overview"), signed_in(200))],
    "activities:record": lambda d: [
        Case("Blåbäret (Paula's and Per's unit, Erik manages)", rev("activities:record", "forskolan-blabaret"),
             only([P1, P2, M1])),
        Case("Norrby bibliotek (KFN)", rev("activities:record", "norrby-bibliotek"), only([P3])),
    ],
    # Recorded by the manager: only he may remove it (the politicians it names may not).
    "activities:remove": lambda d: [
        Case("the manager's entry at Blåbäret", rev("activities:remove", d["manager_activity"].pk),
             only([M1], yes=REDIRECT), method="post"),
    ],
    # The key is the credential (calendar apps send no cookie): anyone holding it gets the feed.
    "training:feed_personal": lambda d: [
        Case(f"{owner}'s", rev("training:feed_personal", key), each(200)) for owner, key in d["tokens"].items()
    ] + [Case("revoked", rev("training:feed_personal", d["revoked_token"]), each(404))] + [
        Case(label, rev("training:feed_personal", key), each(404)) for label, key in d["former_tokens"].items()
    ],
    "training:renew_calendar_token": lambda d: [
        Case("asks first", rev("training:renew_calendar_token"), only(POLITICIANS, yes=200, no=403), method="post"),
        Case("confirmed", rev("training:renew_calendar_token"), only(POLITICIANS, yes=REDIRECT, no=403),
             method="post", data={"bekrafta": "ja"}),
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
    "visits_new_contact_politician": lambda d: [
        Case("", rev("visits_new_contact_politician"), admin_only(ADMINISTRATION)),
    ],
    "visits_export_register": lambda d: [
        Case(f"{fmt}", rev("visits_export_register", fmt, query="lista=politiker"),
             admin_only(ADMINISTRATION)) for fmt in ("csv", "xlsx")
    ],
    "visits_start_period": lambda d: [Case("", rev("visits_start_period"), admin_only(ADMINISTRATION))],
    "feedback_statistics": lambda d: [Case("", rev("feedback_statistics"), admin_only(ADMINISTRATION))],
    "presidium_plan_admin": lambda d: [
        Case("", rev("presidium_plan_admin"), admin_only(ADMINISTRATION)),
        Case("BUN 2026", rev("presidium_plan_admin", query=f"namnd={d['committee'].pk}&ar=2026"),
             admin_only(ADMINISTRATION)),
    ],
    "visit_ledger": lambda d: [Case("form", rev("visit_ledger"), admin_only(ADMINISTRATION))] + [
        Case(fmt, rev("visit_ledger", query=f"ar=2026&format={fmt}"), admin_only(ADMINISTRATION))
        for fmt in ("csv", "xlsx")
    ],
    "evaluation_index": lambda d: [Case("", rev("evaluation_index"), admin_only(ADMINISTRATION))],
    "evaluation_results": lambda d: [
        Case(fmt or "page", rev("evaluation_results", d["evaluation"].pk, query=f"format={fmt}" if fmt else ""),
             admin_only(ADMINISTRATION)) for fmt in ("", "csv", "xlsx")
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
    ] + [
        Case(f"questions {fmt}", rev("wagtailforms:list_submissions", d["questions_page"].pk, query=f"export={fmt}"),
             admin_only(ADMINISTRATION)) for fmt in ("csv", "xlsx")
    ] + [
        Case("reports (never here)", rev("wagtailforms:list_submissions", d["report_form_page"].pk),
             admin_only(())),
        Case("reports csv (never here)", rev("wagtailforms:list_submissions", d["report_form_page"].pk,
                                             query="export=csv"), admin_only(())),
    ],
    "wagtailforms:list_submissions_results": lambda d: [
        Case("feedback", rev("wagtailforms:list_submissions_results", d["feedback_page"].pk), admin_only(ADMINISTRATION)),
    ],
    # The confirmation page (templates/wagtailforms/) explains to those who may read the
    # submissions that they are records; its POST is refused to everyone (the models' pre_delete
    # guards: keep_feedback, keep_questions, keep_submitted_reports).
    "wagtailforms:delete_submissions": lambda d: [
        Case("feedback", rev("wagtailforms:delete_submissions", d["feedback_page"].pk,
                             query=f"selected-submissions={d['feedback'].pk}"), admin_only(ADMINISTRATION)),
        Case("questions", rev("wagtailforms:delete_submissions", d["questions_page"].pk,
                              query=f"selected-submissions={d['question'].pk}"), admin_only(ADMINISTRATION)),
    ] + [
        Case(label, rev("wagtailforms:delete_submissions", d[page].pk, query=f"selected-submissions={d[obj].pk}"),
             admin_only(()), method="post")
        for label, page, obj in (("delete feedback", "feedback_page", "feedback"),
                                 ("delete questions", "questions_page", "question"),
                                 ("delete a report", "report_form_page", "report"))
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

"""The demo the permission matrix runs against: the roles' users, the records each may or may
not see, and unique markers planted in them (cms/tests/permission_matrix.py asks the questions)."""

import io
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
from visits.evaluation.models import Evaluation
from visits.feedback.models import FeedbackFormPage, FeedbackSubmission
from visits.newsletters.models import Newsletter
from visits.register.documents import UnitDocument
from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit
from visits.reports.models import VisitReport, VisitReportFormPage
from visits.requests.activities.models import Activity
from visits.requests.models import VisitRequest
from visits.requests.notifications import muted
from visits.requests.questions import VisitQuestion, VisitQuestionsFormPage

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
    "attachment": f"BILAGAMARKOR{TAG}",
}

# Files of restricted records: every FileField of our models, with the demo object that holds a
# file. They lie outside MEDIA_ROOT (cms/private_files.py); the view that serves each is in the
# table of permission_matrix.py like any URL, and the file's content is a marker (MAY_SEE in the test).
RESTRICTED_FILES = {"visits.Newsletter.pdf": "newsletter", "visits.UnitDocument.file": "unit_document"}


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


def _keys_of_former_politicians():
    """Calendar keys that must open nothing: a politician's whose account was deactivated, and
    one's whose account no longer has the politician role."""
    User = get_user_model()
    deactivated, former = Politician.objects.filter(user__isnull=True).order_by("last_name", "first_name")[:2]
    deactivated.user = User.objects.create_user("avstangd", is_active=False)
    deactivated.user.groups.add(Group.objects.get(name=roles.POLITICIANS))
    former.user = User.objects.create_user("fore-detta-politiker")
    for politician in (deactivated, former):
        politician.save(update_fields=["user"])
    return {"deactivated": CalendarToken.objects.current_for(deactivated).key,
            "without the role": CalendarToken.objects.current_for(former).key}


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
    former_tokens = _keys_of_former_politicians()

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
    newsletter.pdf.save("brev.pdf", ContentFile(f"%PDF-1.4\n% {MARKERS['attachment']}\n%%EOF\n".encode()))
    # The answer to a resident waits in the outbox: only the admin reads the outbox.
    outbox_message = queue_mail([MARKERS["feedback_email"]], "Svar på din synpunkt", "Tack, vi stänger grinden.")

    presidium = VisitRequest.objects.get(requested_by=paula, kind=VisitRequest.Kind.PRESIDIUM)
    question = VisitQuestion.objects.filter(visit=presidium).first()
    session = TrainingSession.objects.published().filter(signups__politician=paula).order_by("starts_at").first()
    # The demo's BUN evaluation: Paula has not answered, so her personal key is hers alone to see.
    evaluation = Evaluation.objects.get(committee__short_name="BUN")
    evaluation_keys = {recipient.user.username: recipient.key for recipient in
                       evaluation.recipients.unanswered().filter(user__username__in=["politiker", "politiker2"])}
    return {
        "users": users,
        "tokens": tokens,
        "evaluation": evaluation,
        "evaluation_keys": evaluation_keys,
        "manager_activity": Activity.objects.get(recorded_as=Activity.RecordedAs.MANAGER, unit=blabaret),
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
        "former_tokens": former_tokens,
        "restriction": PageViewRestriction.objects.get(page=restricted),
        "report_form_page": VisitReportFormPage.objects.get(),
        "questions_page": VisitQuestionsFormPage.objects.get(),
        "document": get_document_model().objects.order_by("pk").first(),
        "unit_document": UnitDocument.objects.filter(unit__slug="backaskolan").order_by("pk").first(),
        "session": session,
        "paula": paula,
        "per": per,
        "other": other,
        "norrby": norrby,
        "public_page": public,
        "restricted_page": restricted,
    }

"""Secrets planted in the demo: what must never leave through open data, and what must."""

import secrets

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.tests.matrix_demo import MARKERS, build_matrix_demo
from home.models import GoverningDocumentPage
from training.models import TrainingSession
from visits.register.models import Politician, Unit
from visits.requests.models import VisitRequest
from visits.requests.notifications import muted

TAG = secrets.token_hex(4)
SECRETS = {
    **{name: MARKERS[name] for name in ("report", "draft", "feedback_text", "feedback_email", "private_email",
                                        "private_phone", "restricted_page")},
    "draft_document": f"UTKASTDOKUMENT{TAG}",
    "private_document": f"SKYDDATDOKUMENT{TAG}",
    "protected_file": f"SKYDDADFIL{TAG}",
    "draft_session": f"UTKASTUTBILDNING{TAG}",
    "unannounced_visit": f"EJANNONSERAT{TAG}",
    "visit_purpose": f"BESOKSSYFTE{TAG}",
}
PUBLIC = {
    "consented_email": "paula-politiker@politik.adala.example.se",
}


def build_open_data_demo():
    demo = build_matrix_demo()
    per, paula = demo["per"], demo["paula"]
    documents = list(GoverningDocumentPage.objects.live().public().order_by("pk"))
    template, public_document = documents[0], documents[-1]
    index = template.get_parent()

    # A styrdokument saved as a draft and never published, and one behind a login.
    draft = index.add_child(instance=GoverningDocumentPage(
        title=f"Utkast {SECRETS['draft_document']}", slug="utkast-styrdokument", live=False,
        **_document_fields(template)))
    draft.save_revision()
    private = index.add_child(instance=GoverningDocumentPage(
        title=f"Internt {SECRETS['private_document']}", slug="internt-styrdokument", **_document_fields(template)))
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    # The signed original of a public styrdokument lies in a collection behind a login.
    Document = get_document_model()
    protected = Collection.get_first_root_node().add_child(name="Skyddade")
    CollectionViewRestriction.objects.create(collection=protected, restriction_type=CollectionViewRestriction.LOGIN)
    hidden_file = Document(title=f"Original {SECRETS['protected_file']}", collection=protected)
    hidden_file.file.save("original.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    public_document.signed_original = hidden_file
    public_document.save_revision().publish()

    # A training session saved as a draft, never published.
    session = TrainingSession.objects.published().order_by("pk").first()
    draft_session = TrainingSession(
        programme=session.programme, title=f"Utkast {SECRETS['draft_session']}", programme_year=session.programme_year,
        starts_at=session.starts_at, ends_at=session.ends_at, location="Kommunhuset",
        responsible_body=session.responsible_body, live=False)
    draft_session.save()

    # A presidium visit asked for with a public invitation but never accepted, and a contact visit's purpose.
    # (At a BUN unit the matrix demo has not given a presidium visit this year: one a year per unit.)
    backaskolan = Unit.objects.get(slug="backaskolan")
    unit = (Unit.objects.filter(committee=backaskolan.committee, active=True)
            .exclude(visit_requests__kind=VisitRequest.Kind.PRESIDIUM, visit_requests__year=2026).order_by("pk").first())
    with muted():
        VisitRequest.submit(
            politician=paula, unit=unit, kind=VisitRequest.Kind.PRESIDIUM, wished_times="I vår",
            purpose=SECRETS["visit_purpose"], year=2026, public_invitation=True,
            invitation_topic=f"Möte {SECRETS['unannounced_visit']}", invitation_place="Aulan", by=paula.user)
    Politician.objects.filter(pk=per.pk).update(first_name="Per")
    return {**demo, "draft_document": draft, "private_document": private, "hidden_file": hidden_file,
            "public_document": public_document, "draft_session": draft_session}


def _document_fields(template):
    names = ("document_type_id", "diary_number", "created_by_name", "created_by_title", "created_on",
             "adopted_by_id", "adopted_on", "adopted_paragraph", "valid_from", "owner_role", "owner_email")
    return {name: getattr(template, name) for name in names}


def with_signed_original(demo):
    """A public styrdokument (not the one with a protected original) given a signed original."""
    page = GoverningDocumentPage.objects.live().public().exclude(pk=demo["public_document"].pk).order_by("pk").first()
    page.signed_original = get_document_model().objects.create(title="Original", file=ContentFile(b"%PDF", "o.pdf"))
    page.save_revision().publish()
    return GoverningDocumentPage.objects.get(pk=page.pk)

"""Every OParl list costs the same number of queries for one object on the page as for a
full page, and the same again when the register and the papers grow."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home.models import GoverningDocumentDecision, GoverningDocumentPage
from training.models import TrainingSession
from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit
from visits.reports.models import VisitReport

LISTS = ["person", "organization", "membership", "meeting", "paper", "file", "legislativeterm"]


def queries(client, url):
    client.get(url)  # warm: image renditions, Wagtail's site root
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.json()["data"])


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (200, 200), "teal").save(buffer, "PNG")
    return ImageFile(buffer, name="foto.png")


@pytest.fixture
def with_photos(oparl_demo):
    """Some politicians consented to a photo: the list reads prepared renditions, not one query each."""
    image = get_image_model().objects.create(title="Foto", file=png())
    for politician in Politician.objects.order_by("pk")[:5]:
        politician.photo, politician.photo_consent_on = image, timezone.localdate()
        politician.save()
    return oparl_demo


def grow(demo, size):
    """`size` more of everything: politicians (each a member of BUN and contact politician for
    a new unit), styrdokument (with a revision and a signed original), submitted reports
    (corrections of one) and training sessions."""
    period = MandatePeriod.objects.current()
    committee, party = demo["committee"], demo["party"]
    unit = Unit.objects.get(slug="backaskolan")
    template = GoverningDocumentPage.objects.live().public().order_by("pk").first()
    index = template.get_parent()
    report = VisitReport.objects.submitted().order_by("pk").first()
    session = TrainingSession.objects.published().order_by("pk").first()
    start = Politician.objects.filter(slug__startswith="ny-ledamot-").count()
    for i in range(start, start + size):
        politician = Politician.objects.create(first_name="Ny", last_name=f"Ledamot {i}", slug=f"ny-ledamot-{i}",
                                               party=party)
        Membership.objects.create(politician=politician, committee=committee, period=period)
        new_unit = Unit.objects.create(name=f"Nya skolan {i}", slug=f"nya-skolan-{i}", kind=unit.kind,
                                       committee=committee, address=f"Skolvägen {i}")
        ContactAssignment.objects.create(politician=politician, unit=new_unit, period=period)
        original = get_document_model().objects.create(title=f"Original {i}", file=ContentFile(b"%PDF-1.4", "o.pdf"))
        page = index.add_child(instance=GoverningDocumentPage(
            title=f"Riktlinje {i}", slug=f"riktlinje-{i}", signed_original=original, **{
                field: getattr(template, field) for field in (
                    "document_type_id", "diary_number", "created_by_name", "created_by_title", "created_on",
                    "adopted_by_id", "adopted_on", "adopted_paragraph", "valid_from", "owner_role", "owner_email")}))
        page.save_revision().publish()
        GoverningDocumentDecision.objects.create(page=page, decided_on=template.adopted_on, decided_by=committee,
                                                 paragraph="§ 1", change="Reviderad.")
        VisitReport.objects.create(
            page=report.page, form_data={}, visit=report.visit, author=report.author, state=VisitReport.State.SUBMITTED,
            committee=report.committee, registration_year=2026, number=9000 + i,
            registration_number=f"BUN 2026/{9000 + i}", submitted_at=timezone.now(), supersedes=report)
        copy = TrainingSession(programme=session.programme, title=f"Tillfälle {i}", programme_year=session.programme_year,
                               starts_at=session.starts_at, ends_at=session.ends_at, location="Kommunhuset",
                               responsible_body=session.responsible_body)
        copy.save()
        copy.save_revision().publish()


def first_kind(page):
    """How many objects at the start of a list page are of the same kind as the first."""
    prefix = page["data"][0]["id"].rstrip("/").rsplit("/", 1)[0]
    return next((i for i, item in enumerate(page["data"]) if not item["id"].startswith(prefix + "/")),
                len(page["data"]))


@pytest.mark.parametrize("name", LISTS)
def test_one_object_on_a_page_costs_what_many_of_its_kind_cost(with_photos, client, name):
    grow(with_photos, 3)
    many = first_kind(client.get(f"/oparl/v1.1/{name}/").json())
    assert many > 1
    assert queries(client, f"/oparl/v1.1/{name}/?limit=1") == (queries(client, f"/oparl/v1.1/{name}/?limit={many}")[0], 1)
    assert queries(client, f"/oparl/v1.1/{name}/?limit={many}")[1] == many


@pytest.mark.parametrize("name", LISTS)
def test_a_full_page_costs_the_same_when_the_data_grows(with_photos, client, name):
    grow(with_photos, 1)
    before, shown_before = queries(client, f"/oparl/v1.1/{name}/")
    grow(with_photos, 10)
    after, shown_after = queries(client, f"/oparl/v1.1/{name}/")
    assert after == before
    assert shown_after > shown_before or name == "legislativeterm"

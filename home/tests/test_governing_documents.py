"""Styrdokument: status derived from dates and replacements, history, diary numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from home.models import DocumentStatus, GoverningDocumentPage, GoverningDocumentSettings

from .conftest import TODAY
from .documents_factories import admin_form_data, make_committee, make_document

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def status_of(page, today=TODAY):
    return GoverningDocumentPage.objects.with_status(today).get(pk=page.pk).status


def test_document_valid_from_today_without_end_is_in_force(document_index):
    document = make_document(document_index, valid_from=TODAY)

    assert status_of(document) == DocumentStatus.IN_FORCE


def test_document_valid_from_tomorrow_is_upcoming(document_index):
    document = make_document(document_index, valid_from=TODAY + DAY)

    assert status_of(document) == DocumentStatus.UPCOMING


def test_document_is_in_force_on_its_last_day_and_expired_the_day_after(document_index):
    document = make_document(document_index, valid_from=TODAY - 10 * DAY, valid_until=TODAY)

    assert status_of(document) == DocumentStatus.IN_FORCE
    assert status_of(document, today=TODAY + DAY) == DocumentStatus.EXPIRED


def test_document_is_replaced_once_its_successor_is_in_force(document_index):
    old = make_document(document_index, title="Riktlinjer 2019", valid_from=datetime.date(2019, 4, 1))
    make_document(document_index, title="Riktlinjer 2026", valid_from=TODAY + DAY, replaces=old)

    assert status_of(old) == DocumentStatus.IN_FORCE
    assert status_of(old, today=TODAY + DAY) == DocumentStatus.REPLACED


def test_draft_successor_does_not_replace_a_document(document_index):
    old = make_document(document_index, title="Riktlinjer 2019", valid_from=datetime.date(2019, 4, 1))
    make_document(document_index, title="Utkast till nya riktlinjer", live=False, valid_from=TODAY, replaces=old)

    assert status_of(old) == DocumentStatus.IN_FORCE


def test_replaced_wins_over_an_expiry_date(document_index):
    old = make_document(document_index, title="Gammal", valid_from=datetime.date(2019, 1, 1), valid_until=TODAY - DAY)
    make_document(document_index, title="Ny", valid_from=TODAY - DAY, replaces=old)

    assert status_of(old) == DocumentStatus.REPLACED


def test_page_shows_the_same_status_as_the_listing(document_index):
    document = make_document(document_index, valid_from=datetime.date(2020, 1, 1))

    listed = GoverningDocumentPage.objects.for_listing().get(pk=document.pk)
    assert document.current_status() == listed.status == DocumentStatus.IN_FORCE


def test_last_revised_is_the_latest_decision_in_the_history(document_index):
    bun = make_committee()
    document = make_document(
        document_index,
        decisions=[
            {"decided_on": datetime.date(2025, 9, 18), "decided_by": bun, "paragraph": "§ 63", "change": "Ersättning."},
            {"decided_on": datetime.date(2024, 12, 1), "decided_by": bun, "paragraph": "§ 90", "change": "Språk."},
        ],
    )
    never_revised = make_document(document_index, title="Aldrig reviderad")

    assert GoverningDocumentPage.objects.get(pk=document.pk).last_revised_on == datetime.date(2025, 9, 18)
    assert never_revised.last_revised_on is None


@pytest.mark.parametrize("value", [
    "BUN 2026/123", "KF 2022/1", "KFN 2027/45678", "ÅVN 2025/9",
    # the seeds' own forms
    "BIN 2021/53", "2015/0044", "KS.2011.184", "BN487-21 600",
])
def test_diary_number_in_the_municipalitys_form_is_accepted(site_home, value):
    GoverningDocumentSettings.for_site(Site.objects.get(is_default_site=True)).validate_diary_number(value)


@pytest.mark.parametrize("value", [
    "bun 2026/123", "BUN-2026-123", "", "BUN 2026/123 extra", "dnr 12", "BUN 2026", "2026", "BUN / 2026",
])
def test_diary_number_in_another_form_is_refused_with_an_example(site_home, value):
    settings = GoverningDocumentSettings.for_site(Site.objects.get(is_default_site=True))

    with pytest.raises(ValidationError) as error:
        settings.validate_diary_number(value)

    assert "Skriv det till exempel så här: BUN 2026/123" in error.value.messages[0]


def test_a_site_that_kept_the_old_default_pattern_gets_the_wider_one_and_a_written_one_stays(site_home):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("home.migrations.0004_governing_paragraph_optional_and_seed_diary_numbers")
    settings = GoverningDocumentSettings.for_site(Site.objects.get(is_default_site=True))
    GoverningDocumentSettings.objects.filter(pk=settings.pk).update(diary_number_pattern=migration.OLD_DEFAULT)

    migration.widen_untouched_patterns(apps, None)
    settings.refresh_from_db()
    assert settings.diary_number_pattern == migration.NEW_DEFAULT
    settings.validate_diary_number("2015/0044")

    GoverningDocumentSettings.objects.filter(pk=settings.pk).update(diary_number_pattern=r"^\d{4}-\d{3}$")
    migration.widen_untouched_patterns(apps, None)
    settings.refresh_from_db()
    assert settings.diary_number_pattern == r"^\d{4}-\d{3}$"


def test_site_can_configure_its_own_diary_number_pattern(site_home):
    settings = GoverningDocumentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.diary_number_pattern = r"^\d{4}-\d{3}$"
    settings.diary_number_example = "2026-123"

    settings.full_clean()
    settings.validate_diary_number("2026-001")
    with pytest.raises(ValidationError):
        settings.validate_diary_number("BUN 2026/123")


def test_broken_diary_number_pattern_cannot_be_saved(site_home):
    settings = GoverningDocumentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.diary_number_pattern = "^[A-Z"

    with pytest.raises(ValidationError) as error:
        settings.full_clean()

    assert "diary_number_pattern" in error.value.message_dict


def test_editor_sees_a_helpful_error_for_a_wrong_diary_number(admin_client, document_index):
    committee = make_committee()
    url = f"/admin/pages/add/home/governingdocumentpage/{document_index.pk}/"

    response = admin_client.post(url, admin_form_data(committee, "dnr 12"))

    assert response.status_code == 200
    assert "Diarienumret ”dnr 12” har inte kommunens form" in response.content.decode()
    assert not GoverningDocumentPage.objects.exists()


def test_editor_can_save_a_document_with_a_correct_diary_number(admin_client, document_index):
    committee = make_committee()
    url = f"/admin/pages/add/home/governingdocumentpage/{document_index.pk}/"

    response = admin_client.post(url, admin_form_data(committee, "BUN 2026/70"))

    assert response.status_code == 302
    assert GoverningDocumentPage.objects.get().diary_number == "BUN 2026/70"


def test_the_paragraph_of_the_decision_is_optional(admin_client, document_index):
    data = admin_form_data(make_committee(), "2015/0044")
    data["adopted_paragraph"] = ""

    response = admin_client.post(f"/admin/pages/add/home/governingdocumentpage/{document_index.pk}/", data)

    assert response.status_code == 302
    page = GoverningDocumentPage.objects.get()
    assert page.adopted_paragraph == "" and page.diary_number == "2015/0044"


def test_a_document_without_paragraphs_shows_no_empty_paragraph(client, document_index):
    bun = make_committee()
    document = make_document(document_index, adopted_paragraph="", decisions=[
        {"decided_on": datetime.date(2025, 9, 18), "decided_by": bun, "paragraph": "", "change": "Språket."}])

    html = client.get(document.url).content.decode()

    assert "16 maj 2024</time></dd>" in html
    assert '<td data-label="Paragraf">–</td>' in html


def test_document_valid_until_before_valid_from_is_refused(admin_client, document_index):
    data = admin_form_data(make_committee(), "BUN 2026/70")
    data["valid_until"] = "2026-01-01"

    response = admin_client.post(f"/admin/pages/add/home/governingdocumentpage/{document_index.pk}/", data)

    assert "Slutdatumet kan inte ligga före" in response.content.decode()

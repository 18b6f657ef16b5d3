"""A translated page is the same record in another language: styrdokument and programme pages keep
their metadata, status, sessions and decisions in the Swedish original, and nothing that lists
records (the index, reminders, open data, feeds) counts a translation twice."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, WorkflowPage

from cms import roles
from cms.demo_english import translate
from cms.models import OutboxMessage
from home.documents import send_review_reminders
from home.governing_demo import ensure_index, ensure_moderation
from home.tests.documents_factories import make_document

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def index(site_home, english):
    for name in (roles.EDITORS, roles.SECRETARIES):
        Group.objects.get_or_create(name=name)
    index = ensure_index(site_home)
    ensure_moderation(index)
    translate(site_home, english, {"title": "Insyn"})
    return index


@pytest.fixture
def documents(index, english):
    old = make_document(index, "Riktlinjer 2019", diary_number="BUN 2019/64", valid_from=datetime.date(2019, 4, 1),
                        next_review_on=TODAY + datetime.timedelta(days=10))
    new = make_document(index, "Riktlinjer för kontaktpolitiker", replaces=old,
                        next_review_on=TODAY + datetime.timedelta(days=20),
                        decisions=[{"decided_on": datetime.date(2025, 9, 18), "decided_by": old.adopted_by,
                                    "paragraph": "§ 63", "change": "Förtydligat om ersättning."}])
    for document in (old, new):
        document.save_revision().publish()
    english_index = translate(index, english, {"title": "Governing documents", "slug": "governing-documents"})
    english_new = translate(new, english, {
        "title": "Guidelines for contact politicians", "slug": "guidelines", "summary": "How visits work.",
    })
    return {"old": old, "new": new, "english_index": english_index, "english_new": english_new}


def html(response):
    return response.content.decode()


def test_the_english_index_lists_each_document_once_in_english_where_translated(client, documents):
    body = html(client.get("/en/governing-documents/", {"status": "alla"}))

    assert "2 governing documents" in body
    assert '<a href="/en/governing-documents/guidelines/">Guidelines for contact politicians</a>' in body
    assert "How visits work." in body
    assert '<a href="/en/styrdokument/riktlinjer-2019/" lang="sv">Riktlinjer 2019</a>' in body
    assert "Replaced by a newer document" in body and "Guideline" in body


def test_a_translation_shows_the_originals_metadata_status_and_decisions(client, documents):
    new = documents["new"]
    new.diary_number = "BUN 2024/999"  # a later change to the Swedish record
    new.save_revision().publish()

    body = html(client.get("/en/governing-documents/guidelines/"))

    assert "BUN 2024/999" in body
    assert "In force" in body
    assert 'lang="sv">Förtydligat om ersättning.</td>' in body
    assert '<a href="/en/styrdokument/riktlinjer-2019/" lang="sv">Riktlinjer 2019</a>' in body


def test_a_translation_sends_no_second_review_reminder(documents, english):
    # The English copy carries the same review date; the reminder is the Swedish document's, once.
    assert send_review_reminders(TODAY) == 1
    assert OutboxMessage.objects.get().subject.startswith("Påminnelse: Riktlinjer för kontaktpolitiker")


def test_open_data_publishes_the_swedish_documents_only(client, documents):
    papers = json.loads(client.get("/oparl/v1.1/paper/").content)["data"]
    web = {paper.get("web") for paper in papers}

    assert len([paper for paper in papers if "/styrdokument/" in paper["id"]]) == 2
    assert not any("/en/" in (address or "") for address in web)


def test_a_translation_is_approved_like_its_original(documents):
    english_index = documents["english_index"]
    swedish_workflow = WorkflowPage.objects.get(page=documents["new"].get_parent()).workflow

    assert WorkflowPage.objects.get(page=english_index).workflow == swedish_workflow
    assert set(GroupPagePermission.objects.filter(page=english_index).values_list("group__name", "permission__codename")) == \
        set(GroupPagePermission.objects.filter(page=documents["new"].get_parent()).values_list(
            "group__name", "permission__codename"))


@pytest.fixture
def programme(site_home, english):
    from training.tests.factories import local, make_programme, make_session

    programme = make_programme(site_home)
    make_session(programme, title="Grundutbildning", starts_at=local(2027, 2, 4, 9))
    make_session(programme, title="Inställd utbildning", starts_at=local(2027, 3, 4, 9), status="cancelled",
                 status_reason="För få anmälda.")
    translate(site_home, english, {"title": "Insyn"})
    translate(programme, english, {"title": "Training 2027–2030", "slug": "training"})
    return programme


def test_a_translated_programme_shows_the_same_sessions_in_english(client, programme):
    body = html(client.get("/en/training/"))
    session = programme.sessions.get(title="Grundutbildning")

    assert "Training 2027–2030" in body
    assert f'<a href="/en/training/{session.pk}-{session.slug}/" lang="sv">Grundutbildning</a>' in body
    assert "Year 1 of the mandate period" in body
    assert html(client.get(f"/en/training/{session.pk}-{session.slug}/")).count("Grundutbildning") >= 1


def test_the_english_feed_links_to_english_pages_and_the_swedish_feed_is_unchanged(client, programme):
    english = client.get("/en/utbildning/kalender.ics").content.decode()
    swedish = client.get("/utbildning/kalender.ics").content.decode()

    assert "URL:http://testserver/en/training/" in english and "CANCELLED: För få anmälda." in english
    assert "X-WR-CALNAME:Training for elected representatives" in english
    assert "URL:http://testserver/utbildning/" in swedish and "INSTÄLLT: För få anmälda." in swedish
    assert "X-WR-CALNAME:Utbildning för förtroendevalda" in swedish
    # One event per session in each: the translation is not a second programme.
    assert len(re.findall(r"^BEGIN:VEVENT", english, re.M)) == len(re.findall(r"^BEGIN:VEVENT", swedish, re.M)) == 2

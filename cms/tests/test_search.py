"""The site search with the demo content: pages, units, politicians and training sessions,
on SQLite and on PostgreSQL (the suite runs on both)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from home.models import StandardPage
from training.models import TrainingProgrammePage, TrainingSession
from visits.register.models import Committee, Politician

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(run_tasks):
    call_command("seed_demo", stdout=None)
    run_tasks()  # Wagtail updates its page index through the task queue


def search(client, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_unit_is_found_by_its_name_and_by_part_of_it(client, demo):
    for query in ("Backaskolan", "backa"):
        html = search(client, query)
        assert "Backaskolan F–6" in html and 'href="/enheter/backaskolan/"' in html


def test_a_politician_is_found_by_name_with_public_fields_only(client, demo):
    politician = Politician.objects.filter(email_consent_on__isnull=True).exclude(email="").first()
    html = search(client, f"{politician.first_name} {politician.last_name}")

    assert politician.full_name in html and f'href="/enheter/politiker/{politician.slug}/"' in html
    assert politician.email not in html and politician.phone not in html


def test_a_politician_without_a_current_membership_is_not_found(client, demo):
    Politician.objects.create(first_name="Tidigare", last_name="Ledamotsson", slug="tidigare",
                              party=Politician.objects.first().party)

    assert "/enheter/politiker/tidigare/" not in search(client, "Ledamotsson")


def test_a_newly_published_session_is_found_at_once(client, demo):
    programme = TrainingProgrammePage.objects.get(slug="utbildning")
    start = timezone.make_aware(datetime.datetime(2027, 5, 12, 13, 0))
    session = TrainingSession(programme=programme, title="Bisittarutbildning om offentlighetsprincipen",
                              programme_year=1, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                              location="Stadshuset", responsible_body=Committee.objects.get(short_name="KS"),
                              live=False)
    session.save()
    assert "Bisittarutbildning" not in search(client, "bisittar")  # a draft is not found

    session.live = True
    session.save()
    html = search(client, "bisittar")
    assert "Bisittarutbildning om offentlighetsprincipen" in html and session.get_url() in html


def test_the_start_of_a_page_title_finds_the_page(client, demo):
    html = search(client, "kontakt")

    assert "Om kontaktpolitiker" in html


def test_a_replaced_styrdokument_is_labelled_as_replaced(client, demo):
    html = search(client, "Riktlinjer")

    old = html.index("Riktlinjer för kontaktpolitiker 2019")
    assert "Ersatt" in html[old:old + 300]
    current = html.index("Riktlinjer för kontaktpolitiker</a>")
    assert "Ersatt" not in html[current:current + 60]


def test_swedish_inflections_match_on_postgresql_and_whole_words_on_sqlite(client, demo, run_tasks):
    home = StandardPage.objects.get(slug="om-kontaktpolitiker").get_parent()
    home.add_child(instance=StandardPage(title="Skolornas arbetsmiljö", slug="skolornas-arbetsmiljo",
                                         intro="Om skolornas lokaler."))
    run_tasks()

    found = "Skolornas arbetsmiljö" in search(client, "skolor lokal")
    assert found == (connection.vendor == "postgresql")

import pytest

from cms.management.commands.seed_demo import ensure_demo_users, ensure_role_groups
from training import demo
from training.models import SignUp, TrainingProgrammePage, TrainingSession
from visits import demo as visits_demo

pytestmark = pytest.mark.django_db


def build_twice(site_home):
    ensure_role_groups()
    users = ensure_demo_users()
    visits_demo.build(home=site_home, users=users)
    demo.build(home=site_home, users=users)
    counts = (TrainingSession.objects.count(), SignUp.objects.count(), TrainingSession.objects.filter(sequence__gt=0).count())
    demo.build(home=site_home, users=users)
    assert counts == (
        TrainingSession.objects.count(), SignUp.objects.count(), TrainingSession.objects.filter(sequence__gt=0).count()
    )
    return users


def test_the_demo_programme_covers_four_years_and_builds_twice_without_change(client, site_home):
    build_twice(site_home)

    programme = TrainingProgrammePage.objects.get(slug="utbildning")
    sessions = programme.sessions.published()
    assert programme.url == "/utbildning/" and programme.show_in_menus
    assert sorted(set(sessions.values_list("programme_year", flat=True))) == [1, 2, 3, 4]
    assert sessions.filter(status="cancelled").count() == 1
    moved = sessions.get(status="moved")
    assert moved.sequence == 1 and moved.local_start.day == 20
    assert sessions.filter(all_day=True).exists()
    assert TrainingSession.objects.exclude(recording_url="").filter(programme__slug="utbildning-2023-2026").count() == 3
    response = client.get("/utbildning/")
    assert response.status_code == 200 and "Ordförandeutbildning för presidier" in response.content.decode()
    assert client.get("/utbildning/kalender.ics").status_code == 200


def test_the_demo_politician_sees_sessions_and_attendance_on_my_pages(client, site_home):
    users = build_twice(site_home)
    client.force_login(users["politiker"])

    html = client.get("/mina-sidor/").content.decode()

    assert "Grundutbildning för alla förtroendevalda" in html
    assert "Grundutbildning för förtroendevalda 2023" in html and "Närvarade" in html

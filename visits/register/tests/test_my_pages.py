import pytest

from visits.register.models import Politician
from visits.register.tests.factories import make_register, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_politician_sees_their_units_in_the_current_period(client, directory):
    register = make_register(unit_count=2)
    user = make_user("paula")
    mine = register["units"][0].contact_assignments.first().politician
    Politician.objects.filter(pk=mine.pk).update(user=user)
    client.force_login(user)

    html = client.get("/mina-sidor/").content.decode()

    assert "Mina enheter som kontaktpolitiker" in html
    assert f'href="/enheter/{register["units"][0].slug}/"' in html
    assert register["units"][1].name not in html  # not their unit
    assert "Ledamot" in html or "ledamot" in html


def test_another_politician_does_not_see_these_units(client, directory):
    register = make_register()
    other = make_user("per")
    Politician.objects.filter(pk=register["units"][0].contact_assignments.first().politician_id).update(user=make_user("paula"))
    from visits.register.tests.factories import make_politician

    make_politician(user=other)
    client.force_login(other)

    html = client.get("/mina-sidor/").content.decode()

    assert register["units"][0].name not in html
    assert "Du är inte kontaktpolitiker för någon enhet" in html


def test_manager_sees_only_the_units_they_manage(client, directory):
    register = make_register()
    manager = make_user("erik")
    mine = make_unit(name="Ekskolan", committee=register["committee"], manager=manager)
    make_unit(name="Granskolan", committee=register["committee"], manager=make_user("annan-chef"))
    client.force_login(manager)

    html = client.get("/mina-sidor/").content.decode()

    assert "Enheter du är chef för" in html
    assert mine.name in html
    assert "Granskolan" not in html


def test_user_without_register_links_gets_no_register_sections(client, directory):
    make_register()
    client.force_login(make_user("nobody"))

    html = client.get("/mina-sidor/").content.decode()

    assert "Mina enheter som kontaktpolitiker" not in html
    assert "Enheter du är chef för" not in html


def test_visitor_is_sent_to_login(client, directory):
    response = client.get("/mina-sidor/")

    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def test_my_pages_query_count_is_the_same_for_1_and_50_units(client, directory, django_assert_num_queries):
    from visits.register.models import ContactAssignment, Unit

    register = make_register(unit_count=1, politicians_per_unit=3)
    user = make_user("both")
    politician = register["units"][0].contact_assignments.first().politician
    Politician.objects.filter(pk=politician.pk).update(user=user)
    Unit.objects.update(manager=user)
    client.force_login(user)
    expected = count_queries(client, "/mina-sidor/")

    for unit in make_register(unit_count=49, politicians_per_unit=3)["units"]:
        ContactAssignment.objects.create(politician=politician, unit=unit, period=register["period"])
    Unit.objects.update(manager=user)
    with django_assert_num_queries(expected):
        html = client.get("/mina-sidor/").content.decode()
    assert html.count("(grundskola, BUN)") == 100  # 50 as contact politician, 50 as manager

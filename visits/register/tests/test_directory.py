import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.testing import generation_cache_on
from visits.register.models import ContactAssignment, Unit
from visits.register.tests.factories import (
    make_committee,
    make_membership,
    make_politician,
    make_register,
    make_unit,
)

pytestmark = pytest.mark.django_db
CONSENT = datetime.date(2024, 1, 1)


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_resident_finds_units_grouped_by_kind_with_their_contacts(client, directory):
    register = make_register(unit_count=2)
    make_unit(name="Förskolan Humlan", kind=Unit.Kind.PRESCHOOL, committee=register["committee"])
    make_unit(name="Nedlagda skolan", committee=register["committee"], active=False)

    html = html_of(client.get("/enheter/"))

    assert html.index("Förskola</h2>") < html.index("Grundskola</h2>")
    assert "Förskolan Humlan" in html
    assert "Nedlagda skolan" not in html
    first = register["units"][0].contact_assignments.first().politician
    assert first.full_name in html


def test_resident_searches_by_name_and_filters_by_kind_and_committee(client, directory):
    bun = make_committee()
    kfn = make_committee("KFN", "Kultur- och fritidsnämnden")
    make_unit(name="Björkskolan", committee=bun)
    make_unit(name="Björkbiblioteket", kind=Unit.Kind.LIBRARY, committee=kfn)
    make_unit(name="Ekskolan", committee=bun)

    html = html_of(client.get("/enheter/", {"q": "björk"}))
    assert "Björkskolan" in html and "Björkbiblioteket" in html and "Ekskolan" not in html

    html = html_of(client.get("/enheter/", {"q": "björk", "typ": "bibliotek"}))
    assert "Björkbiblioteket" in html and "Björkskolan" not in html

    html = html_of(client.get("/enheter/", {"namnd": "kfn"}))
    assert "Björkbiblioteket" in html and "Ekskolan" not in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"typ": "kasino"}, "Det finns ingen verksamhetstyp som heter ”kasino”."),
        ({"namnd": "finns-inte"}, "Det finns ingen nämnd med det namnet."),
        ({"namnd": "' OR 1=1 --"}, "Det finns ingen nämnd med det namnet."),
        ({"q": "x" * 300}, "Skriv högst 100 tecken."),
    ],
)
def test_bad_filter_gives_a_swedish_message_not_an_error(client, directory, params, message):
    make_unit(name="Ekskolan")

    html = html_of(client.get("/enheter/", params))

    assert message in html
    assert 'role="alert"' in html
    assert "Ekskolan" in html  # the list still shows, unfiltered


def test_nothing_found_says_so(client, directory):
    make_unit(name="Ekskolan")

    assert "Inga enheter matchade" in html_of(client.get("/enheter/", {"q": "zzz"}))


def test_unit_page_shows_kind_committee_address_manager_role_and_contacts(client, directory):
    register = make_register()
    unit = register["units"][0]
    unit.address, unit.manager_title = "Skolvägen 1, Ådala", "rektor"
    unit.save()
    contact = unit.contact_assignments.select_related("politician__party").first().politician
    contact.memberships.update(role="first_vice_chair")

    html = html_of(client.get(f"/enheter/{unit.slug}/"))

    assert f"<h1>{unit.name}</h1>" in html
    assert "Grundskola" in html and "Barn- och utbildningsnämnden" in html
    assert "Skolvägen 1, Ådala" in html and "Rektor" in html
    assert contact.full_name in html and contact.party.name in html
    assert "1:e vice ordförande i Barn- och utbildningsnämnden" in html


def test_unit_page_shows_email_phone_and_photo_only_with_consent(client, directory):
    register = make_register()
    unit = register["units"][0]
    shy, open_ = [a.politician for a in unit.contact_assignments.order_by("pk")]
    photo = Image.objects.create(title="Porträtt", file=get_test_image_file())
    Politician = type(shy)
    Politician.objects.filter(pk=shy.pk).update(email="shy@example.se", phone="070-111", photo=photo)
    Politician.objects.filter(pk=open_.pk).update(
        email="open@example.se", phone="070-222", photo=photo,
        email_consent_on=CONSENT, phone_consent_on=CONSENT, photo_consent_on=CONSENT,
    )

    html = html_of(client.get(f"/enheter/{unit.slug}/"))

    assert "shy@example.se" not in html and "070-111" not in html
    assert "open@example.se" in html and "070-222" in html
    assert html.count('class="contact-card__photo"') == 1


def test_email_without_consent_is_not_on_the_politician_page_either(client, directory):
    register = make_register()
    politician = register["units"][0].contact_assignments.first().politician
    politician.email = "hemlig@example.se"
    politician.save()

    html = html_of(client.get(f"/enheter/politiker/{politician.slug}/"))

    assert politician.full_name in html
    assert "hemlig@example.se" not in html


def test_politician_page_lists_current_units_and_committees(client, directory):
    register = make_register(unit_count=2, politicians_per_unit=1)
    politician = register["units"][0].contact_assignments.first().politician
    ContactAssignment.objects.create(politician=politician, unit=register["units"][1], period=register["period"])

    html = html_of(client.get(f"/enheter/politiker/{politician.slug}/"))

    assert "Ledamot i Barn- och utbildningsnämnden" in html
    for unit in register["units"]:
        assert unit.name in html


def test_unknown_inactive_or_former_gives_404(client, directory):
    register = make_register()
    closed = make_unit(active=False)
    former = make_politician()

    assert client.get("/enheter/finns-inte/").status_code == 404
    assert client.get(f"/enheter/{closed.slug}/").status_code == 404
    assert client.get(f"/enheter/politiker/{former.slug}/").status_code == 404
    assert client.get("/enheter/politiker/finns-inte/").status_code == 404
    assert register  # the register exists; only the asked-for records are missing


def add_photos(units):
    photo = Image.objects.create(title="Porträtt", file=get_test_image_file())
    for unit in units:
        for assignment in unit.contact_assignments.all():
            type(assignment.politician).objects.filter(pk=assignment.politician_id).update(
                photo=photo, photo_consent_on=CONSENT, email="x@example.se", email_consent_on=CONSENT
            )


def count_queries(client, url):
    client.get(url)  # warm: renditions and caches made on the first view
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("kept", [False, True], ids=["read every time", "generation cache"])
def test_directory_query_count_is_the_same_for_1_and_50_units(client, directory, django_assert_num_queries, kept, settings):
    if kept:
        generation_cache_on(settings)
    one = make_register(unit_count=1, politicians_per_unit=3)
    add_photos(one["units"])
    expected = count_queries(client, "/enheter/")

    many = make_register(unit_count=49, politicians_per_unit=3)
    add_photos(many["units"])
    client.get("/enheter/")
    with django_assert_num_queries(expected):
        html = html_of(client.get("/enheter/"))
    assert html.count('class="unit-card"') == 50


@pytest.mark.parametrize("kept", [False, True], ids=["read every time", "generation cache"])
def test_unit_page_query_count_is_the_same_for_1_and_50_contacts(client, directory, django_assert_num_queries, kept, settings):
    if kept:
        generation_cache_on(settings)
    register = make_register(unit_count=1, politicians_per_unit=1)
    unit = register["units"][0]
    add_photos([unit])
    expected = count_queries(client, f"/enheter/{unit.slug}/")

    for index in range(49):
        politician = make_politician(party=register["majority"] if index % 2 else register["opposition"])
        make_membership(politician, register["committee"], register["period"])
        ContactAssignment.objects.create(politician=politician, unit=unit, period=register["period"])
    make_register(unit_count=49, politicians_per_unit=3)
    add_photos([unit])
    client.get(f"/enheter/{unit.slug}/")
    with django_assert_num_queries(expected):
        html = html_of(client.get(f"/enheter/{unit.slug}/"))
    assert html.count('class="contact-card"') == 50


def test_politician_page_query_count_is_the_same_for_1_and_50_units(client, directory, django_assert_num_queries):
    register = make_register(unit_count=1, politicians_per_unit=1)
    politician = register["units"][0].contact_assignments.first().politician
    url = f"/enheter/politiker/{politician.slug}/"
    expected = count_queries(client, url)

    for _ in range(49):
        ContactAssignment.objects.create(
            politician=politician, unit=make_unit(committee=register["committee"]), period=register["period"]
        )
    with django_assert_num_queries(expected):
        html = html_of(client.get(url))
    assert html.count("(grundskola, BUN)") == 50


def test_a_large_directory_is_paged_by_fifty_and_the_filters_follow_the_pages(client, directory):
    register = make_register(unit_count=55, politicians_per_unit=1)
    make_unit(name="Öppna bibliotek", kind=Unit.Kind.LIBRARY, committee=register["committee"])

    first = html_of(client.get("/enheter/"))
    last = html_of(client.get("/enheter/", {"sida": "2"}))

    assert first.count('class="unit-card"') == 50 and last.count('class="unit-card"') == 6
    assert "56 enheter" in first and "Sida 1 av 2" in first
    assert 'href="?sida=2" rel="next"' in first
    # Units stay grouped by kind across pages: the library comes after every school.
    assert "Öppna bibliotek" in last and "Öppna bibliotek" not in first
    filtered = html_of(client.get("/enheter/", {"namnd": register["committee"].pk, "sida": "2"}))
    assert f'href="?namnd={register["committee"].pk}&amp;sida=1" rel="prev"' in filtered
    # A page number that is not one shows the first page (or the last, when too high), never an error.
    assert html_of(client.get("/enheter/", {"sida": "x"})).count('class="unit-card"') == 50
    assert html_of(client.get("/enheter/", {"sida": "99"})).count('class="unit-card"') == 6

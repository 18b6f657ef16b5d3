"""A new contact politician in one form (politician, committee membership, contact
assignments), checked by the register's own rules; and slugs that fill themselves from names."""

import pytest
from django.contrib.auth.models import Group, Permission

from visits.register.models import Committee, ContactAssignment, Membership, Politician, Unit
from visits.register.tests.factories import (
    make_committee,
    make_membership,
    make_party,
    make_period,
    make_politician,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db
URL = "/admin/register/ny-kontaktpolitiker/"


@pytest.fixture
def register(db):
    period = make_period()
    bun = make_committee()
    return {
        "period": period,
        "bun": bun,
        "kfn": make_committee("KFN", "Kultur- och fritidsnämnden"),
        "party": make_party("FÅ", period=period),
        "school": make_unit("Backaskolan", committee=bun),
        "preschool": make_unit("Förskolan Blåbäret", committee=bun, kind=Unit.Kind.PRESCHOOL),
    }


def form(register, **changes):
    data = {
        "first_name": "Åsa", "last_name": "Fältskog", "party": register["party"].pk, "email": "asa@example.se",
        "committee": register["bun"].pk, "period": register["period"].pk, "role": "member",
        "units": [register["school"].pk, register["preschool"].pk],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_secretary_adds_politician_membership_and_assignments_in_one_form(client, secretary, register):
    client.force_login(secretary)
    assert "Ny kontaktpolitiker" in client.get(URL).content.decode()

    response = client.post(URL, form(register), follow=True)

    politician = Politician.objects.get(last_name="Fältskog")
    assert politician.slug == "asa-faltskog"
    membership = Membership.objects.get(politician=politician)
    assert (membership.committee, membership.period, membership.role) == (register["bun"], register["period"], "member")
    assert (membership.starts_on, membership.ends_on) == (register["period"].starts_on, register["period"].ends_on)
    assert set(ContactAssignment.objects.filter(politician=politician).values_list("unit__name", flat=True)) == {
        "Backaskolan", "Förskolan Blåbäret"}
    html = response.content.decode()
    assert "Åsa Fältskog är ledamot i BUN 2023–2026 och kontaktpolitiker för Backaskolan, Förskolan Blåbäret." in html
    assert response.redirect_chain[-1][0] == f"/admin/snippets/visits/politician/edit/{politician.pk}/"


def test_missing_names_and_a_unit_of_another_committee_are_refused_in_swedish_and_nothing_is_stored(
    client, secretary, register
):
    library = make_unit("Norrby bibliotek", committee=register["kfn"], kind=Unit.Kind.LIBRARY)
    client.force_login(secretary)

    response = client.post(URL, form(register, first_name="", party="", units=[library.pk]))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv förnamnet." in html and "Välj parti." in html
    assert not Politician.objects.exists() and not Membership.objects.exists()

    response = client.post(URL, form(register, units=[library.pk]))
    assert "Norrby bibliotek hör till Kultur- och fritidsnämnden. Välj enheter i Barn- och utbildningsnämnden." in (
        response.content.decode())
    assert not Politician.objects.exists()


def test_the_registers_own_rules_apply_with_their_messages(client, secretary, register):
    client.force_login(secretary)

    outside = client.post(URL, form(register, starts_on="2019-01-01")).content.decode()
    no_unit = client.post(URL, form(register, units=[])).content.decode()
    bad_email = client.post(URL, form(register, email="inte-en-adress")).content.decode()

    assert "Uppdraget måste ligga inom mandatperioden 2023–2026" in outside
    assert "Välj minst en enhet." in no_unit
    assert "Skriv en e-postadress" in bad_email
    assert not Politician.objects.exists() and not ContactAssignment.objects.exists()


def test_a_politician_already_in_the_register_keeps_the_membership_they_have(client, secretary, register):
    anna = make_politician("Anna", "Berg", party=register["party"])
    membership = make_membership(anna, register["bun"], register["period"], role=Membership.Role.CHAIR)
    ContactAssignment.objects.create(politician=anna, unit=register["school"], period=register["period"])
    client.force_login(secretary)

    both = client.post(URL, form(register, existing=anna.pk)).content.decode()
    again = client.post(URL, {**form(register, first_name="", last_name="", party="", email="", existing=anna.pk),
                              "units": [register["school"].pk]}).content.decode()
    client.post(URL, {**form(register, first_name="", last_name="", party="", email="", existing=anna.pk),
                      "units": [register["preschool"].pk]})

    assert "Välj en politiker som finns, eller fyll i en ny – inte båda." in both
    assert "Anna Berg är redan kontaktpolitiker för Backaskolan under 2023–2026." in again
    assert list(Membership.objects.filter(politician=anna)) == [membership]
    assert ContactAssignment.objects.filter(politician=anna).count() == 2
    assert Politician.objects.count() == 1


def test_only_those_who_keep_the_register_may_use_the_form(client, register):
    client.force_login(make_user("rut", is_staff=False))
    assert client.get(URL)["Location"].startswith("/admin/login/")
    editor = make_user("redaktor")
    group = Group.objects.create(name="Bara admin")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    assert client.get(URL)["Location"] == "/admin/"
    assert client.post(URL, form(register))["Location"] == "/admin/"
    assert not Politician.objects.exists()


def test_slugs_fill_themselves_from_names_and_never_clash(register):
    first = Politician(first_name="Anna", last_name="Andersson", party=register["party"])
    first.full_clean()
    first.save()
    second = Politician.objects.create(first_name="Anna", last_name="Andersson", party=register["party"])
    reserved = Unit(name="Politiker", kind=Unit.Kind.OTHER, committee=register["bun"])
    reserved.full_clean()
    reserved.save()
    committee = Committee(name="Äldrenämnden", short_name="ÄN")
    committee.full_clean()
    committee.save()
    chosen = Unit.objects.create(name="Backaskolan", slug="backa", kind=Unit.Kind.SCHOOL, committee=register["bun"])

    assert (first.slug, second.slug) == ("anna-andersson", "anna-andersson-2")
    assert reserved.slug == "politiker-2"
    assert committee.slug == "an"
    assert chosen.slug == "backa"


def test_the_unit_form_in_the_admin_fills_an_empty_slug(client, secretary, register):
    client.force_login(secretary)

    response = client.post("/admin/snippets/visits/unit/add/", {
        "name": "Ängens förskola", "slug": "", "kind": "forskola", "committee": register["bun"].pk,
        "manager": "", "manager_title": "", "address": "", "public_email": "", "active": "on",
    })

    assert response.status_code == 302
    assert Unit.objects.get(name="Ängens förskola").slug == "angens-forskola"
    html = client.get("/admin/snippets/visits/unit/add/").content.decode()
    assert 'data-w-sync-target-value="#id_slug"' in html

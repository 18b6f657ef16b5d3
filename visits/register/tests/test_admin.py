import re

import pytest
from django.contrib.auth.models import Group, Permission

from visits.register.models import ContactAssignment, Membership, Unit
from visits.register.tests.factories import (
    make_committee,
    make_politician,
    make_register,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return make_user("admin", is_superuser=True, is_staff=True)


@pytest.fixture
def editor_without_register(db):
    group = Group.objects.create(name="Bara admin")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user = make_user("rut")
    user.groups.add(group)
    return user


def broken_register():
    register = make_register(unit_count=2)
    one_sided = register["units"][1]
    one_sided.contact_assignments.filter(politician__party=register["opposition"]).delete()
    return register, one_sided


def test_dashboard_shows_units_breaking_the_balance_rule_with_their_committee(client, secretary):
    register, one_sided = broken_register()
    client.force_login(secretary)

    html = client.get("/admin/").content.decode()

    assert "Enheter som bryter mot balansregeln" in html
    balance_panel = html.split('id="kontaktpolitiker-balans-section"')[1].split('id="enheter-utan-chef-section"')[0]
    assert one_sided.name in balance_panel
    assert register["units"][0].name not in balance_panel
    assert "<td>BUN</td>" in balance_panel


def test_dashboard_flags_units_without_a_manager(client, secretary):
    register, one_sided = broken_register()
    User = type(secretary)
    one_sided.manager = User.objects.create_user("rektorn")
    one_sided.save()
    client.force_login(secretary)

    html = client.get("/admin/").content.decode()
    panel = html.split('id="enheter-utan-chef-section"')[1]
    assert "Enheter utan enhetschef" in html
    missing, managed = f">{register['units'][0].name}<", f">{one_sided.name}<"
    assert missing in panel and managed not in panel
    listing = client.get("/admin/snippets/visits/unit/", {"chef": "saknas"}).content.decode()
    assert missing in listing and managed not in listing


def test_dashboard_leaves_out_committees_without_the_balance_rule_and_names_them(client, secretary):
    register, one_sided = broken_register()
    register["committee"].balance_rule = False
    register["committee"].save()
    client.force_login(secretary)

    html = client.get("/admin/").content.decode()
    balance_panel = html.split('id="kontaktpolitiker-balans-section"')[1].split('id="enheter-utan-chef-section"')[0]

    assert one_sided.name not in balance_panel  # (it is still listed as a unit without a manager)
    assert f"Balansregeln gäller inte för {register['committee'].name}." in balance_panel
    listing = client.get("/admin/snippets/visits/unit/", {"balans": "bryter"}).content.decode()
    assert one_sided.name not in listing


def test_dashboard_panel_is_hidden_from_users_without_register_rights(client, editor_without_register):
    broken_register()
    client.force_login(editor_without_register)

    html = client.get("/admin/").content.decode()

    assert "Enheter som bryter mot balansregeln" not in html


def test_unit_listing_filters_units_breaking_the_rule(client, secretary):
    register, one_sided = broken_register()
    client.force_login(secretary)

    html = client.get("/admin/snippets/visits/unit/", {"balans": "bryter"}).content.decode()

    assert one_sided.name in html
    assert register["units"][0].name not in html


def test_register_listings_search_and_filter(client, secretary):
    register = make_register()
    politician = register["units"][0].contact_assignments.first().politician
    client.force_login(secretary)

    for url, params in [
        ("/admin/snippets/visits/politician/", {"q": politician.last_name}),
        ("/admin/snippets/visits/membership/", {"committee": register["committee"].pk}),
        ("/admin/snippets/visits/contactassignment/", {"period": register["period"].pk}),
        ("/admin/snippets/visits/committee/", {"q": "Barn"}),
        ("/admin/snippets/visits/party/", {}),
        ("/admin/snippets/visits/mandateperiod/", {}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, url
    assert politician.last_name in client.get("/admin/snippets/visits/politician/", {"q": politician.last_name}).content.decode()


def test_secretary_gets_a_swedish_message_for_a_double_assignment(client, secretary):
    register = make_register()
    existing = register["units"][0].contact_assignments.first()
    client.force_login(secretary)

    response = client.post(
        "/admin/snippets/visits/contactassignment/add/",
        {"politician": existing.politician_id, "unit": existing.unit_id, "period": existing.period_id},
    )

    assert response.status_code == 200
    assert "Politikern är redan kontaktpolitiker för enheten under den mandatperioden." in response.content.decode()
    assert ContactAssignment.objects.count() == 2


def test_secretary_gets_a_swedish_message_for_an_assignment_outside_membership(client, secretary):
    register = make_register()
    outsider = make_politician(first_name="Ola", last_name="Utan")
    client.force_login(secretary)

    response = client.post(
        "/admin/snippets/visits/contactassignment/add/",
        {"politician": outsider.pk, "unit": register["units"][0].pk, "period": register["period"].pk},
    )

    assert "Ola Utan har inget uppdrag i Barn- och utbildningsnämnden" in response.content.decode()


def test_secretary_gets_a_swedish_message_for_a_membership_ending_before_it_starts(client, secretary):
    register = make_register()
    client.force_login(secretary)

    response = client.post(
        "/admin/snippets/visits/membership/add/",
        {
            "politician": make_politician().pk,
            "committee": register["committee"].pk,
            "period": register["period"].pk,
            "role": "member",
            "starts_on": "2025-01-01",
            "ends_on": "2024-01-01",
        },
    )

    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()
    assert Membership.objects.count() == 2


def test_secretary_adds_a_unit_in_the_admin(client, secretary):
    committee = make_committee()
    client.force_login(secretary)

    response = client.post(
        "/admin/snippets/visits/unit/add/",
        {"name": "Nya förskolan", "slug": "nya-forskolan", "kind": "forskola", "committee": committee.pk, "active": "on"},
    )

    assert response.status_code == 302
    assert Unit.objects.get(slug="nya-forskolan").committee == committee


def test_user_without_register_rights_cannot_open_register_or_import(client, editor_without_register):
    make_unit()
    client.force_login(editor_without_register)

    # Wagtail's admin answers a refused permission with a redirect to the dashboard.
    for url in ["/admin/snippets/visits/unit/", "/admin/register/import/", "/admin/register/export/xlsx/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/", url


def test_visitor_cannot_reach_the_register_admin(client):
    response = client.get("/admin/register/import/")

    assert response.status_code == 302
    assert "login" in response["Location"] or "logga-in" in response["Location"]


def test_admin_sees_party_with_blocs_inline(client, admin_user):
    register = make_register()
    client.force_login(admin_user)

    html = client.get(f"/admin/snippets/visits/party/edit/{register['majority'].pk}/").content.decode()

    assert "Block per mandatperiod" in html


def test_the_committee_listing_says_ja_or_nej_for_the_balance_rule(client, secretary):
    register, _one_sided = broken_register()
    register["committee"].balance_rule = False
    register["committee"].save()
    client.force_login(secretary)

    listing = client.get("/admin/snippets/visits/committee/").content.decode()

    cells = [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", listing, flags=re.S)]
    assert "Nej" in cells and "Balansregeln gäller" in listing
    assert "False" not in cells and "True" not in cells

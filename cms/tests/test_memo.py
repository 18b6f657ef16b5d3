"""The generation cache (cms/memo.py, cms/page_cache.py) with it turned on, as in production:
every write is seen, in whatever way it is made, and shows at the next request; what is kept
per user stays that user's; the query counts it buys are pinned."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms import page_cache
from cms.testing import client_for, generation_cache_on
from home.models import SiteSettings, StandardPage
from visits.register.models import Committee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    generation_cache_on(settings)


def generations():
    return page_cache.current_generations()


def queries_of(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured), response.content.decode()


# --- every write is seen -------------------------------------------------------------------


def test_an_update_a_bulk_create_and_raw_sql_each_replace_the_content_generation_but_not_the_auth_one():
    committee = Committee.objects.create(name="Nämnden", short_name="NÄ", slug="namnden")
    seen = [generations()]

    Committee.objects.filter(pk=committee.pk).update(name="Nämnden för test")
    seen.append(generations())
    Committee.objects.bulk_create([Committee(name="Andra", short_name="AN", slug="andra")])
    seen.append(generations())
    # SQLite writes this one as `INSERT OR IGNORE INTO`, PostgreSQL with `ON CONFLICT DO NOTHING`.
    Committee.objects.bulk_create([Committee(name="Tredje", short_name="TR", slug="tredje")], ignore_conflicts=True)
    seen.append(generations())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE visits_committee SET name = %s WHERE id = %s", ["Rå SQL", committee.pk])
    seen.append(generations())

    contents = [content for content, _ in seen]
    assert len(set(contents)) == 5
    assert len({auth for _, auth in seen}) == 1


def test_users_groups_and_permissions_replace_the_auth_generation_and_leave_the_pages_alone():
    user = get_user_model().objects.create_user("ada", password="insyn-test-pass")
    before = generations()

    user.groups.add(Group.objects.create(name="Testgrupp"))
    after_group = generations()
    get_user_model().objects.filter(pk=user.pk).update(first_name="Ada")
    after_update = generations()

    assert after_group[0] == before[0] and after_update[0] == before[0]
    assert len({before[1], after_group[1], after_update[1]}) == 3


def test_reading_and_writing_tables_outside_the_watched_apps_replaces_nothing(client, site_home):
    from cms.models import OutboxMessage

    before = generations()
    client.get("/om-kontaktpolitiker/")
    OutboxMessage.objects.create(recipients=["a@example.se"], subject="Ämne", body="Text")

    assert generations() == before


def test_a_write_in_a_transaction_replaces_the_generation_at_once_and_again_after_the_commit(
    django_capture_on_commit_callbacks,
):
    before = generations()[0]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for number in range(3):
                Committee.objects.create(name=f"Nämnd {number}", short_name=f"N{number}", slug=f"n{number}")
            during = generations()[0]

    assert before != during != generations()[0]
    assert len(callbacks) == 1  # a loop of writes queues the second replacement once


# --- pages: fewer queries, and every change shows at the next request ---------------------------


@pytest.mark.parametrize("menu_pages", [0, 8])
def test_home_and_a_standard_page_cost_no_query_for_a_visitor_and_two_for_a_logged_in_user(site_home, menu_pages):
    for number in range(menu_pages):
        site_home.add_child(instance=StandardPage(title=f"Menysida {number}", slug=f"menysida-{number}", show_in_menus=True))
    politician = client_for(get_user_model().objects.create_user("paula", password="insyn-test-pass"))

    for path in ("/", "/om-kontaktpolitiker/"):
        anonymous, html = queries_of(Client(), path)
        logged_in, _ = queries_of(politician, path)  # the session and the user
        assert (anonymous, logged_in) == (0, 2)
        assert html.split("<main", 1)[0].count('href="/menysida-') == menu_pages  # the menu


def test_a_publish_a_move_and_an_unpublish_show_at_the_next_request(site_home):
    user = client_for(get_user_model().objects.create_user("paula", password="insyn-test-pass"))
    page = StandardPage.objects.get(slug="om-kontaktpolitiker")
    page.show_in_menus = True
    page.save_revision().publish()
    user.get("/om-kontaktpolitiker/")

    page.title = "Så arbetar kontaktpolitikerna"
    page.save_revision().publish()
    html = user.get("/om-kontaktpolitiker/").content.decode()
    assert "<h1>Så arbetar kontaktpolitikerna</h1>" in html
    assert '>Så arbetar kontaktpolitikerna</a></li>' in user.get("/").content.decode()  # the menu

    parent = site_home.add_child(instance=StandardPage(title="Om Insyn", slug="om-insyn"))
    user.get("/om-insyn/")
    StandardPage.objects.get(pk=page.pk).move(parent, pos="last-child")
    moved = user.get("/om-kontaktpolitiker/")  # Wagtail's redirects app points the old address on
    assert (moved.status_code, moved["Location"]) == (301, "/om-insyn/om-kontaktpolitiker/")
    assert user.get("/om-insyn/om-kontaktpolitiker/").status_code == 200

    StandardPage.objects.get(pk=page.pk).unpublish()
    assert user.get("/om-insyn/om-kontaktpolitiker/").status_code == 404


def test_addresses_below_kept_pages_reach_new_pages_and_a_directorys_own_routes(site_home):
    from visits.register.tests.factories import make_directory_page, make_register, make_unit

    make_directory_page(site_home)
    unit = make_register()["units"][0]
    about = StandardPage.objects.get(slug="om-kontaktpolitiker")
    user = client_for(get_user_model().objects.create_user("paula", password="insyn-test-pass"))
    for path in ("/om-kontaktpolitiker/", "/enheter/", f"/enheter/{unit.slug}/"):
        assert user.get(path).status_code == 200

    about.add_child(instance=StandardPage(title="Så går ett besök till", slug="besok"))
    new_unit = make_unit(name="Nya skolan", committee=unit.committee)

    assert "Så går ett besök till" in user.get("/om-kontaktpolitiker/besok/").content.decode()
    assert "Nya skolan" in user.get(f"/enheter/{new_unit.slug}/").content.decode()
    assert user.get("/enheter/finns-inte/").status_code == 404
    assert user.get("/om-kontaktpolitiker/finns-inte/").status_code == 404


def test_a_new_view_restriction_applies_at_the_next_request(site_home):
    Client().get("/om-kontaktpolitiker/")
    page = StandardPage.objects.get(slug="om-kontaktpolitiker")

    PageViewRestriction.objects.create(page=site_home, restriction_type=PageViewRestriction.LOGIN)

    response = Client().get("/om-kontaktpolitiker/")
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
    user = client_for(get_user_model().objects.create_user("paula", password="insyn-test-pass"))
    assert page.title in user.get("/om-kontaktpolitiker/").content.decode()


def test_a_change_of_the_site_settings_shows_at_the_next_request(site_home):
    Client().get("/om-kontaktpolitiker/")

    SiteSettings.objects.filter(site__is_default_site=True).update(contact_phone="0123-45 67 89")

    assert "0123-45 67 89" in Client().get("/om-kontaktpolitiker/").content.decode()


def test_each_request_gets_its_own_copy_of_the_page(site_home):
    """What one request sets on its page object never reaches the next request."""
    from wagtail import hooks

    def scribble(page, request, serve_args, serve_kwargs):
        page.title = "Klottrat"

    Client().get("/om-kontaktpolitiker/")
    with hooks.register_temporarily("before_serve_page", scribble):
        assert "Klottrat" in Client().get("/om-kontaktpolitiker/").content.decode()
    assert "Klottrat" not in Client().get("/om-kontaktpolitiker/").content.decode()


# --- permissions: kept, and exact ---------------------------------------------------------------


def test_a_permission_given_or_taken_counts_at_the_next_request(site_home):
    user = get_user_model().objects.create_user("ada", password="insyn-test-pass")
    client = client_for(user)
    assert "Administration" not in client.get("/mina-sidor/").content.decode()

    staff = Group.objects.create(name="Personal")
    staff.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(staff)
    assert "Administration" in client.get("/mina-sidor/").content.decode()

    staff.permissions.clear()
    assert "Administration" not in client.get("/mina-sidor/").content.decode()


def test_a_deactivated_user_is_logged_out_at_the_next_request(site_home):
    user = get_user_model().objects.create_user("ada", password="insyn-test-pass")
    client = client_for(user)
    assert client.get("/mina-sidor/").status_code == 200

    get_user_model().objects.filter(pk=user.pk).update(is_active=False)

    assert client.get("/mina-sidor/").status_code == 302

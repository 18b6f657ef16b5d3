"""What a browser or a shared cache may keep, and how long a staff session lasts."""

import datetime
import time

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms import roles
from cms.sessions import STAFF_SESSION
from home.models import StandardPage

pytestmark = pytest.mark.django_db
WORKING_DAY = datetime.timedelta(hours=8)


def private(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def politician(db):
    user = User.objects.create_user("paula", password="ett-riktigt-bra-lösenord")
    user.groups.add(Group.objects.get_or_create(name=roles.POLITICIANS)[0])
    return user


def test_a_signed_in_users_pages_are_never_kept(client, site_home, politician):
    client.force_login(politician)

    for url in ("/mina-sidor/", "/", "/sok/?q=skola"):
        assert private(client.get(url)), url


def test_private_paths_are_never_kept_even_for_anonymous_visitors(client, site_home):
    for url in ("/mina-sidor/", "/rapporter/", "/admin/", "/admin/login/"):
        assert private(client.get(url)), url


def test_a_public_page_for_an_anonymous_visitor_may_be_kept(client, site_home):
    assert not private(client.get("/"))


def test_a_page_seen_after_its_shared_password_is_never_kept(client, site_home):
    page = site_home.add_child(instance=StandardPage(title="Gruppens sida", slug="gruppen"))
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="rätt-lösen")
    client.post(f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
                {"password": "rätt-lösen", "return_url": page.url})

    response = client.get(page.url)

    assert response.status_code == 200 and "Gruppens sida" in response.content.decode()
    assert private(response)


def expiry(client):
    return Session.objects.get(pk=client.session.session_key).expire_date - timezone.now()


def test_a_staff_session_ends_after_a_working_day_without_use(client, site_home):
    staff = User.objects.create_superuser("nils", "nils@adala.example.se", "ett-riktigt-bra-lösenord")
    client.force_login(staff)

    assert WORKING_DAY - datetime.timedelta(minutes=1) < expiry(client) <= WORKING_DAY
    Session.objects.filter(pk=client.session.session_key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_using_the_site_keeps_a_staff_session_alive(client, site_home):
    staff = User.objects.create_superuser("nils", "nils@adala.example.se", "ett-riktigt-bra-lösenord")
    client.force_login(staff)
    # Seven hours later, one hour before the session would end:
    session = client.session
    session[STAFF_SESSION] = int(time.time()) - 7 * 60 * 60
    session.save()
    Session.objects.filter(pk=session.session_key).update(expire_date=timezone.now() + datetime.timedelta(hours=1))

    assert client.get("/admin/").status_code == 200

    assert expiry(client) > WORKING_DAY - datetime.timedelta(minutes=1)


def test_a_politicians_session_keeps_the_usual_length(client, site_home, politician, settings):
    client.force_login(politician)

    assert expiry(client) > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)

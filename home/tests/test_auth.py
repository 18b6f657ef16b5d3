import pytest
from django.contrib.auth.models import Group, User

from cms import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def politician(db):
    user = User.objects.create_user("paula", password="rätt-lösenord-123", first_name="Paula", last_name="Lind")
    user.groups.add(Group.objects.get_or_create(name=roles.POLITICIANS)[0])
    return user


def test_politician_logs_in_and_lands_on_my_pages(client, site_home, politician):
    response = client.post("/logga-in/", {"username": "paula", "password": "rätt-lösenord-123"}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 302
    assert response["Location"] == "/mina-sidor/"
    html = client.get("/mina-sidor/").content.decode()
    assert "Välkommen, Paula Lind." in html
    assert "förtroendevald" in html


def test_wrong_password_gets_a_swedish_error_linked_to_the_form(client, site_home, politician):
    response = client.post("/logga-in/", {"username": "paula", "password": "fel"}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Användarnamnet eller lösenordet stämmer inte" in html
    assert 'role="alert"' in html


def test_sixth_attempt_after_five_failures_is_locked_out(client, site_home, politician):
    for _ in range(5):
        client.post("/logga-in/", {"username": "paula", "password": "fel"}, REMOTE_ADDR="10.0.0.2")

    response = client.post("/logga-in/", {"username": "paula", "password": "rätt-lösenord-123"}, REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 429
    assert "tillfälligt spärrad" in response.content.decode()
    # The same account from another address is not locked.
    other = client.post("/logga-in/", {"username": "paula", "password": "rätt-lösenord-123"}, REMOTE_ADDR="10.0.0.3")
    assert other.status_code == 302


def test_nobody_reaches_my_pages_without_logging_in(client, site_home):
    response = client.get("/mina-sidor/")

    assert response.status_code == 302
    assert response["Location"] == "/logga-in/?next=/mina-sidor/"


def test_my_pages_greets_each_user_by_their_own_name_and_role(client, site_home, politician):
    manager = User.objects.create_user("erik", first_name="Erik", last_name="Ek")
    manager.groups.add(Group.objects.get_or_create(name=roles.UNIT_MANAGERS)[0])

    client.force_login(manager)
    html = client.get("/mina-sidor/").content.decode()

    assert "Välkommen, Erik Ek." in html
    assert "enhetschef" in html
    assert "Paula" not in html


def test_logout_is_a_post_and_ends_the_session(client, site_home, politician):
    client.force_login(politician)

    assert client.get("/logga-ut/").status_code == 405
    response = client.post("/logga-ut/")
    assert "Du är utloggad" in response.content.decode()
    assert client.get("/mina-sidor/").status_code == 302


def test_open_redirect_after_login_is_refused(client, site_home, politician):
    response = client.post(
        "/logga-in/?next=https://evil.example.com/",
        {"username": "paula", "password": "rätt-lösenord-123", "next": "https://evil.example.com/"},
        REMOTE_ADDR="10.0.0.4",
    )

    assert response.status_code == 302
    assert response["Location"] == "/mina-sidor/"


def test_staff_with_admin_access_get_a_link_to_the_admin_on_my_pages(client, site_home, politician):
    from django.contrib.auth.models import Permission

    secretary = User.objects.create_user("nils")
    secretary.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(secretary)
    assert 'href="/admin/"' in client.get("/mina-sidor/").content.decode()

    client.force_login(politician)
    assert 'href="/admin/"' not in client.get("/mina-sidor/").content.decode()

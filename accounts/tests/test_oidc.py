"""Login through a real OpenID Connect provider (node-oidc-provider on loopback), with Django's
test client on Insyn's side and plain HTTP on the provider's."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from accounts.models import OidcIdentity
from cms import roles

from .provider_server import ACCOUNTS, Browserless

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(db):
    admin_access = Permission.objects.get(codename="access_admin")
    for name in (roles.SECRETARIES, roles.EDITORS, roles.POLITICIANS):
        group, _ = Group.objects.get_or_create(name=name)
        if name != roles.POLITICIANS:
            group.permissions.add(admin_access)


def start(client, next_url="/mina-sidor/"):
    response = client.get("/logga-in/oidc/", {"next": next_url})
    assert response.status_code == 302
    return response["Location"]


def login_through_provider(client, browserless, login, next_url="/mina-sidor/"):
    callback = browserless.login(start(client, next_url), login)
    return callback, client.get(callback, REMOTE_ADDR="10.1.0.1")


def messages_on_login_page(client):
    return client.get("/logga-in/").content.decode()


def test_login_page_offers_the_municipality_account_first_when_sso_is_on(client, site_home, sso):
    html = client.get("/logga-in/?next=/rapporter/").content.decode()

    assert html.index("Logga in med kommunens konto") < html.index('name="username"')
    assert 'href="/logga-in/oidc/?next=/rapporter/"' in html
    assert "Eller logga in med användarnamn och lösenord" in html


def test_with_sso_off_the_login_page_is_as_before(client, site_home):
    html = client.get("/logga-in/").content.decode()

    assert "kommunens konto" not in html
    assert client.get("/logga-in/oidc/").status_code == 404


def test_authorisation_request_carries_state_nonce_and_a_pkce_challenge(client, site_home, sso):
    query = parse_qs(urlsplit(start(client)).query)

    assert query["response_type"] == ["code"]
    assert query["client_id"] == [sso.settings()["OIDC_RP_CLIENT_ID"]]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["redirect_uri"] == ["http://testserver/logga-in/oidc/callback/"]


def test_first_login_creates_an_account_with_no_role_when_allowed(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True

    _callback, response = login_through_provider(client, browserless, "anna")

    assert response.status_code == 302 and response["Location"] == "/mina-sidor/"
    user = User.objects.get(oidc_identities__subject=ACCOUNTS["anna"]["sub"])
    assert (user.username, user.first_name, user.last_name) == ("anna.ek@adala.example.se", "Anna", "Ek")
    assert not user.groups.exists() and not user.has_usable_password()
    html = client.get("/mina-sidor/").content.decode()
    assert "Välkommen, Anna Ek." in html
    assert AccessLog.objects.filter(username="anna.ek@adala.example.se").exists()  # audit, as for passwords


def test_without_permission_to_create_accounts_an_unknown_person_is_refused(client, site_home, sso, browserless):
    _callback, response = login_through_provider(client, browserless, "anna")

    assert response["Location"] == "/logga-in/"
    assert not User.objects.exists()
    assert "inte kopplat till något konto i Insyn" in messages_on_login_page(client)
    assert AccessAttempt.objects.filter(username="anna.ek@adala.example.se").exists()
    assert "oidc_id_token" not in client.session


def test_returning_user_is_found_by_the_stable_claim_not_by_email_or_name(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True
    login_through_provider(client, browserless, "anna")
    anna = User.objects.get()
    anna.username, anna.email = "anna.omdopt", "annat@example.se"
    anna.save()

    second = Client()
    _callback, response = login_through_provider(second, Browserless(), "anna")

    assert response["Location"] == "/mina-sidor/"
    assert User.objects.count() == 1
    assert int(second.session["_auth_user_id"]) == anna.pk


def test_an_existing_account_with_the_same_email_is_never_taken_over(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True
    local = User.objects.create_user("anna-lokal", email="anna.ek@adala.example.se")

    login_through_provider(client, browserless, "anna")

    assert int(client.session["_auth_user_id"]) != local.pk
    assert not local.oidc_identities.exists()


def test_linking_by_username_claim_when_the_setting_allows_it(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_LINK_BY_USERNAME = True
    paula = User.objects.create_user("politiker", password="lokalt-lösen-123")

    _callback, response = login_through_provider(client, browserless, "politiker")

    assert response["Location"] == "/mina-sidor/"
    assert OidcIdentity.objects.get().user == paula


def test_mapped_groups_follow_the_provider(client, site_home, sso, settings, groups, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True
    login_through_provider(client, browserless, "sekreterare")
    sara = User.objects.get(oidc_identities__subject=ACCOUNTS["sekreterare"]["sub"])
    sara.groups.add(Group.objects.get(name=roles.POLITICIANS))  # given by the register, not mapped

    assert set(sara.groups.values_list("name", flat=True)) == {roles.SECRETARIES, roles.POLITICIANS}
    # The provider drops her from the secretaries' group: the next login removes the mapped role only.
    sso.set_groups("sekreterare", ["grp-annat"])
    try:
        login_through_provider(Client(), Browserless(), "sekreterare")
    finally:
        sso.set_groups("sekreterare", ACCOUNTS["sekreterare"]["claims"]["groups"])
    assert set(sara.groups.values_list("name", flat=True)) == {roles.POLITICIANS}


def test_provider_mfa_counts_as_the_second_factor_for_the_admin(client, site_home, sso, settings, groups, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True

    _callback, response = login_through_provider(client, browserless, "sekreterare", next_url="/admin/")

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_provider_mfa_must_set_up_the_app_before_the_admin(client, site_home, sso, settings, groups, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True

    login_through_provider(client, browserless, "redaktor", next_url="/admin/")
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/tvastegsverifiering/?next=%2Fadmin%2F"
    assert client.get("/mina-sidor/").status_code == 200  # outside the admin no code is needed


def test_a_replayed_callback_is_refused_in_the_same_browser_and_in_another(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True
    callback, _response = login_through_provider(client, browserless, "anna")

    again = client.get(callback, REMOTE_ADDR="10.1.0.1")
    elsewhere = Client()
    stolen = elsewhere.get(callback, REMOTE_ADDR="10.1.0.9")

    assert again.status_code == 302 and again["Location"] == "/logga-in/"
    assert stolen.status_code == 302 and stolen["Location"] == "/logga-in/"
    assert "_auth_user_id" not in elsewhere.session
    assert "gick inte igenom" in messages_on_login_page(elsewhere)
    assert AccessAttempt.objects.filter(username="kommunens-konto").count() == 2  # one per address


def test_a_state_this_browser_never_sent_is_refused_even_with_a_valid_code(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True
    attacker = Client()
    callback = browserless.login(start(attacker), "anna")  # the attacker's own code and state

    victim = Client()
    start(victim)  # the victim has a login of their own under way
    response = victim.get(callback)

    assert response["Location"] == "/logga-in/"
    assert "_auth_user_id" not in victim.session


def test_a_wrong_nonce_is_refused(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True
    callback = browserless.login(start(client), "anna")
    session = client.session
    for state in session["oidc_states"].values():
        state["nonce"] = "a-nonce-the-provider-never-saw"
    session.save()

    response = client.get(callback)

    assert response["Location"] == "/logga-in/"
    assert not User.objects.exists()


def test_only_the_id_token_is_kept_in_the_session(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True

    login_through_provider(client, browserless, "anna")

    session = client.session
    assert session["oidc_id_token"].count(".") == 2
    assert "oidc_access_token" not in session and "oidc_refresh_token" not in session


def test_logout_ends_the_local_session_and_the_providers(client, site_home, sso, settings, browserless):
    settings.INSYN_OIDC_CREATE_USERS = True
    login_through_provider(client, browserless, "anna")
    id_token = client.session["oidc_id_token"]

    response = client.post("/logga-ut/")

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{sso.issuer}/session/end"
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/utloggad/"]
    assert client.get("/mina-sidor/").status_code == 302
    # The provider accepts the request and sends the browser back to Insyn.
    confirm = browserless.http.get(response["Location"], timeout=10)
    assert confirm.status_code == 200 and "Logga ut hos kommunen" in confirm.text
    assert "Du är utloggad" in client.get("/utloggad/").content.decode()


def test_password_logout_is_as_before_with_sso_on(client, site_home, sso):
    User.objects.create_user("paula", password="rätt-lösenord-123")
    client.post("/logga-in/", {"username": "paula", "password": "rätt-lösenord-123"}, REMOTE_ADDR="10.1.0.2")

    response = client.post("/logga-ut/")

    assert response.status_code == 200 and "Du är utloggad" in response.content.decode()


def test_provider_that_does_not_answer_gives_a_message_not_an_error(client, site_home, settings):
    settings.INSYN_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "x", "y"

    response = client.get("/logga-in/oidc/")

    assert response["Location"] == "/logga-in/"
    assert "svarar inte just nu" in messages_on_login_page(client)


def test_five_bad_callbacks_from_one_address_lock_the_callback(client, site_home, sso):
    for n in range(5):
        client.get("/logga-in/oidc/callback/", {"code": "x", "state": f"s{n}"}, REMOTE_ADDR="10.1.0.5")

    locked = client.get("/logga-in/oidc/callback/", {"code": "x", "state": "s6"}, REMOTE_ADDR="10.1.0.5")
    other = Client().get("/logga-in/oidc/callback/", {"code": "x", "state": "s7"}, REMOTE_ADDR="10.1.0.6")

    assert locked.status_code == 429
    assert other.status_code == 302


def test_callback_parameters_out_of_shape_never_give_a_500(site_home, sso):
    for params in ({}, {"code": "x"}, {"state": "x"}, {"error": "access_denied", "state": "x"},
                   {"code": "\x00", "state": "\x00"}, {"code": ["a", "b"], "state": "x" * 5000}):
        # Each from an address of its own, so that django-axes' lock does not answer instead.
        response = Client().get("/logga-in/oidc/callback/", params, REMOTE_ADDR=f"10.1.1.{len(str(params)) % 250}")
        assert response.status_code == 302, params


def test_password_login_only_for_superusers_when_set(client, site_home, settings):
    settings.INSYN_PASSWORD_LOGIN = "superusers"
    User.objects.create_user("paula", password="rätt-lösenord-123")
    User.objects.create_superuser("nod", password="nod-lösenord-123")

    refused = client.post("/logga-in/", {"username": "paula", "password": "rätt-lösenord-123"}, REMOTE_ADDR="10.1.0.8")
    allowed = Client().post("/logga-in/", {"username": "nod", "password": "nod-lösenord-123"}, REMOTE_ADDR="10.1.0.8")

    assert refused.status_code == 200
    assert "logga in med kommunens konto" in refused.content.decode()
    assert allowed.status_code == 302
    assert AccessAttempt.objects.filter(username="paula").exists()


def test_system_check_refuses_an_incomplete_or_plain_http_provider(settings):
    from accounts.checks import oidc_settings

    settings.INSYN_OIDC_ISSUER = "http://idp.example.se"
    settings.OIDC_RP_CLIENT_ID = ""
    assert {error.id for error in oidc_settings(None)} == {"accounts.E002", "accounts.E003"}

    settings.INSYN_OIDC_ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "id", "secret"
    settings.INSYN_PASSWORD_LOGIN = "nobody"
    assert [error.id for error in oidc_settings(None)] == ["accounts.E001"]

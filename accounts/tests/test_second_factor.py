"""The second factor with real logins through the forms: TOTP codes computed from the secret
(RFC 6238, accounts/testing.py), recovery codes, and who must and who may use it."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCode, RecoveryCodeDevice
from accounts.testing import hotp, totp
from cms import roles

pytestmark = pytest.mark.django_db
PASSWORD = "rätt-lösenord-123"


@pytest.fixture
def secretary(db):
    user = User.objects.create_user("nils", password=PASSWORD, first_name="Nils")
    group, _ = Group.objects.get_or_create(name=roles.SECRETARIES)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def politician(db):
    user = User.objects.create_user("paula", password=PASSWORD, first_name="Paula")
    user.groups.add(Group.objects.get_or_create(name=roles.POLITICIANS)[0])
    return user


def password_login(user, address="10.2.0.1"):
    client = Client()
    response = client.post("/logga-in/", {"username": user.username, "password": PASSWORD}, REMOTE_ADDR=address)
    assert response.status_code == 302, response.content.decode()
    return client


def secret_on(html):
    return re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html).group(1)


def set_up_app(client, next_url="/admin/"):
    """Sets up the app as a person would: reads the key on the page, types the app's code."""
    html = client.get("/konto/tvastegsverifiering/", {"next": next_url}).content.decode()
    secret = secret_on(html)
    response = client.post("/konto/tvastegsverifiering/", {"code": totp(secret), "next": next_url})
    assert response.status_code == 200, response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-9-]{14})</code></li>", response.content.decode())
    return secret, codes


def test_rfc_6238_test_vector_for_the_code_helper():
    # RFC 6238 appendix B, SHA-1: T = 59 s gives 94287082 (eight digits).
    assert hotp(b"12345678901234567890", 59 // 30, digits=8) == "94287082"


def test_staff_with_a_password_must_set_up_the_app_before_any_admin_page(secretary):
    client = password_login(secretary)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/tvastegsverifiering/?next=%2Fadmin%2Fpages%2F"
    html = client.get(response["Location"]).content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code is made on the server


def test_setting_up_the_app_shows_recovery_codes_once_and_opens_the_admin(site_home, secretary):
    client = password_login(secretary)

    secret, codes = set_up_app(client)

    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    device = TOTPDevice.objects.get(user=secretary)
    assert device.confirmed and device.bin_key.hex() == device.key
    # Only digests are stored.
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert not stored & {code.replace("-", "") for code in codes} and len(stored) == 10


def test_a_wrong_code_does_not_set_up_the_app(site_home, secretary):
    client = password_login(secretary)
    secret = secret_on(client.get("/konto/tvastegsverifiering/").content.decode())

    wrong = str((int(totp(secret)) + 1) % 1_000_000).zfill(6)
    response = client.post("/konto/tvastegsverifiering/", {"code": wrong})

    assert "Koden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=secretary, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_next_login_asks_for_the_code_before_any_page(site_home, secretary):
    secret, _codes = set_up_app(password_login(secretary))
    client = password_login(secretary, "10.2.0.2")
    # A code is accepted once: the next login uses the next time step's (one step either side counts).

    for path in ("/mina-sidor/", "/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/konto/verifiera/?next="), path
    response = client.post("/konto/verifiera/", {"code": totp(secret, step_offset=1), "next": "/admin/"})

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_only_once(site_home, secretary):
    secret, _codes = set_up_app(password_login(secretary))
    code = totp(secret, step_offset=1)
    first = password_login(secretary, "10.2.0.3")
    assert first.post("/konto/verifiera/", {"code": code})["Location"] == "/mina-sidor/"

    replay = password_login(secretary, "10.2.0.4")
    response = replay.post("/konto/verifiera/", {"code": code})

    assert response.status_code == 200 and "Koden stämmer inte" in response.content.decode()


def test_a_late_code_is_accepted_after_an_early_one_at_an_earlier_login(site_home, secretary):
    # A code typed early (the next step's) must not teach the device a drift: on a later day the
    # code typed just after the step changed (the previous step's) is still accepted.
    secret, _codes = set_up_app(password_login(secretary))
    early = password_login(secretary, "10.2.0.6")
    assert early.post("/konto/verifiera/", {"code": totp(secret, step_offset=1)})["Location"] == "/mina-sidor/"
    TOTPDevice.objects.filter(user=secretary).update(last_t=0)  # what the days in between do to the device

    late = password_login(secretary, "10.2.0.7")
    response = late.post("/konto/verifiera/", {"code": totp(secret, step_offset=-1)})

    assert response.status_code == 302 and response["Location"] == "/mina-sidor/"


def test_a_wrong_code_makes_the_next_try_wait(site_home, secretary, settings):
    secret, _codes = set_up_app(password_login(secretary))
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute after the first wrong code, so a slow machine still sees it
    client = password_login(secretary, "10.2.0.5")
    wrong = str((int(totp(secret)) + 500_000) % 1_000_000).zfill(6)

    client.post("/konto/verifiera/", {"code": wrong})
    response = client.post("/konto/verifiera/", {"code": totp(secret, step_offset=1)})

    assert "Vänta en stund" in response.content.decode()
    assert client.get("/mina-sidor/")["Location"].startswith("/konto/verifiera/")


def test_a_recovery_code_works_once(site_home, secretary):
    _secret, codes = set_up_app(password_login(secretary))

    first = password_login(secretary, "10.2.0.6")
    assert first.post("/konto/verifiera/", {"code": codes[0].upper()})["Location"] == "/mina-sidor/"
    assert first.get("/admin/").status_code == 200

    second = password_login(secretary, "10.2.0.7")
    response = second.post("/konto/verifiera/", {"code": codes[0]})
    assert "Koden stämmer inte" in response.content.decode()
    assert RecoveryCodeDevice.objects.get(user=secretary).codes.count() == 9


def test_someone_with_only_the_password_cannot_replace_the_app(site_home, secretary):
    set_up_app(password_login(secretary))
    intruder = password_login(secretary, "10.2.0.8")

    response = intruder.get("/konto/tvastegsverifiering/")

    assert response["Location"].startswith("/konto/verifiera/")
    assert intruder.post("/konto/tvastegsverifiering/reservkoder/")["Location"].startswith("/konto/verifiera/")
    assert TOTPDevice.objects.filter(user=secretary).count() == 1


def test_the_unverified_session_can_still_log_out(site_home, secretary):
    set_up_app(password_login(secretary))
    client = password_login(secretary, "10.2.0.9")

    response = client.post("/logga-ut/")

    assert "Du är utloggad" in response.content.decode()


def test_politician_turns_it_on_and_off_on_my_pages(site_home, politician):
    client = password_login(politician)
    html = client.get("/mina-sidor/").content.decode()
    assert "Slå på tvåstegsverifiering" in html

    secret, codes = set_up_app(client, next_url="/mina-sidor/")
    assert "oanvända reservkoder kvar" in client.get("/mina-sidor/").content.decode()

    later = password_login(politician, "10.2.0.10")
    assert later.get("/mina-sidor/")["Location"].startswith("/konto/verifiera/")
    later.post("/konto/verifiera/", {"code": codes[3]})
    asked = later.post("/konto/tvastegsverifiering/stang-av/")
    assert "Stänga av tvåstegsverifiering?" in asked.content.decode()
    assert TOTPDevice.objects.filter(user=politician).exists()
    assert later.post("/konto/tvastegsverifiering/stang-av/", {"bekrafta": "ja"})["Location"] == "/mina-sidor/"

    assert not TOTPDevice.objects.filter(user=politician).exists()
    assert password_login(politician, "10.2.0.11").get("/mina-sidor/").status_code == 200


def test_an_account_without_a_role_keeps_the_empty_my_pages(site_home):
    user = User.objects.create_user("ny", password=PASSWORD)

    html = password_login(user).get("/mina-sidor/").content.decode()

    assert "Tvåstegsverifiering" not in html and "Här samlas dina besök" in html


def test_staff_cannot_turn_it_off(site_home, secretary):
    client = password_login(secretary)
    set_up_app(client)

    response = client.post("/konto/tvastegsverifiering/stang-av/", follow=True)

    assert "kan byta app men inte stänga av" in response.content.decode()
    assert TOTPDevice.objects.filter(user=secretary, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones_of_that_user_only(site_home, politician, secretary):
    _s, staff_codes = set_up_app(password_login(secretary))
    client = password_login(politician)
    _secret, old = set_up_app(client, next_url="/mina-sidor/")

    asked = client.post("/konto/tvastegsverifiering/reservkoder/")
    assert "Alla dina gamla reservkoder slutar fungera" in asked.content.decode()
    assert RecoveryCodeDevice.objects.get(user=politician).codes.count() == len(old)
    response = client.post("/konto/tvastegsverifiering/reservkoder/", {"bekrafta": "ja"})

    new = re.findall(r"<li><code>([a-z2-9-]{14})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert RecoveryCodeDevice.objects.get(user=secretary).codes.count() == len(staff_codes)


def test_account_pages_need_a_login(client, site_home):
    for path in ("/konto/verifiera/", "/konto/tvastegsverifiering/"):
        assert client.get(path)["Location"].startswith("/logga-in/?next=")
    for path in ("/konto/tvastegsverifiering/reservkoder/", "/konto/tvastegsverifiering/stang-av/"):
        assert client.post(path)["Location"].startswith("/logga-in/?next=")
    assert not TOTPDevice.objects.exists()


def test_unsafe_next_is_replaced_by_my_pages(site_home, secretary):
    client = password_login(secretary)

    _secret, _codes = set_up_app(client, next_url="https://evil.example.com/")
    response = client.get("/konto/verifiera/", {"next": "https://evil.example.com/"})

    assert response["Location"] == "/mina-sidor/"


def test_code_field_out_of_shape_gives_a_swedish_error(site_home, secretary):
    set_up_app(password_login(secretary))
    client = password_login(secretary, "10.2.0.12")
    for code in ("", "\x00", "x" * 500, "１２３４５６", "12 34 56 78"):
        response = client.post("/konto/verifiera/", {"code": code})
        assert response.status_code == 200, code
        assert 'role="alert"' in response.content.decode()


def test_reset_two_factor_removes_app_and_codes(site_home, secretary):
    set_up_app(password_login(secretary))

    call_command("reset_two_factor", "nils", stdout=open("/dev/null", "w"))

    assert not TOTPDevice.objects.filter(user=secretary).exists()
    assert not RecoveryCodeDevice.objects.filter(user=secretary).exists()
    assert password_login(secretary, "10.2.0.13").get("/admin/")["Location"].startswith("/konto/tvastegsverifiering/")

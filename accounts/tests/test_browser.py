"""Journeys in Chromium: login through a real OpenID Connect provider (first login, returning
user, mapped group, replayed callback, logout), and the second factor on Mina sidor."""

import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from accounts.testing import totp
from cms.browser import ROOT, assert_accessible, html_errors, login

from .provider_server import ACCOUNTS

pytestmark = pytest.mark.browser


class SingleSignOnServer:
    """A second gunicorn with login through the test provider switched on. On SQLite it serves
    the demo server's database; when the tests run against PostgreSQL (DATABASE_URL), it gets a
    database of its own there with the demo content."""

    def __init__(self, demo_server, provider):
        self.url = f"http://127.0.0.1:{provider.sso_port}"
        self.env = {
            **demo_server.env,
            **provider.environment(),
            "INSYN_OIDC_CREATE_USERS": "1",
            "INSYN_OIDC_LINK_BY_USERNAME": "1",
            "WAGTAILADMIN_BASE_URL": self.url,
        }
        self.log = demo_server.workdir / "sso-server.log"
        database = os.environ.get("DATABASE_URL", "")
        if database.startswith("postgres"):
            self.env["DATABASE_URL"] = self.postgres_database(database)
            self.manage("migrate", "--no-input", "-v0")
            self.manage("seed_demo")

    @staticmethod
    def postgres_database(url):
        import psycopg

        base, _sep, _name = url.rpartition("/")
        name = f"insyn_sso_{os.getpid()}"
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
        return f"{base}/{name}"

    def manage(self, *args):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", self.url.removeprefix("http://"),
             "--workers", "2", "--threads", "4", "--timeout", "60"],
            cwd=ROOT, env=self.env, stdout=open(self.log, "w"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/logga-in/", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"The single-sign-on server did not answer; see {self.log}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture(scope="session")
def sso_server(demo_server, oidc_provider):
    server = SingleSignOnServer(demo_server, oidc_provider).start()
    yield server
    server.stop()


@pytest.fixture
def new_context(chromium, sso_server):
    contexts = []

    def make():
        context = chromium.new_context(base_url=sso_server.url, locale="sv-SE", bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


def through_provider(page, account, oidc_provider, next_path="/mina-sidor/"):
    """From Insyn's login page, through the provider's, back to Insyn; returns the callback URL."""
    callbacks = []
    page.on("request", lambda request: callbacks.append(request.url) if "/logga-in/oidc/callback/" in request.url else None)
    page.goto(f"/logga-in/?next={next_path}")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.wait_for_url(f"{oidc_provider.issuer}/**")
    page.get_by_label("Konto").fill(account)
    page.get_by_label("Lösenord").fill(ACCOUNTS[account]["password"])
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(f"**{next_path}")
    return callbacks[-1]


def test_first_login_through_the_provider_gives_an_account_without_a_role(new_context, oidc_provider, tmp_path):
    page = new_context()
    page.goto("/logga-in/")
    login_html = page.content()
    assert_accessible(page)

    through_provider(page, "anna", oidc_provider)

    assert page.get_by_text("Välkommen, Anna Ek.").is_visible()
    assert page.get_by_text("Här samlas dina besök").is_visible()
    assert html_errors({"login with SSO": login_html}, tmp_path) == []


def test_returning_user_gets_the_same_account(new_context, oidc_provider, sso_server):
    through_provider(new_context(), "bertil", oidc_provider)
    page = new_context()

    through_provider(page, "bertil", oidc_provider)

    assert page.get_by_text("Välkommen, Bertil Berg.").is_visible()
    count = sso_server.manage(
        "shell", "-v", "0", "-c",
        "from django.contrib.auth.models import User; "
        f"print(User.objects.filter(oidc_identities__subject='{ACCOUNTS['bertil']['sub']}').count(), "
        "User.objects.filter(first_name='Bertil', last_name='Berg').count())",
    )
    assert count.split() == ["1", "1"]


def test_linked_demo_politician_keeps_their_account(new_context, oidc_provider):
    page = new_context()

    through_provider(page, "politiker", oidc_provider)

    assert page.get_by_text("Välkommen, Paula Politiker.").is_visible()
    assert page.get_by_role("heading", name="Mina enheter som kontaktpolitiker").is_visible()


def test_user_in_a_mapped_group_works_in_the_admin_with_the_providers_mfa(new_context, oidc_provider):
    page = new_context()

    through_provider(page, "sekreterare", oidc_provider)
    assert page.get_by_text("nämndsekreterare").first.is_visible()
    page.goto("/admin/")

    assert re.search(r"/admin/$", page.url)
    assert page.get_by_role("heading", level=1).first.is_visible()


def test_a_replayed_callback_is_refused(new_context, oidc_provider):
    page = new_context()
    callback = through_provider(page, "anna", oidc_provider)

    # In the same browser the code is not used again: the user stays as they were, with a message.
    page.goto(callback)
    assert page.get_by_text("Inloggningen med kommunens konto gick inte igenom").is_visible()

    stranger = new_context()
    stranger.goto(callback)
    assert re.search(r"/logga-in/$", stranger.url)
    assert stranger.get_by_text("Inloggningen med kommunens konto gick inte igenom").is_visible()
    stranger.goto("/mina-sidor/")
    assert "/logga-in/?next=/mina-sidor/" in stranger.url


def test_logout_ends_insyn_and_the_providers_session(new_context, oidc_provider, tmp_path):
    page = new_context()
    through_provider(page, "anna", oidc_provider)

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{oidc_provider.issuer}/**")
    page.get_by_role("button", name="Ja, logga ut").click()
    page.wait_for_url("**/utloggad/")
    page.get_by_role("heading", name="Du är utloggad").wait_for()
    assert html_errors({"logged out": page.content()}, tmp_path) == []
    assert_accessible(page)

    page.goto("/mina-sidor/")
    assert "/logga-in/" in page.url
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.wait_for_url(f"{oidc_provider.issuer}/**")
    page.get_by_label("Konto").wait_for()  # the provider asks again: its session ended too


def test_demo_staff_type_the_apps_code_before_the_admin(page):
    login(page, "redaktor")
    page.goto("/admin/")

    assert re.search(r"/admin/$", page.url)


def test_politician_turns_on_two_step_verification_on_my_pages(page, demo_server, tmp_path):
    demo_server.manage(
        "shell", "-v", "0", "-c",
        "from django.contrib.auth.models import Group, User; "
        "user = User.objects.filter(username='tvasteg').first() or "
        "User.objects.create_user('tvasteg', password='insyn-demo', first_name='Tove', last_name='Tvåsteg'); "
        "user.groups.add(Group.objects.get(name='Politiker'))",
    )
    login(page, "tvasteg")
    section = page.get_by_role("region", name="Tvåstegsverifiering")
    pages = {"my pages": page.content()}
    assert_accessible(page)
    section.get_by_role("link", name="Slå på tvåstegsverifiering").click()

    page.wait_for_url("**/konto/tvastegsverifiering/")
    assert page.get_by_role("img", name=re.compile("QR-kod")).is_visible()
    pages["setup"] = page.content()
    assert_accessible(page)
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Kod").fill(totp(secret))
    page.get_by_role("button", name="Slå på").click()

    page.get_by_role("heading", name="Dina reservkoder").wait_for()
    pages["recovery codes"] = page.content()
    assert_accessible(page)
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Jag har sparat koderna, fortsätt").click()
    page.get_by_role("button", name="Logga ut").click()

    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill("tvasteg")
    page.get_by_label("Lösenord").fill("insyn-demo")
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_url("**/konto/verifiera/**")
    pages["verify"] = page.content()
    assert_accessible(page)
    page.get_by_label("Kod").fill(codes[0])
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url("**/mina-sidor/")

    assert page.get_by_text("Du har 9 oanvända reservkoder kvar.").is_visible()
    assert html_errors(pages, tmp_path) == []

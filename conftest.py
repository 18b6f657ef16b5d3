"""Fixtures shared by every app's tests: the site tree, a real SMTP server and the task queue."""

import socket

import pytest
from aiosmtpd.controller import Controller

from cms.testing import drain_task_queue


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def force_login_proves_second_factor():
    """Staff with admin access must prove a second factor before the admin (accounts/). A test
    that logs in with `client.force_login` skips the login form, the password and the code alike;
    the login forms themselves still ask for both (accounts/tests)."""
    from accounts.testing import force_login_proves_second_factor

    undo = force_login_proves_second_factor()
    yield
    undo()


@pytest.fixture(scope="session", autouse=True)
def mail_through_the_outbox(django_test_environment):
    """Django's test set-up points EMAIL_BACKEND at a list in memory; keep Insyn's way instead:
    all mail into the outbox, and only its delivery goes to memory (or to `smtp_server`)."""
    from django.conf import settings

    settings.EMAIL_BACKEND = "cms.mail.OutboxEmailBackend"
    settings.INSYN_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The English catalogue as `make test` compiles it, for a pytest run on its own."""
    from cms.testing import compile_translations

    compile_translations()


@pytest.fixture
def site_home(db):
    from home import demo

    return demo.build()


class RecordingHandler:
    def __init__(self):
        self.messages = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 Försök igen senare"
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django's SMTP backend delivers to it."""
    handler = RecordingHandler()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    settings.INSYN_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = handler.port
    yield handler
    controller.stop()


@pytest.fixture
def run_tasks(db):
    """Runs what is waiting in the database task queue, as `manage.py db_worker` would."""
    return drain_task_queue


@pytest.fixture
def closed_smtp_port(settings):
    """A port where nothing listens: the mail server is down."""
    port = free_port()
    settings.INSYN_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    return port




# Browser tests (marked `browser`): one demo server per run, a fresh browser context per test.


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    from cms.browser import DemoServer

    server = DemoServer(tmp_path_factory.mktemp("demo"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from cms.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, demo_server):
    # bypass_csp lets the test inject axe-core; the site itself never needs inline script.
    context = chromium.new_context(base_url=demo_server.url, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()

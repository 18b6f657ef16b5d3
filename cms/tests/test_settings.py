import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "insyn.example.se",
    "WAGTAILADMIN_BASE_URL": "https://insyn.example.se",
    "EMAIL_HOST": "smtp.example.se",
    "DEFAULT_FROM_EMAIL": "insyn@example.se",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--settings=cms.settings.production"],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_each_required_setting(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert f"Miljövariabeln {missing} saknas" in result.stderr


def test_production_refuses_to_create_demo_users():
    result = run_manage("seed_demo", env=PRODUCTION_ENV)

    assert result.returncode != 0
    assert "körs bara med utvecklings- eller testinställningarna" in result.stderr


def test_seed_demo_can_run_twice(db, run_tasks):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    call_command("seed_demo", stdout=open(os.devnull, "w"))

    from django.contrib.auth.models import User
    from wagtail.models import Page

    assert User.objects.filter(username__in=["admin", "politiker", "politiker2"]).count() == 3
    assert Page.objects.filter(slug="tillganglighet").count() == 1


def test_seed_demo_refuses_when_demo_users_are_not_allowed(db, settings):
    settings.INSYN_ALLOW_DEMO_USERS = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_passwords_shorter_than_twelve_characters_are_refused(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kort-ord-1")
    validate_password("ett-langre-losenord-for-insyn")


PRODUCTION_HEADERS_SCRIPT = """
from django.conf import settings
from django.test import Client, override_settings
# No collectstatic here: plain static storage instead of the manifest.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client()
plain = client.get("/logga-in/", HTTP_HOST="insyn.example.se")
print("redirect", plain.status_code, plain.get("Location"))
secure = client.get("/logga-in/", HTTP_HOST="insyn.example.se", secure=True)
print("status", secure.status_code)
for name in ["Strict-Transport-Security", "Content-Security-Policy", "X-Content-Type-Options",
             "Referrer-Policy", "Permissions-Policy", "X-Frame-Options"]:
    print(name, "=", secure.get(name))
print("csrf-cookie-secure", secure.cookies["csrftoken"]["secure"])
"""


def test_production_sends_the_security_headers(tmp_path):
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert run_manage("migrate", "-v0", env=env).returncode == 0

    result = run_manage("shell", "-c", PRODUCTION_HEADERS_SCRIPT, env=env)

    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "redirect 301 https://insyn.example.se/logga-in/" in out
    assert "status 200" in out
    assert "Strict-Transport-Security = max-age=31536000; includeSubDomains" in out
    assert "default-src 'self'" in out and "script-src 'self'" in out and "frame-ancestors 'none'" in out
    assert "X-Content-Type-Options = nosniff" in out
    assert "Referrer-Policy = same-origin" in out
    assert "camera=()" in out
    assert "X-Frame-Options = DENY" in out
    assert "csrf-cookie-secure True" in out


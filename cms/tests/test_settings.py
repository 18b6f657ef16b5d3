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

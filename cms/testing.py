"""Helpers for tests in every app."""

from pathlib import Path

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

_worker = Worker(
    queue_names=["*"],
    interval=0,
    batch=True,
    backend_name="default",
    startup_delay=False,
    max_tasks=None,
    worker_id="pytest",
    excluded_queue_names=[],
)


def drain_task_queue(limit=1000):
    """Run every ready task in the database queue through the real worker's code path,
    without its loop (which closes the test's connection). Returns how many ran."""
    ran = 0
    while ran < limit:
        result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if result is None:
            return ran
        result.claim(_worker.worker_id)
        _worker.run_task(result)
        ran += 1
    raise RuntimeError("The task queue did not drain: a task keeps enqueueing others.")


def client_for(user):
    """A test client logged in as `user`, or anonymous for None. A user who needs the second
    factor (admin access, or a device of their own) is logged in as after typing the code."""
    from django.test import Client

    from accounts.testing import login_with_second_factor

    client = Client()
    if user is not None:
        login_with_second_factor(client, user, Client.force_login)
    return client


def generation_cache_on(settings):
    """Turn on what the test settings turn off (cms/memo.py: the generation cache and Mina
    sidor's parts), starting from new generations so nothing kept by an earlier test counts."""
    from .page_cache import AUTH, CONTENT, replace_generation

    settings.INSYN_GENERATION_CACHE = True
    settings.INSYN_MY_PAGES_CACHE_SECONDS = 120
    replace_generation(CONTENT)
    replace_generation(AUTH)
def compile_translations():
    """Compiles each locale/<language>/LC_MESSAGES/django.po whose .mo is missing or older, as
    `make test` does with compilemessages, so that running pytest alone sees the translations."""
    import subprocess

    from django.conf import settings
    from django.utils.translation import trans_real

    compiled = False
    for locale_path in settings.LOCALE_PATHS:
        for po in Path(locale_path).glob("*/LC_MESSAGES/django.po"):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
                compiled = True
    if compiled:
        trans_real._translations.clear()

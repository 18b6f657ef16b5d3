"""The demo municipality, built once per module for the permission matrix.

Building the demo takes seconds; the matrix asks hundreds of questions of it. The data is
written inside one outer transaction that is rolled back when the module ends, so nothing
reaches other tests; each test's own `db` transaction nests inside it as a savepoint, so
what one test changes (a POST that succeeds) is undone before the next."""

import datetime

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

# The demo's current mandate period is 2023–2026; pin "today" inside it as the apps' tests do.
TODAY = datetime.date(2026, 11, 24)


def restore_migrated_data():
    """A transactional test before this module (cms/tests/test_backup.py) empties the tables,
    Wagtail's root page and Django's permissions included; bring back what migrate wrote, as
    Django's serialized rollback does, inside the outer transaction."""
    from django.contrib.auth.models import Permission
    from django.db import connection

    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized and not Permission.objects.exists():
        connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture(scope="module")
def matrix_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from cms.tests.matrix_demo import build_matrix_demo

    # The demo's files (captions, a newsletter PDF) go to temporary folders, not media/.
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"),
                              PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("matrix-private-media"))
    with media, pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            restore_migrated_data()
            yield build_matrix_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            # Wagtail's site root paths and the page cache describe rows that are gone now.
            for backend in caches.all():
                backend.clear()


@pytest.fixture
def demo(matrix_demo, db, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return matrix_demo

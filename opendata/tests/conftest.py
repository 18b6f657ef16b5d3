"""The demo municipality with planted secrets, built once for these tests (as the permission
matrix does for its module: one outer transaction rolled back at the end, each test a
savepoint in it)."""

import datetime

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

# Inside the demo's current mandate period (2023–2026), as the other apps' tests pin it.
TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(scope="package")
def oparl_module_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from .planting import build_open_data_demo

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("opendata-media"))
    with media, pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_open_data_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            for backend in caches.all():
                backend.clear()


@pytest.fixture
def oparl_demo(oparl_module_demo, db, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return oparl_module_demo

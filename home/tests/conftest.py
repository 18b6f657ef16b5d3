import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms import roles

# Status and review dates are computed from "today": a run that passes midnight must not
# move it between a test's setup and its assertions.
TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def document_index(site_home):
    from home.governing_demo import ensure_index

    return ensure_index(site_home)


@pytest.fixture
def moderated_index(document_index):
    from home.governing_demo import ensure_moderation

    for name in (roles.EDITORS, roles.SECRETARIES):
        Group.objects.get_or_create(name=name)
    ensure_moderation(document_index)
    return document_index

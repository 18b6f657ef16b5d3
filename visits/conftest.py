import datetime

import pytest
from django.utils import timezone

from visits.register.tests import factories

# The demo and the tests assume the 2023–2026 period is current (today is 2026-11-24).
TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def directory(site_home):
    return factories.make_directory_page(site_home)

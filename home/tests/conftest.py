import datetime

import pytest
from django.utils import timezone

# Status and review dates are computed from "today": a run that passes midnight must not
# move it between a test's setup and its assertions.
TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)

"""The dashboard panel "Täckning i år"."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from visits.reports.summary import coverage
from visits.reports.tests.factories import make_held
from visits.reports.tests.test_admin import known_data, secretary, w  # noqa: F401 (fixtures)
from visits.requests.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_coverage_counts_active_units_with_a_held_visit_this_year_per_committee(w):
    known_data(w)
    year = timezone.localdate().year
    figures = {c.short_name: (c.covered, c.unit_count) for c in coverage(year)}
    assert figures["BUN"] == (1, 2) and figures["KFN"] == (1, 1)
    w.other_unit.active = False
    w.other_unit.save()
    assert {c.short_name: (c.covered, c.unit_count) for c in coverage(year)}["BUN"] == (1, 1)
    assert {c.short_name: c.covered for c in coverage(year - 1)}["BUN"] == 0


def test_coverage_is_one_query_however_many_committees(w, django_assert_num_queries):
    from visits.register.models import Unit

    make_held(w)
    with django_assert_num_queries(1):
        few = coverage(timezone.localdate().year)
    for number in range(5):
        Unit.objects.create(name=f"Enhet {number}", slug=f"enhet-{number}", kind=w.library.kind, committee=w.kfn,
                            manager=w.manager)
    with django_assert_num_queries(1):
        many = coverage(timezone.localdate().year)
    assert sum(c.unit_count for c in many) == sum(c.unit_count for c in few) + 5


def test_the_administration_sees_the_coverage_panel_and_an_editor_does_not(w, secretary):  # noqa: F811
    known_data(w)
    html = secretary.get("/admin/").content.decode()
    assert "Täckning i år" in html
    editor = make_user("redaktor3")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)
    assert "Täckning i år" not in client.get("/admin/").content.decode()

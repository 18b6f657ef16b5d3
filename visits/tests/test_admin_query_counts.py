"""The admin listings of visit requests and reports, and their CSV/XLSX exports, cost the same
number of queries for one row as for many (bench/admin_listings.py measures 100 against 10,000)."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from visits.reports.tests.factories import make_held, make_report_world, write
from visits.requests.models import VisitRequest
from visits.requests.tests.factories import make_request, make_user

pytestmark = pytest.mark.django_db

VISITS = "/admin/visits/visitrequest/"
REPORTS = "/admin/visits/visitreport/"


@pytest.fixture
def w(site_home):
    return make_report_world(site_home)


@pytest.fixture
def secretary(w):
    user = make_user("sekreterare")
    for codename in ("access_admin", "view_visitrequest", "view_visitreport"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(user)
    return client


def requests_of(w, url):
    return [(url, {}), (url, {"namnd": w.bun.pk}), (url, {"q": "skola"}), (url, {"export": "csv"}),
            (url, {"export": "xlsx"})]


def body(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    return b"".join(response.streaming_content) if response.streaming else response.content


def counts(client, requests):
    found = []
    for url, params in requests:
        body(client, url, params)  # the first answer also fills per-process caches (site root, content types)
        with CaptureQueriesContext(connection) as captured:
            body(client, url, params)
        found.append(len(captured))
    return found


def assert_same_counts(client, requests, counted, django_assert_num_queries):
    for (url, params), expected in zip(requests, counted):
        body(client, url, params)
        with django_assert_num_queries(expected):
            body(client, url, params)


def test_the_visit_listing_and_its_exports_cost_the_same_queries_for_one_request_as_for_many(
    w, secretary, django_assert_num_queries
):
    make_request(w)
    requests = requests_of(w, VISITS)
    counted = counts(secretary, requests)
    make_request(w, kind=VisitRequest.Kind.PRESIDIUM, confirm_unpaid=True)
    make_request(w, politician=w.colleague, confirm_unpaid=True)
    make_request(w, unit=w.library, politician=w.outsider)
    make_request(w, unit=w.other_unit, politician=w.colleague, confirm_unpaid=True)
    make_request(w, confirm_unpaid=True).cancel(w.user, "Krockar med ett sammanträde.")
    assert VisitRequest.objects.count() == 6
    assert_same_counts(secretary, requests, counted, django_assert_num_queries)


def test_the_report_listing_and_its_exports_cost_the_same_queries_for_one_report_as_for_many(
    w, secretary, django_assert_num_queries
):
    write(w.page, make_held(w, days=-10), w.politician, "Tryggt och lugnt.").submit(w.user)
    requests = requests_of(w, REPORTS)
    counted = counts(secretary, requests)
    write(w.page, make_held(w, days=-9, politician=w.colleague), w.colleague, "Bra lärmiljö.").submit(w.colleague_user)
    write(w.page, make_held(w, days=-8, unit=w.library, politician=w.outsider), w.outsider,
          "Läsfrämjande arbete.").submit(w.outsider_user)
    write(w.page, make_held(w, days=-7, kind=VisitRequest.Kind.PRESIDIUM), w.politician,
          "Målen är tydliga.").submit(w.user)
    assert_same_counts(secretary, requests, counted, django_assert_num_queries)
    # The export still carries every report's answers under their questions.
    exported = body(secretary, REPORTS, {"export": "csv"}).decode()
    question = w.page.form_fields.order_by("sort_order").first().label
    for text in ("Tryggt och lugnt.", "Bra lärmiljö.", "Läsfrämjande arbete.", "Målen är tydliga."):
        assert f"{question}: {text}" in exported

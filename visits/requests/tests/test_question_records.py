"""Questions sent ahead are records: once sent they keep their own copy of the form's questions
(what the unit manager, the report form and the admin's export show), and nobody deletes them."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from cms.testing import client_for
from visits.requests.demo import ensure_questions_page
from visits.requests.questions import VisitQuestion
from visits.requests.tests.factories import make_accepted, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    w = make_world()
    w.page = ensure_questions_page(site_home)
    w.first, w.second = w.page.form_fields.order_by("sort_order")
    w.asked = [w.first.label, w.second.label]
    w.visit = make_accepted(w)
    response = client_for(w.user).post(f"{w.page.url}?besok={w.visit.pk}", {
        w.first.clean_name: "Hur arbetar ni med läsning?", w.second.clean_name: "Hur ser budgeten ut?"})
    assert response.status_code == 200
    w.question = VisitQuestion.objects.get()
    w.admin = make_user("chefadmin", is_superuser=True)
    return w


def exported_rows(w, fmt="csv"):
    response = client_for(w.admin).get(reverse("wagtailforms:list_submissions", args=[w.page.pk]), {"export": fmt})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_questions_once_sent_keep_the_form_as_it_was(w):
    w.first.label = "Något helt annat?"
    w.first.save()
    w.second.delete()

    for user in (w.user, w.manager):
        page = client_for(user).get(reverse("visit_requests:detail", args=[w.visit.pk])).content.decode()
        assert w.asked[0] in page and w.asked[1] in page and "Hur ser budgeten ut?" in page
        assert "Något helt annat?" not in page
    rows = exported_rows(w)
    assert rows[0] == ["Skickad", "Besök", "Skickat av", "Frågor", "Svar från enheten"]
    assert f"{w.asked[0]}: Hur arbetar ni med läsning?\n\n{w.asked[1]}: Hur ser budgeten ut?" == rows[1][3]


def test_questions_sent_before_the_copy_existed_get_it_from_the_form_as_it_reads_now(w):
    VisitQuestion.objects.update(questions=[])
    importlib.import_module("visits.migrations.0006_records_keep_their_questions").copy_questions(apps, None)
    assert VisitQuestion.objects.get().questions == [[w.first.clean_name, w.asked[0]], [w.second.clean_name, w.asked[1]]]


def test_nobody_deletes_questions_sent_ahead_in_the_admin(w):
    client = client_for(w.admin)
    url = reverse("wagtailforms:delete_submissions", args=[w.page.pk]) + f"?selected-submissions={w.question.pk}"
    confirm = client.get(url).content.decode()
    assert "kan inte tas bort" in confirm and 'type="submit"' not in confirm
    listing = client.get(reverse("wagtailforms:list_submissions", args=[w.page.pk])).content.decode()
    assert "selected-submissions" not in listing and "Hur arbetar ni med läsning?" in listing

    # Django deletes inside atomic(savepoint=False): in production the request's own outermost
    # block rolls back; inside the test's transaction a savepoint stands in for it.
    with transaction.atomic():
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert VisitQuestion.objects.filter(pk=w.question.pk).exists()


def test_questions_stay_when_deleted_through_the_orm(w):
    with pytest.raises(PermissionDenied):
        w.question.delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        VisitQuestion.objects.all().delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        w.visit.delete()  # the visit's questions would go with it
    assert VisitQuestion.objects.count() == 1

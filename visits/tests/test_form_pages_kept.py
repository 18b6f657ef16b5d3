"""A form page whose submissions are records (feedback, questions sent ahead, reports and their
drafts) is not deleted in the admin, alone, with its parent or in bulk: the editor is told why in
Swedish and offered what to do instead, and nothing is lost. An empty form page can be deleted."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.testing import client_for
from visits.feedback.demo import ensure_form_page
from visits.feedback.models import FeedbackSubmission
from visits.reports.models import VisitReport
from visits.reports.tests.factories import make_held, make_report_world, write
from visits.requests.demo import ensure_questions_page
from visits.requests.questions import VisitQuestion
from visits.requests.tests.factories import make_accepted, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    w = make_report_world(site_home)
    w.home = site_home
    w.admin = client_for(make_user("chefadmin", is_superuser=True))
    return w


def with_feedback(w):
    page = ensure_form_page(w.home)
    FeedbackSubmission.objects.create(page=page, form_data={}, unit=w.unit, text="Grinden står öppen.",
                                      kind=FeedbackSubmission.Kind.COMPLAINT)
    return page, FeedbackSubmission


def with_questions(w):
    page = ensure_questions_page(w.home)
    field = page.form_fields.first().clean_name
    VisitQuestion.objects.create(page=page, visit=make_accepted(w), author=w.politician, form_data={field: "Hur?"})
    return page, VisitQuestion


def with_report(w):
    visit = make_held(w)
    first = write(w.page, visit, w.politician, "Tryggt.").submit(w.user)
    write(w.page, first.visit, w.politician, "Tryggt, rättat.").submit(w.user)  # a correction protects the first
    return w.page, VisitReport


def with_a_draft(w):
    write(w.page, make_held(w), w.politician, "Halvfärdigt.")
    return w.page, VisitReport


HOLDERS = {"feedback": with_feedback, "questions": with_questions, "reports": with_report, "a draft": with_a_draft}


def messages_after(w, response):
    return " ".join(str(m) for m in w.admin.get(response["Location"]).context["messages"])


@pytest.mark.parametrize("holder", HOLDERS)
def test_a_form_page_holding_records_is_kept_and_the_admin_says_why(w, holder):
    page, model = HOLDERS[holder](w)
    count = model.objects.count()

    confirm = w.admin.get(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    response = w.admin.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert confirm.status_code == 302 and response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    said = messages_after(w, response)
    assert f"”{page.title}” kan inte tas bort" in said and "Avpublicera sidan i stället" in said
    assert Page.objects.filter(pk=page.pk).exists() and model.objects.count() == count


def test_the_parent_of_a_form_page_holding_records_is_kept_too(w):
    page, _model = with_questions(w)
    response = w.admin.post(reverse("wagtailadmin_pages:delete", args=[w.home.pk]))
    assert response.status_code == 302
    assert f"formuläret ”{page.title}” under den" in messages_after(w, response)
    assert Page.objects.filter(pk=w.home.pk).exists() and VisitQuestion.objects.count() == 1


def test_a_bulk_delete_keeps_a_form_page_holding_records(w):
    page, _model = with_feedback(w)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}"
    response = w.admin.post(url)
    assert response.status_code == 302
    assert f"”{page.title}” kan inte tas bort" in messages_after(w, response)
    assert Page.objects.filter(pk=page.pk).exists() and FeedbackSubmission.objects.count() == 1


def test_a_form_page_without_submissions_can_be_deleted(w):
    page = ensure_questions_page(w.home)
    response = w.admin.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()

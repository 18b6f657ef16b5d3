"""Every form page type of the site, and Wagtail's own export of its submissions: whatever a
resident, politician or editor typed, no exported cell (headings included) starts a formula in
the CSV or the XLSX, and the export never fails. The report form's submissions are not in
Wagtail's Forms menu at all; if they were, the same would hold.

A new form page type fails `test_every_form_page_type_is_walked` until it has a builder here."""

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import get_page_models

from cms.exports import FORMULA_PREFIXES
from cms.testing import client_for
from cms.tests.strategies import fuzz, odd_text, rolled_back
from visits.evaluation.models import EvaluationFormPage
from visits.evaluation.tests.factories import make_evaluation_page
from visits.feedback.demo import ensure_form_page
from visits.feedback.models import FeedbackFormField, FeedbackFormPage, FeedbackSubmission
from visits.reports.models import VisitReportFormPage
from visits.reports.tests.factories import make_held, make_report_world, write
from visits.requests.demo import ensure_questions_page
from visits.requests.questions import VisitQuestion, VisitQuestionsFormPage
from visits.requests.tests.factories import make_accepted, make_user

pytestmark = pytest.mark.django_db


def feedback(w, home, text):
    page = ensure_form_page(home)
    FeedbackFormField.objects.create(page=page, sort_order=9, label=f"={text}"[:255], field_type="singleline",
                                     required=False)
    extra = page.form_fields.get(sort_order=9).clean_name
    FeedbackSubmission.objects.create(page=page, form_data={extra: text}, unit=w.unit, text=text, name=text[:200],
                                      kind=FeedbackSubmission.Kind.COMPLAINT, contact="boende@example.org")
    return page


def questions(w, home, text):
    page = ensure_questions_page(home)
    first = page.form_fields.order_by("sort_order").first()
    first.label = f"@{text}"[:255]
    first.save()
    question = VisitQuestion.objects.create(page=page, visit=make_accepted(w), author=w.politician,
                                            form_data={first.clean_name: text})
    VisitQuestion.objects.filter(pk=question.pk).update(answer=text)
    return page


def reports(w, home, text):
    write(w.page, make_held(w), w.politician, text).submit(w.user)
    return w.page


def evaluation(w, home, text):
    # Answers are stored by the evaluation (its own exports go through cms.exports), never as Wagtail submissions.
    return make_evaluation_page(home)


# Each form page type and how to give it a submission carrying `text` everywhere it can.
BUILDERS = {FeedbackFormPage: feedback, VisitQuestionsFormPage: questions, VisitReportFormPage: reports,
            EvaluationFormPage: evaluation}
# Kept out of Wagtail's Forms menu (report drafts are private; the evaluation has its own results
# and exports): their export is refused to everyone.
NOT_IN_FORMS_MENU = {VisitReportFormPage, EvaluationFormPage}


def test_every_form_page_type_is_walked():
    types = {model for model in get_page_models() if issubclass(model, FormMixin) and not model._meta.abstract}
    assert types == set(BUILDERS), "a new form page type needs a builder in BUILDERS"


@pytest.fixture
def w(site_home):
    w = make_report_world(site_home)
    w.home = site_home
    w.admin = make_user("chefadmin", is_superuser=True)
    return w


def cells(response, fmt):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for cell in row]
    sheet = load_workbook(io.BytesIO(raw), read_only=True).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]


formula_text = st.builds(lambda prefix, rest: prefix + rest, st.sampled_from(FORMULA_PREFIXES), odd_text)


@fuzz(8)
@example(text='=HYPERLINK("http://x.example","Klicka")')
@example(text="+46 70 123 45 67")
@example(text="-1+1")
@example(text="@SUM(A1:A2)")
@example(text="\t=1+1")
@example(text="\r=1+1")
@given(text=formula_text)
def test_no_export_of_any_form_page_starts_a_formula(w, text):
    text = text.replace("\x00", "")  # every form refuses NUL (and PostgreSQL cannot store it)
    client = client_for(w.admin)
    for page_type, build in BUILDERS.items():
        with rolled_back():
            page = build(w, w.home, text)
            for fmt in ("csv", "xlsx"):
                response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]), {"export": fmt})
                if page_type in NOT_IN_FORMS_MENU:
                    assert response.status_code == 302 and response["Location"] == "/admin/"
                    continue
                assert response.status_code == 200, (page_type, fmt)
                exported = cells(response, fmt)
                dangerous = [cell for cell in exported if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES)]
                assert not dangerous, (page_type.__name__, fmt, dangerous)
                assert any(isinstance(cell, str) and cell.startswith("'") for cell in exported), (page_type, fmt)

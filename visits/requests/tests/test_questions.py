import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.models import OutboxMessage
from cms.testing import client_for
from visits.requests.demo import ensure_questions_page
from visits.requests.models import VisitRequest
from visits.requests.questions import VisitQuestion, questions_for, unanswered_questions
from visits.requests.tests.factories import make_accepted, make_request, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    w = make_world()
    w.page = ensure_questions_page(site_home)
    w.field = w.page.form_fields.order_by("sort_order").first().clean_name
    return w



def ask_url(w, visit):
    return f"{w.page.url}?besok={visit.pk}"


def test_politician_sends_questions_ahead_of_an_accepted_visit(w):
    visit = make_accepted(w, companions=[w.colleague])
    detail = client_for(w.user).get(reverse("visit_requests:detail", args=[visit.pk])).content.decode()
    assert ask_url(w, visit) in detail

    page = client_for(w.colleague_user).get(ask_url(w, visit))
    assert page.status_code == 200
    assert "Vad vill du att enheten förbereder" in page.content.decode()
    response = client_for(w.colleague_user).post(ask_url(w, visit), {w.field: "Hur arbetar ni med läsning?"})

    assert "Tack, frågorna är skickade" in response.content.decode()
    question = VisitQuestion.objects.get()
    assert (question.visit, question.author, question.page_id) == (visit, w.colleague, w.page.pk)
    assert question.form_data[w.field] == "Hur arbetar ni med läsning?"
    mail = OutboxMessage.objects.order_by("pk").last()
    assert mail.recipients == ["rektor@adala.example.se"]
    assert "läsning" not in mail.body


def test_questions_form_shows_swedish_errors_for_an_empty_question(w):
    visit = make_accepted(w)
    response = client_for(w.user).post(ask_url(w, visit), {w.field: ""})
    assert response.status_code == 200
    assert "Formuläret behöver rättas" in response.content.decode()
    assert not VisitQuestion.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "-1", "1.5", "١", "9" * 40])
def test_a_missing_or_malformed_visit_parameter_gives_a_swedish_message_not_a_500(w, value):
    response = client_for(w.user).get(f"{w.page.url}?besok={value}")
    assert response.status_code == 400
    assert "Länken saknar ett giltigt besök" in response.content.decode()


@pytest.mark.parametrize("who", ["outsider_user", "manager", "other_manager", "nobody"])
def test_only_the_visits_politicians_may_open_the_questions_form(w, who):
    visit = make_accepted(w)
    client = client_for(getattr(w, who))
    assert client.get(ask_url(w, visit)).status_code == 404
    assert client.post(ask_url(w, visit), {w.field: "Fråga"}).status_code == 404
    assert client_for(w.user).get(f"{w.page.url}?besok=999999").status_code == 404
    assert not VisitQuestion.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(w):
    visit = make_accepted(w)
    response = Client().get(ask_url(w, visit))
    assert response.status_code == 302
    assert "/logga-in/" in response["Location"]


def test_questions_can_only_be_sent_to_an_accepted_visit_before_it_starts(w):
    requested = make_request(w)
    started = make_accepted(w, politician=w.colleague)
    VisitRequest.objects.filter(pk=started.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    for visit, user in ((requested, w.user), (started, w.colleague_user)):
        page = client_for(user).get(ask_url(w, visit)).content.decode()
        assert "fram till att det börjar" in page
        assert "<form class=\"visit-form\"" not in page
        client_for(user).post(ask_url(w, visit), {w.field: "För sent"})
    assert not VisitQuestion.objects.exists()


def answer_url(visit, question):
    return reverse("visit_requests:answer", args=[visit.pk, question.pk])


def test_manager_sees_the_questions_and_marks_one_answered(w):
    visit = make_accepted(w)
    question = VisitQuestion.objects.create(page=w.page, visit=visit, author=w.politician, form_data={w.field: "Budget?"})
    manager = client_for(w.manager)
    assert "Budget?" in manager.get(reverse("visit_requests:detail", args=[visit.pk])).content.decode()
    assert unanswered_questions(visit) == [question]

    response = manager.post(answer_url(visit, question), {f"svar-{question.pk}-answer": "Vi visar den på mötet."})

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Vi visar den på mötet." and question.answered_by == w.manager
    assert unanswered_questions(visit) == []
    assert OutboxMessage.objects.order_by("pk").last().recipients == ["politiker@adala.example.se"]
    assert "Vi visar den på mötet." in client_for(w.user).get(reverse("visit_requests:detail", args=[visit.pk])).content.decode()


def test_an_empty_answer_is_refused_with_a_message(w):
    visit = make_accepted(w)
    question = VisitQuestion.objects.create(page=w.page, visit=visit, author=w.politician, form_data={w.field: "?"})
    page = client_for(w.manager).post(answer_url(visit, question), {f"svar-{question.pk}-answer": ""}, follow=True)
    assert "Skriv ett kort svar." in page.content.decode()
    question.refresh_from_db()
    assert not question.is_answered


@pytest.mark.parametrize("who, status", [("other_manager", 404), ("outsider_user", 404), ("nobody", 404), ("user", 403)])
def test_only_the_units_manager_answers(w, who, status):
    visit = make_accepted(w)
    question = VisitQuestion.objects.create(page=w.page, visit=visit, author=w.politician, form_data={w.field: "?"})
    response = client_for(getattr(w, who)).post(answer_url(visit, question), {f"svar-{question.pk}-answer": "Svar"})
    assert response.status_code == status
    question.refresh_from_db()
    assert not question.is_answered


def test_a_question_of_another_visit_is_404(w):
    visit = make_accepted(w)
    other = make_accepted(w, politician=w.colleague)
    question = VisitQuestion.objects.create(page=w.page, visit=other, author=w.colleague, form_data={w.field: "?"})
    assert client_for(w.manager).post(answer_url(visit, question), {}).status_code == 404


def test_questions_are_listed_with_the_editors_labels(w):
    visit = make_accepted(w)
    VisitQuestion.objects.create(page=w.page, visit=visit, author=w.politician, form_data={w.field: "Mål?"})
    [question] = questions_for(visit)
    assert question.items == [("Vad vill du att enheten förbereder inför besöket?", "Mål?")]

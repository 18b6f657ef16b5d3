"""Answering through the personal link, and the secretary's admin pages: who may open them, the
sending, the results with their chart and exports, and query counts that do not grow."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cms import roles
from cms.models import OutboxMessage
from cms.testing import client_for
from visits.evaluation.models import Evaluation, EvaluationAnswer, EvaluationRecipient
from visits.register.tests.world import make_register, make_user

from .factories import field_names, make_evaluation_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return make_register()


@pytest.fixture
def page(site_home):
    return make_evaluation_page(site_home)


@pytest.fixture
def evaluation(page, register):
    return Evaluation.send(page=page, committee=register["committee"], year=2026, by=None)


def admin_user(username, group):
    user = make_user(username, groups=[group])
    Group.objects.get(name=group).permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def secretary():
    return admin_user("sekreterare", roles.SECRETARIES)


def link(recipient):
    return f"{recipient.evaluation.page.url}?nyckel={recipient.key}"


def answer_data(page, contact="En del", ways=("Besök",), text="Tydligare struktur."):
    first, second, third = field_names(page)
    return {first: contact, second: list(ways), third: text}


# --- answering -----------------------------------------------------------------------------------


def test_a_recipient_answers_through_the_personal_link_without_logging_in(client, page, evaluation):
    recipient = evaluation.recipients.filter(role=EvaluationRecipient.Role.MANAGER).get()

    form = client.get(link(recipient))
    response = client.post(link(recipient), answer_data(page))

    assert form.status_code == 200 and "Du svarar som enhetschef" in form.content.decode()
    assert response.status_code == 200 and "Tack för dina svar" in response.content.decode()
    answer = EvaluationAnswer.objects.get()
    assert answer.recipient == recipient and answer.role == "manager"
    assert answer.form_data[field_names(page)[0]] == "En del"
    again = client.get(link(recipient)).content.decode()
    assert "Du svarade på enkäten" in again and "<form" not in again.split("<main")[1]
    client.post(link(recipient), answer_data(page, contact="Mycket"))
    assert EvaluationAnswer.objects.count() == 1


def test_a_personal_answer_is_never_cached(client, evaluation):
    response = client.get(link(evaluation.recipients.first()))

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("key", ["finns-inte-alls-men-lang-nog-att-provas", "kort", "ogiltig\x00nyckel" * 3, "å" * 30])
def test_a_wrong_key_gets_a_swedish_404_and_no_form(client, page, evaluation, key):
    response = client.get(page.url, {"nyckel": key})

    assert response.status_code == 404
    assert "Länken till enkäten gäller inte" in response.content.decode()


def test_a_key_opens_only_its_own_questionnaire(client, site_home, evaluation):
    other = make_evaluation_page(site_home, slug="annan-enkat")

    response = client.get(other.url, {"nyckel": evaluation.recipients.first().key})

    assert response.status_code == 404


def test_a_required_question_left_out_gets_a_swedish_error_and_nothing_is_stored(client, page, evaluation):
    recipient = evaluation.recipients.first()

    missing = client.post(link(recipient), answer_data(page, contact=""))
    wrong = client.post(link(recipient), answer_data(page, contact="Kanske"))
    too_long = client.post(link(recipient), answer_data(page, text="x" * 4001))

    assert missing.status_code == 400 and "Svara på frågan." in missing.content.decode()
    assert wrong.status_code == 400 and "Välj ett av svaren." in wrong.content.decode()
    assert too_long.status_code == 400 and "Skriv högst 4000 tecken." in too_long.content.decode()
    assert not EvaluationAnswer.objects.exists()
    assert EvaluationRecipient.objects.get(pk=recipient.pk).answered_at is None


def test_the_form_asks_the_questions_as_they_were_sent(client, page, evaluation):
    field = page.form_fields.get(sort_order=0)
    field.label = "Helt ny fråga"
    field.save()

    html = client.get(link(evaluation.recipients.first())).content.decode()

    assert "Hur mycket kontakt har du haft under året?" in html and "Helt ny fråga" not in html


def test_without_a_link_the_page_says_what_the_evaluation_is(client, page):
    html = client.get(page.url).content.decode()

    assert "Nämnden frågar varje år" in html and "personliga länken i mejlet" in html and "<fieldset" not in html


# --- the admin -----------------------------------------------------------------------------------


INDEX = reverse("evaluation_index")


def results_url(evaluation, fmt=""):
    return reverse("evaluation_results", args=[evaluation.pk]) + (f"?format={fmt}" if fmt else "")


def test_the_secretary_previews_the_recipients_and_sends(page, register, secretary):
    client = client_for(secretary)
    params = {"namnd": register["committee"].pk, "ar": 2026, "enkat": page.pk}

    preview = client.get(INDEX, params).content.decode()
    assert "Enkäten går till 3 mottagare" in preview and register["member_a"].full_name in preview
    assert not Evaluation.objects.exists() and not OutboxMessage.objects.exists()

    response = client.post(INDEX, params)

    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == results_url(evaluation)
    assert evaluation.recipients.count() == 3 and OutboxMessage.objects.count() == 3
    assert evaluation.sent_by == secretary


def test_sending_twice_is_refused_with_a_swedish_message(page, register, secretary, evaluation):
    params = {"namnd": register["committee"].pk, "ar": 2026, "enkat": page.pk}

    response = client_for(secretary).post(INDEX, params)

    assert response.status_code == 400 and "har redan fått utvärderingen för 2026" in response.content.decode()
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize("params, message", [
    ({"ar": "tjugo"}, "Ange ett år med fyra siffror."),
    ({"namnd": "99999999999999999999999", "ar": 2026}, "Välj en nämnd i listan."),
    ({"enkat": "abc", "ar": 2026}, "Välj en publicerad enkät i listan."),
])
def test_the_sending_form_gives_swedish_errors(secretary, params, message, page, register):
    response = client_for(secretary).post(INDEX, params)

    assert response.status_code == 400 and message in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_results_page_shows_counts_a_chart_with_a_text_alternative_and_exports(page, evaluation, secretary):
    politician = evaluation.recipients.filter(role=EvaluationRecipient.Role.CONTACT_POLITICIAN).first()
    EvaluationAnswer.submit(politician, answer_data(page, text="=HYPERLINK(\"http://x\")"))
    client = client_for(secretary)

    html = client.get(results_url(evaluation)).content.decode()
    rows = list(csv.reader(io.StringIO(client.get(results_url(evaluation, "csv")).content.decode("utf-8-sig")),
                           delimiter=";"))
    book = load_workbook(io.BytesIO(client.get(results_url(evaluation, "xlsx")).content))

    assert '<svg role="img"' in html and "<desc" in html and "Mycket: 0; En del: 1; Lite: 0; Ingen: 0" in html
    assert "Tydligare struktur" not in html and "HYPERLINK" in html
    assert rows[0][0] == "Svarade som" and rows[1][:2] == ["kontaktpolitiker", "En del"]
    assert rows[1][3] == "'=HYPERLINK(\"http://x\")"
    assert list(book["Resultat"].iter_rows(values_only=True))[2] == (
        "Hur mycket kontakt har du haft under året?", "En del", 1, 1, 0)
    assert [row[0] for row in book["Mottagare"].iter_rows(values_only=True)][1:] == [
        r.name for r in evaluation.recipients.order_by("role", "name")]
    assert client.get(results_url(evaluation, "pdf")).status_code == 400


@pytest.mark.parametrize("who", ["editor", "politician", "manager", "head", "nobody"])
def test_only_the_administration_opens_the_admin_pages(evaluation, register, who):
    users = {
        "editor": lambda: admin_user("redaktor", roles.EDITORS),
        "politician": lambda: register["member_a"].user,
        "manager": lambda: register["manager"],
        "head": lambda: make_user("forvaltningschef", groups=[roles.HEADS_OF_ADMINISTRATION]),
        "nobody": lambda: None,
    }
    client = client_for(users[who]())
    for url in (INDEX, results_url(evaluation), results_url(evaluation, "xlsx")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/" if who == "editor" else response["Location"].startswith("/admin/login/")
    assert client.post(INDEX, {"namnd": register["committee"].pk, "ar": 2025}).status_code == 302
    assert Evaluation.objects.count() == 1


def test_the_questionnaire_stays_out_of_wagtails_forms_menu(page, secretary):
    html = client_for(secretary).get("/admin/forms/").content.decode()

    assert page.title not in html
    assert client_for(secretary).get(f"/admin/forms/submissions/{page.pk}/").status_code in (302, 403, 404)


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_results_page_costs_the_same_queries_for_one_and_many_answers(page, evaluation, secretary,
                                                                        django_assert_num_queries):
    client = client_for(secretary)
    recipients = list(evaluation.recipients.all())
    EvaluationAnswer.submit(recipients[0], answer_data(page))
    one = count_queries(client, results_url(evaluation))
    for recipient in recipients[1:]:
        EvaluationAnswer.submit(recipient, answer_data(page, contact="Lite", ways=("E-post", "Möten")))
    with django_assert_num_queries(one):
        client.get(results_url(evaluation))


def test_the_index_costs_the_same_queries_for_one_and_many_evaluations(page, register, evaluation, secretary,
                                                                      django_assert_num_queries):
    client = client_for(secretary)
    one = count_queries(client, INDEX)
    for year in (2023, 2024, 2025):
        Evaluation.send(page=page, committee=register["committee"], year=year, by=secretary)
    with django_assert_num_queries(one):
        client.get(INDEX)

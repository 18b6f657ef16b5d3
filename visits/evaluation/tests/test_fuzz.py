"""Odd input to the questionnaire, its key and the secretary's forms never gives a server error:
a rejected answer says why in Swedish at the question and stores nothing; an accepted one is
stored once."""

import pytest
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from cms import roles
from cms.testing import client_for
from cms.tests.strategies import (
    SCRIPT,
    assert_no_server_error,
    assert_swedish_field_errors,
    assert_unescaped_script_absent,
    form_data,
    fuzz,
    is_swedish,
    mutated,
    odd_text,
    rolled_back,
)
from visits.evaluation.models import Evaluation, EvaluationAnswer
from visits.register.tests.world import make_register, make_user

from .factories import field_names, make_evaluation_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def ew(site_home):
    register = make_register()
    page = make_evaluation_page(site_home)
    evaluation = Evaluation.send(page=page, committee=register["committee"], year=2026, by=None)
    secretary = make_user("sekreterare", groups=[roles.SECRETARIES], is_superuser=True)
    return {"page": page, "evaluation": evaluation, "recipient": evaluation.recipients.first(), "register": register,
            "secretary": secretary}


@fuzz(30)
@given(data=st.data())
def test_a_recipient_answering_gets_it_stored_once_or_a_swedish_message(ew, data):
    first, second, third = field_names(ew["page"])
    base = {first: "Lite", second: ["Besök", "E-post"], third: "Bra " + SCRIPT}
    fields = data.draw(mutated(base, first, second, third))
    url = f"{ew['page'].url}?nyckel={ew['recipient'].key}"
    client = client_for(None)
    with rolled_back():
        response = client.post(url, fields)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 200:
            assert EvaluationAnswer.objects.count() == 1
            assert_unescaped_script_absent(client_for(ew["secretary"]).get(
                reverse("evaluation_results", args=[ew["evaluation"].pk])))
        else:
            assert response.status_code == 400 and not EvaluationAnswer.objects.exists()
            assert_swedish_field_errors(response)


@fuzz(30)
@example(key="\x00" * 43)
@given(key=odd_text)
def test_any_key_gives_the_questionnaire_or_a_swedish_404(ew, key):
    response = client_for(None).get(ew["page"].url, {"nyckel": key})

    assert_no_server_error(response)
    assert response.status_code in (200, 404)


@fuzz(30)
@example(params={"namnd": "9223372036854775808", "ar": "2026", "enkat": "-1"}, post=True)
@given(params=form_data("namnd", "ar", "enkat"), post=st.booleans())
def test_any_choice_when_sending_gives_a_preview_a_sending_or_a_swedish_message(ew, params, post):
    client = client_for(ew["secretary"])
    with rolled_back():
        response = (client.post if post else client.get)(reverse("evaluation_index"), params)
        assert_no_server_error(response)
        if response.status_code == 400:
            form = response.context["form"]
            assert all(is_swedish(message) for errors in form.errors.values() for message in errors)


@fuzz(20)
@given(params=form_data("format"))
def test_any_format_of_the_results_gives_a_file_a_page_or_a_swedish_message(ew, params):
    response = client_for(ew["secretary"]).get(reverse("evaluation_results", args=[ew["evaluation"].pk]), params)

    assert_no_server_error(response)

"""Handling feedback: received → answered → closed, by the unit manager on Mina sidor or
the administration in the admin; who may see what; statistics."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms import roles
from cms.models import OutboxMessage
from visits.feedback.models import FeedbackSubmission, feedback_statistics
from visits.feedback.tests.factories import make_feedback, make_form_page
from visits.register.tests.world import make_committee, make_register, make_unit, make_user

pytestmark = pytest.mark.django_db
State = FeedbackSubmission.State


@pytest.fixture
def register():
    return make_register()


@pytest.fixture
def form_page(site_home):
    return make_form_page(site_home)


@pytest.fixture
def item(form_page, register):
    return make_feedback(form_page, unit=register["unit"])


@pytest.fixture
def other_manager(register):
    user = make_user("annan-rektor", groups=[roles.UNIT_MANAGERS])
    make_unit(register["committee"], manager=user)
    return user


def test_answering_records_who_and_when_and_mails_the_sender(item, register, run_tasks, smtp_server):
    item.give_answer(by=register["manager"], text="Vi flyttar cykelstället.")
    item.refresh_from_db()
    assert item.state == State.ANSWERED
    assert item.answered_by == register["manager"]
    assert item.answered_at is not None
    mail = OutboxMessage.objects.get()
    assert mail.recipients == ["boende@example.org"]
    run_tasks()
    assert len(smtp_server.messages) == 1
    assert "Vi flyttar cykelstället." in smtp_server.messages[0].content.decode()


def test_an_answer_without_a_sender_address_is_stored_but_not_mailed(form_page, register):
    item = make_feedback(form_page, unit=register["unit"], contact="")
    item.give_answer(by=register["manager"], text="Tack!")
    assert FeedbackSubmission.objects.get().state == State.ANSWERED
    assert not OutboxMessage.objects.exists()


def test_an_item_cannot_be_answered_twice_or_after_closing(item, register):
    item.give_answer(by=register["manager"], text="Svar ett")
    with pytest.raises(ValidationError):
        item.give_answer(by=register["manager"], text="Svar två")
    stale = FeedbackSubmission.objects.get(pk=item.pk)
    stale.state = State.RECEIVED  # a second tab opened before the first answer
    with pytest.raises(ValidationError):
        stale.give_answer(by=register["manager"], text="Svar tre")
    assert FeedbackSubmission.objects.get().answer == "Svar ett"
    item.close(by=register["manager"])
    with pytest.raises(ValidationError):
        item.close(by=register["manager"])


def test_closing_records_who_and_when(item, register):
    item.close(by=register["manager"])
    item.refresh_from_db()
    assert (item.state, item.closed_by) == (State.CLOSED, register["manager"])
    assert item.closed_at is not None


def test_the_manager_of_another_unit_cannot_answer_through_the_model(item, other_manager):
    with pytest.raises(PermissionDenied):
        item.give_answer(by=other_manager, text="Inte min enhet")


def test_the_manager_lists_feedback_on_their_units_only(client, form_page, register, other_manager):
    mine = make_feedback(form_page, unit=register["unit"], text="Om min enhet")
    make_feedback(form_page, unit=other_manager.managed_units.get(), text="Om en annan enhet")
    make_feedback(form_page, unit=None, text="Utan enhet")
    client.force_login(register["manager"])
    response = client.get("/mina-sidor/synpunkter/")
    assert response.status_code == 200
    assert response.context["items"] == [mine]
    html = client.get("/mina-sidor/").content.decode()
    assert "Synpunkter på dina enheter" in html
    assert f"/mina-sidor/synpunkter/{mine.pk}/" in html


def test_the_list_filters_on_state_and_ignores_a_bad_value(client, form_page, register):
    make_feedback(form_page, unit=register["unit"])
    closed = make_feedback(form_page, unit=register["unit"], state=State.CLOSED)
    client.force_login(register["manager"])
    assert client.get("/mina-sidor/synpunkter/?state=closed").context["items"] == [closed]
    response = client.get("/mina-sidor/synpunkter/?state=<nonsense>")
    assert response.status_code == 200
    assert len(response.context["items"]) == 2


def test_the_manager_answers_and_closes_on_mina_sidor(client, item, register):
    client.force_login(register["manager"])
    assert client.get(f"/mina-sidor/synpunkter/{item.pk}/").status_code == 200
    response = client.post(f"/mina-sidor/synpunkter/{item.pk}/svara/", {"answer": "Vi ordnar det."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.ANSWERED
    assert OutboxMessage.objects.filter(recipients=["boende@example.org"]).exists()
    client.post(f"/mina-sidor/synpunkter/{item.pk}/avsluta/")
    item.refresh_from_db()
    assert item.state == State.CLOSED


def test_an_empty_answer_gets_a_swedish_error(client, item, register):
    client.force_login(register["manager"])
    response = client.post(f"/mina-sidor/synpunkter/{item.pk}/svara/", {"answer": ""})
    assert response.status_code == 400
    assert "Skriv ett svar." in response.content.decode()
    assert FeedbackSubmission.objects.get().state == State.RECEIVED


def test_answering_a_closed_item_gives_a_message_not_an_error(client, item, register):
    item.close(by=register["manager"])
    client.force_login(register["manager"])
    response = client.post(f"/mina-sidor/synpunkter/{item.pk}/svara/", {"answer": "Sent svar"}, follow=True)
    assert response.status_code == 200
    assert "Synpunkten är redan avslutad." in response.content.decode()


@pytest.mark.parametrize("who", ["other_manager", "politician", "secretary_of_nothing"])
def test_other_people_get_404_for_an_item(client, item, register, other_manager, who):
    user = {
        "other_manager": other_manager,
        "politician": register["member_a"].user,
        "secretary_of_nothing": make_user("redaktor", groups=[roles.EDITORS]),
    }[who]
    client.force_login(user)
    for url in (f"/mina-sidor/synpunkter/{item.pk}/", f"/mina-sidor/synpunkter/{item.pk}/svara/",
                f"/mina-sidor/synpunkter/{item.pk}/avsluta/"):
        method = client.get if url.endswith(f"{item.pk}/") else client.post
        assert method(url, {"answer": "x"}).status_code == 404
    assert client.get("/mina-sidor/synpunkter/").context["items"] == []
    assert FeedbackSubmission.objects.get().state == State.RECEIVED


def test_nobody_logged_in_is_sent_to_the_login_page(client, item):
    for url in ("/mina-sidor/synpunkter/", f"/mina-sidor/synpunkter/{item.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/logga-in/")
    assert client.post(f"/mina-sidor/synpunkter/{item.pk}/svara/", {"answer": "x"}).status_code == 302
    assert FeedbackSubmission.objects.get().state == State.RECEIVED


def test_the_administration_handles_items_without_a_unit_on_the_site(client, form_page, register):
    secretary = make_user("sekreterare", groups=[roles.SECRETARIES])
    item = make_feedback(form_page, unit=None)
    client.force_login(secretary)
    client.post(f"/mina-sidor/synpunkter/{item.pk}/svara/", {"answer": "Kontakta gatukontoret."})
    assert FeedbackSubmission.objects.get().state == State.ANSWERED


def test_the_manager_list_needs_the_same_queries_for_one_and_many_items(
    client, form_page, register, django_assert_num_queries
):
    client.force_login(register["manager"])
    make_feedback(form_page, unit=register["unit"])
    client.get("/mina-sidor/synpunkter/")  # warm the session and site caches
    with CaptureQueriesContext(connection) as one:
        client.get("/mina-sidor/synpunkter/")
    for _ in range(6):
        make_feedback(form_page, unit=register["unit"], contact="", state=State.ANSWERED,
                      answered_by=register["manager"], answer="Svar", answered_at=timezone.now())
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/mina-sidor/synpunkter/")


def test_statistics_count_per_unit_year_and_kind(form_page, register):
    unit = register["unit"]
    K = FeedbackSubmission.Kind
    for kind in (K.PRAISE, K.PRAISE, K.COMPLAINT):
        make_feedback(form_page, unit=unit, kind=kind)
    old = make_feedback(form_page, unit=unit, kind=K.PRAISE)
    last_year = timezone.now() - datetime.timedelta(days=400)
    FeedbackSubmission.objects.filter(pk=old.pk).update(submit_time=last_year)
    make_feedback(form_page, unit=None, kind=K.QUESTION)

    rows = {(r["unit__name"], r["year"], r["kind"]): r["count"] for r in FeedbackSubmission.objects.statistics()}
    this_year = timezone.localdate().year
    assert rows[(unit.name, this_year, "beröm")] == 2
    assert rows[(unit.name, this_year, "klagomål")] == 1
    assert rows[(unit.name, last_year.year, "beröm")] == 1
    assert rows[(None, this_year, "fråga")] == 1

    for_unit = feedback_statistics(unit=unit, year=this_year)
    assert for_unit["total"] == 3
    assert {t["kind"]: t["count"] for t in for_unit["totals"]} == {
        "beröm": 2, "klagomål": 1, "förslag": 0, "fråga": 0
    }
    assert feedback_statistics(committee=register["committee"])["total"] == 4
    assert feedback_statistics(committee=make_committee())["total"] == 0


def test_the_manager_sees_answers_to_questions_editors_added_with_their_labels(client, form_page, register):
    from visits.feedback.models import FeedbackFormField

    FeedbackFormField.objects.create(page=form_page, label="Hur hittade du hit", field_type="singleline")
    FeedbackFormField.objects.create(
        page=form_page, label="Vilka dagar", field_type="checkboxes", choices="måndag\ntisdag\nonsdag"
    )
    item = make_feedback(
        form_page, unit=register["unit"], form_data={"hur_hittade_du_hit": "Via skolan", "vilka_dagar": ["måndag", "onsdag"]}
    )
    client.force_login(register["manager"])
    html = client.get(f"/mina-sidor/synpunkter/{item.pk}/").content.decode()
    assert "<dt>Hur hittade du hit</dt><dd>Via skolan</dd>" in html
    assert "<dt>Vilka dagar</dt><dd>måndag, onsdag</dd>" in html

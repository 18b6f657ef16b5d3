"""The public feedback form at /synpunkter/: who may send, what is stored, who is told,
and the protection against bots and floods."""

import pytest
from django.core.cache import cache
from django.test import Client

from cms import roles
from cms.models import OutboxMessage
from visits.feedback.models import FeedbackFormField, FeedbackSubmission
from visits.feedback.tests.factories import make_form_page
from visits.register.tests.world import make_register, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def register():
    return make_register()


@pytest.fixture
def form_page(site_home):
    return make_form_page(site_home)


def post_data(**overrides):
    data = {"enhet": "testskolan", "typ": "klagomål", "text": "Det är trångt vid cykelstället.", "namn": "",
            "kontakt": "boende@example.org", "webbplats": ""}
    data.update(overrides)
    return data


def test_anyone_can_open_the_form_without_logging_in(client, form_page, register):
    response = client.get("/synpunkter/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "allmän handling" in html
    assert 'name="csrfmiddlewaretoken"' in html
    for kind in ("beröm", "klagomål", "förslag", "fråga"):
        assert f'value="{kind}"' in html


def test_a_link_from_a_unit_page_preselects_the_unit(client, form_page, register):
    response = client.get("/synpunkter/?enhet=testskolan")
    assert response.context["form"]["enhet"].value() == "testskolan"
    assert 'value="testskolan" selected' in response.content.decode()


@pytest.mark.parametrize("slug", ["finns-inte", "<script>alert(1)</script>", "a" * 500])
def test_an_unknown_or_malformed_unit_gives_a_swedish_message_not_an_error(client, form_page, register, slug):
    response = client.get("/synpunkter/", {"enhet": slug})
    assert response.status_code == 200
    assert "Vi hittade ingen enhet" in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    assert response.context["form"]["enhet"].value() in (None, "")


def test_a_resident_sends_feedback_and_the_unit_manager_is_told_in_the_same_transaction(client, form_page, register):
    response = client.post("/synpunkter/", post_data())
    assert response.status_code == 200
    assert "Tack för din synpunkt" in response.content.decode()
    item = FeedbackSubmission.objects.get()
    assert (item.unit, item.kind, item.state, item.contact) == (
        register["unit"], "klagomål", FeedbackSubmission.State.RECEIVED, "boende@example.org"
    )
    assert item.form_data == {}
    mail = OutboxMessage.objects.get(recipients=[register["manager"].email])
    assert "trångt vid cykelstället" in mail.body
    assert f"/mina-sidor/synpunkter/{item.pk}/" in mail.body


def test_feedback_without_a_unit_goes_to_the_administration(client, form_page, register):
    secretary = make_user("sekreterare", groups=[roles.SECRETARIES])
    make_user("annan", groups=[roles.EDITORS])
    client.post("/synpunkter/", post_data(enhet=""))
    item = FeedbackSubmission.objects.get()
    assert item.unit is None
    assert OutboxMessage.objects.exclude(recipients=["boende@example.org"]).get().recipients == [secretary.email]


def test_the_form_shows_swedish_errors_and_stores_nothing_when_the_text_is_missing(client, form_page, register):
    response = client.post("/synpunkter/", post_data(text="", typ="", kontakt="inte-en-adress"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv din synpunkt." in html
    assert "Välj vad du vill lämna." in html
    assert "Skriv en giltig e-postadress" in html
    assert not FeedbackSubmission.objects.exists()


def test_a_unit_that_is_not_in_the_directory_is_refused_on_post(client, form_page, register):
    response = client.post("/synpunkter/", post_data(enhet="finns-inte"))
    assert "Välj en enhet i listan." in response.content.decode()
    assert not FeedbackSubmission.objects.exists()


def test_questions_editors_add_are_stored_with_the_submission(client, form_page, register):
    FeedbackFormField.objects.create(page=form_page, label="Hur hittade du hit", field_type="singleline", required=False)
    response = client.post("/synpunkter/", post_data(hur_hittade_du_hit="Via skolans webbsida"))
    assert response.status_code == 200
    assert FeedbackSubmission.objects.get().form_data == {"hur_hittade_du_hit": "Via skolans webbsida"}


def test_a_bot_that_fills_the_honeypot_sees_the_thank_you_page_and_nothing_is_stored(client, form_page, register):
    response = client.post("/synpunkter/", post_data(webbplats="http://spam.example"))
    assert response.status_code == 200
    assert "Tack för din synpunkt" in response.content.decode()
    assert not FeedbackSubmission.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_eleventh_submission_in_ten_minutes_from_one_address_gets_429(client, form_page, register):
    for _ in range(10):
        assert client.post("/synpunkter/", post_data(), REMOTE_ADDR="203.0.113.5").status_code == 200
    response = client.post("/synpunkter/", post_data(), REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert "För många synpunkter på kort tid" in response.content.decode()
    assert FeedbackSubmission.objects.count() == 10
    # Another address is not affected.
    assert client.post("/synpunkter/", post_data(), REMOTE_ADDR="198.51.100.7").status_code == 200


def test_the_limit_window_ends_after_ten_minutes(rf, monkeypatch):
    import time

    from django.core.cache.backends import locmem

    from cms import ratelimit

    request = rf.post("/synpunkter/", REMOTE_ADDR="203.0.113.9")
    assert all(ratelimit.hit(request, "test", 10, 600) for _ in range(10))
    assert not ratelimit.hit(request, "test", 10, 600)
    later = time.time() + 601
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert ratelimit.hit(request, "test", 10, 600)


def test_a_post_without_the_csrf_token_is_refused(form_page, register):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/synpunkter/", post_data())
    assert response.status_code == 403
    assert not FeedbackSubmission.objects.exists()


def test_the_unit_page_links_to_the_form_with_the_unit_filled_in(client, site_home, register):
    from visits.register.pages import UnitIndexPage

    site_home.add_child(instance=UnitIndexPage(title="Enheter", slug="enheter"))
    response = client.get("/enheter/testskolan/")
    assert 'href="/synpunkter/?enhet=testskolan"' in response.content.decode()


@pytest.mark.parametrize("backend", ["django.core.cache.backends.locmem.LocMemCache",
                                     "django.core.cache.backends.filebased.FileBasedCache"])
def test_the_limit_works_on_cache_backends_django_ratelimit_refuses(rf, settings, tmp_path, backend):
    from django.core.cache import caches

    from cms import ratelimit

    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": str(tmp_path / "cache")}}
    caches["default"].clear()
    first = rf.post("/synpunkter/", REMOTE_ADDR="192.0.2.1")
    second = rf.post("/synpunkter/", REMOTE_ADDR="192.0.2.2")
    assert [ratelimit.hit(first, "test", 3, 600) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.hit(second, "test", 3, 600)
    ratelimit.reset(first, "test")
    assert ratelimit.hit(first, "test", 3, 600)


def test_a_resident_who_leaves_an_address_gets_a_receipt_that_says_what_happens_next(
    client, site_home, form_page, register, smtp_server, run_tasks
):
    from visits.register.tests.factories import make_directory_page

    make_directory_page(site_home)
    client.post("/synpunkter/", post_data())

    item = FeedbackSubmission.objects.get()
    receipt = OutboxMessage.objects.get(recipients=["boende@example.org"])
    assert receipt.subject == "Vi har tagit emot din synpunkt"
    assert "Vad händer nu" in receipt.body and "svarar dig på den här adressen" in receipt.body
    assert "/enheter/testskolan/" in receipt.body and receipt.body.count("http://") == 1
    # The receipt never repeats what was written: the form cannot send anyone a message of a stranger's.
    assert item.text not in receipt.body
    run_tasks()
    assert ["boende@example.org"] in [message.rcpt_tos for message in smtp_server.messages]


def test_no_receipt_without_an_address_and_none_for_a_bot(client, form_page, register):
    client.post("/synpunkter/", post_data(kontakt=""))
    client.post("/synpunkter/", post_data(kontakt="robot@example.org", webbplats="https://spam.example"))

    assert FeedbackSubmission.objects.count() == 1
    assert not OutboxMessage.objects.filter(subject="Vi har tagit emot din synpunkt").exists()


def test_the_receipt_without_a_unit_names_the_secretaries_and_links_the_form(client, form_page, register):
    make_user("sekreterare", groups=[roles.SECRETARIES])

    client.post("/synpunkter/", post_data(enhet=""))

    receipt = OutboxMessage.objects.get(recipients=["boende@example.org"])
    assert "Kommunens nämndsekreterare läser synpunkten" in receipt.body
    assert "/synpunkter/" in receipt.body

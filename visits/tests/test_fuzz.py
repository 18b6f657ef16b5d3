"""Odd input to every form and parameter of the visits app never gives a server error: a
rejected form says why in Swedish next to the field and stores nothing, an accepted one
stores exactly one row with the text as sent, and a stored script is shown as text."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import event, example, given
from hypothesis import strategies as st

from cms.testing import client_for
from cms.tests.strategies import (
    SCRIPT,
    assert_no_server_error,
    assert_swedish_field_errors,
    assert_swedish_form_errors,
    assert_unescaped_script_absent,
    cleaned,
    form_data,
    fuzz,
    is_swedish,
    last,
    mutated,
    odd_text,
    odd_value,
    rolled_back,
    with_script,
    wrong_dates,
)
from visits.reports.models import VisitReport
from visits.reports.tests.factories import make_held, make_report_world
from visits.requests.demo import ensure_questions_page
from visits.requests.models import VisitRequest
from visits.requests.questions import VisitQuestion
from visits.requests.tests.factories import future, make_accepted, make_request, make_world

pytestmark = pytest.mark.django_db



@pytest.fixture
def w(site_home):
    w = make_world()
    w.questions_page = ensure_questions_page(site_home)
    return w


# --- visit requests ------------------------------------------------------------------------

REQUEST = {"kind": "contact", "wished_times": "Vecka 12 " + SCRIPT, "purpose": "Se hur skolan arbetar " + SCRIPT,
           "year": str(future().year), "hours": "3", "confirm_unpaid": "on"}


@fuzz(30)
@example(data={**REQUEST, "companions": "9223372036854775808"})
@example(data={**REQUEST, "companions": ["1", "-99999999999999999999"]})
@given(data=mutated(REQUEST, *REQUEST, "companions", "public_invitation", "invitation_place", "invitation_topic"))
def test_a_politician_asking_for_a_visit_gets_a_stored_request_or_a_swedish_message(w, data):
    client = client_for(w.user)
    with rolled_back():
        before = VisitRequest.objects.count()
        response = client.post(reverse("visit_requests:new", args=[w.unit.slug]), data)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 302:
            assert VisitRequest.objects.count() == before + 1
            visit = VisitRequest.objects.latest("pk")
            assert visit.purpose == cleaned(last(data["purpose"]))
            assert visit.wished_times == cleaned(last(data["wished_times"]))
            page = client.get(reverse("visit_requests:detail", args=[visit.pk]))
            assert page.status_code == 200
            assert_unescaped_script_absent(page)
        else:
            assert response.status_code == 200
            assert VisitRequest.objects.count() == before
            assert_swedish_field_errors(response)


TIMES = st.one_of(wrong_dates, odd_value, st.sampled_from([future(3).strftime("%Y-%m-%dT%H:%M"), "2099-05-05T09:00"]))
ACTION_DATA = {
    "accept": st.fixed_dictionaries({}, optional={"accept-starts_at": TIMES, "accept-ends_at": TIMES}),
    "propose": st.fixed_dictionaries({}, optional={"propose-starts_at": TIMES, "propose-ends_at": TIMES,
                                                   "propose-message": with_script(odd_text)}),
    "decline": form_data("decline-reason"),
    "cancel": form_data("cancel-reason"),
}


@fuzz(30)
@given(action=st.sampled_from(sorted(ACTION_DATA)), data=st.data())
def test_a_manager_deciding_on_a_request_gets_a_new_state_or_a_swedish_message(w, action, data):
    from visits.requests.views import ACTIONS

    fields = data.draw(ACTION_DATA[action])
    client = client_for(w.manager)
    with rolled_back():
        visit = make_request(w, confirm_unpaid=True) if action != "cancel" else make_accepted(w, confirm_unpaid=True)
        response = client.post(reverse("visit_requests:act", args=[visit.pk, ACTIONS[action][0]]), fields)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        visit.refresh_from_db()
        if response.status_code == 302:
            page = client.get(reverse("visit_requests:detail", args=[visit.pk]))
            assert page.status_code == 200
            assert_unescaped_script_absent(page)
        else:
            assert response.status_code == 400
            assert visit.state == (VisitRequest.State.ACCEPTED if action == "cancel" else VisitRequest.State.REQUESTED)
            bound = [item["form"] for item in response.context["actions"] if item["form"].is_bound]
            assert len(bound) == 1
            assert_swedish_form_errors(bound[0], response.content.decode())


@fuzz(25)
@given(slug=st.sampled_from(["skicka-vidare", "godta-tid", "aterkalla", "genomfort", "okand"]), fields=form_data("x", "csrfmiddlewaretoken"))
def test_a_step_that_needs_only_a_click_ignores_odd_fields(w, slug, fields):
    with rolled_back():
        visit = make_request(w, unit=w.library, confirm_unpaid=True)
        for user in (w.head, w.user, w.manager):
            response = client_for(user).post(reverse("visit_requests:act", args=[visit.pk, slug]), fields)
            assert_no_server_error(response)
            event(f"status {response.status_code}")
            # Withdrawing asks for a confirmation first (200), which the odd fields never give.
            assert response.status_code in ((200, 403, 404) if slug == "aterkalla" else (302, 403, 404))


@fuzz(20)
@given(fields=form_data("svar-{pk}-answer"))
def test_a_manager_answering_a_question_gets_it_stored_or_a_swedish_message(w, fields):
    client = client_for(w.manager)
    with rolled_back():
        visit = make_accepted(w, confirm_unpaid=True)
        question = VisitQuestion.objects.create(page=w.questions_page, visit=visit, author=w.politician,
                                                form_data={"fraga": "Hur?"})
        fields = {key.format(pk=question.pk): value for key, value in fields.items()}
        response = client.post(reverse("visit_requests:answer", args=[visit.pk, question.pk]), fields, follow=True)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        question.refresh_from_db()
        sent = cleaned(last(fields.get(f"svar-{question.pk}-answer", "")))
        if question.answered_at:
            assert question.answer == sent
            assert_unescaped_script_absent(response)
        else:
            messages = [str(m) for m in response.context["messages"]]
            assert messages and all(is_swedish(m) for m in messages)


# --- questions sent ahead (form-builder page) -------------------------------------------------

@fuzz(30)
@given(besok=st.one_of(odd_value, st.lists(odd_value, min_size=2, max_size=2)))
def test_any_besok_parameter_on_the_questions_page_gives_a_swedish_page_not_an_error(w, besok):
    response = client_for(w.user).get(w.questions_page.url, {"besok": besok})
    assert_no_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        assert "Länken saknar ett giltigt besök" in response.content.decode()


@fuzz(20)
@given(data=st.data())
def test_a_politician_sending_questions_gets_them_stored_or_a_swedish_message(w, data):
    names = [field.clean_name for field in w.questions_page.form_fields.all()]
    fields = data.draw(form_data(*names))
    client = client_for(w.user)
    with rolled_back():
        visit = make_accepted(w, confirm_unpaid=True)
        before = VisitQuestion.objects.count()
        response = client.post(w.questions_page.url_for(visit), fields)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        assert response.status_code == 200
        if "form" in response.context and response.context["form"].errors:
            assert VisitQuestion.objects.count() == before
            assert_swedish_field_errors(response)
        else:
            assert VisitQuestion.objects.count() == before + 1
            stored = VisitQuestion.objects.latest("pk").form_data
            for name in names:
                if isinstance(fields.get(name), str) and stored.get(name) is not None and isinstance(stored[name], str):
                    assert stored[name] == cleaned(fields[name])
            page = client_for(w.manager).get(reverse("visit_requests:detail", args=[visit.pk]))
            assert page.status_code == 200
            assert_unescaped_script_absent(page)


# --- reports (form-builder page with ?besok=) ------------------------------------------------

@pytest.fixture
def rw(site_home):
    return make_report_world(site_home)


@fuzz(25)
@given(besok=st.one_of(odd_value, st.lists(odd_value, min_size=2, max_size=2)))
def test_any_besok_parameter_on_the_report_page_gives_a_swedish_page_not_an_error(rw, besok):
    response = client_for(rw.user).get(rw.page.url, {"besok": besok})
    assert_no_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        assert "Länken saknar ett giltigt besök" in response.content.decode()


@fuzz(25)
@given(data=st.data())
def test_a_politician_writing_a_report_gets_a_stored_draft_or_a_swedish_message(rw, data):
    names = [field.clean_name for field in rw.page.form_fields.all()]
    fields = data.draw(form_data(*names, "bekrafta", "rattar", action=st.sampled_from(["draft", "submit", "draft", "x"])))
    client = client_for(rw.user)
    with rolled_back():
        visit = make_held(rw)
        response = client.post(rw.page.url_for(visit), {**fields, "action": fields["action"]})
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        reports = VisitReport.objects.filter(visit=visit, author=rw.politician)
        if response.status_code == 302:
            assert reports.count() == 1
            report = reports.get()
            for name in names:
                value = fields.get(name)
                if isinstance(value, str) and cleaned(value):
                    assert report.form_data[name] == cleaned(value)
            shown = client.get(response["Location"], follow=True)
            assert shown.status_code == 200
            assert_unescaped_script_absent(shown)
        elif response.status_code == 409:
            # `rattar` named no filed report: the form counts as out of date, its text comes back, nothing is kept.
            assert reports.count() == 0
            assert_swedish_form_errors(response.context["form"], response.content.decode())
        else:
            assert response.status_code == 400
            html = response.content.decode()
            form = response.context["form"]
            if response.context["warnings"]:
                assert reports.count() == 1 and not reports.get().is_submitted
            else:
                assert reports.count() == 0
                assert_swedish_form_errors(form, html)


@fuzz(30)
@given(params=form_data("enhet", "period", "forfattare", "typ"))
def test_any_filter_on_the_report_list_gives_a_swedish_message_not_an_error(rw, params):
    response = client_for(rw.user).get(reverse("reports:list"), params)
    assert_no_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert_swedish_field_errors(response)


@fuzz(30)
@given(params=form_data("namnd", "ar", "format"))
def test_any_parameter_of_the_admin_summary_gives_a_swedish_message_not_an_error(rw, params, admin_user):
    response = client_for(admin_user).get("/admin/rapporter/sammanstallning/", params)
    assert_no_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert_swedish_field_errors(response, tied="admin")


# --- public feedback, its handling and statistics ----------------------------------------------

EXTRA_FIELDS = [("Antal barn", "number", ""), ("Datum", "date", ""), ("När", "datetime", ""), ("Webbsida", "url", ""),
                ("Gäller", "checkboxes", "Mat\nLokaler"), ("Hur nöjd", "dropdown", "Nöjd\nMissnöjd"),
                ("E-post till skolan", "email", ""), ("Mer", "multiline", "")]


@pytest.fixture
def fw(site_home):
    from visits.feedback.models import FeedbackFormField
    from visits.feedback.tests.factories import make_form_page
    from visits.register.tests.world import make_register

    fw = make_register()
    fw["page"] = make_form_page(site_home)
    for order, (label, field_type, choices) in enumerate(EXTRA_FIELDS):
        FeedbackFormField.objects.create(page=fw["page"], sort_order=order, label=label, field_type=field_type,
                                         choices=choices, required=False)
    fw["extra"] = [field.clean_name for field in fw["page"].form_fields.all()]
    return fw


FEEDBACK = {"enhet": "testskolan", "typ": "klagomål", "text": "Trångt vid cykelstället " + SCRIPT,
            "namn": "Boende " + SCRIPT, "kontakt": "boende@example.org"}


@fuzz(30)
@given(data=st.data())
def test_a_resident_sending_feedback_gets_it_stored_or_a_swedish_message(fw, data):
    from django.core.cache import cache

    from visits.feedback.models import FeedbackSubmission

    fields = data.draw(mutated(FEEDBACK, *FEEDBACK, *fw["extra"]))
    cache.clear()  # the per-address limit is tested elsewhere
    with rolled_back():
        before = FeedbackSubmission.objects.count()
        response = Client().post(fw["page"].url, fields)
        assert_no_server_error(response)
        if response.context and "form" in response.context and response.context["form"].errors:
            event("rejected")
            assert FeedbackSubmission.objects.count() == before
            assert_swedish_field_errors(response)
        else:
            event("stored")
            assert response.status_code == 200
            assert FeedbackSubmission.objects.count() == before + 1
            item = FeedbackSubmission.objects.latest("pk")
            assert item.text == cleaned(last(fields["text"]))
            manager = client_for(fw["manager"])
            for url in (reverse("feedback_detail", args=[item.pk]), reverse("feedback_list")):
                page = manager.get(url)
                assert page.status_code in (200, 404)
                assert_unescaped_script_absent(page)


@fuzz(25)
@given(enhet=st.one_of(odd_value, st.lists(odd_value, min_size=2, max_size=2)))
def test_any_unit_parameter_on_the_feedback_form_shows_the_form(fw, enhet):
    response = Client().get(fw["page"].url, {"enhet": enhet})
    assert_no_server_error(response)
    assert response.status_code == 200


@fuzz(25)
@given(fields=form_data("answer"))
def test_a_manager_answering_feedback_gets_it_stored_or_a_swedish_message(fw, fields):
    from visits.feedback.tests.factories import make_feedback

    client = client_for(fw["manager"])
    with rolled_back():
        item = make_feedback(fw["page"], unit=fw["unit"])
        response = client.post(reverse("feedback_answer", args=[item.pk]), fields)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        item.refresh_from_db()
        if response.status_code == 302:
            assert item.answer == cleaned(last(fields["answer"]))
            assert_unescaped_script_absent(client.get(response["Location"]))
        else:
            assert response.status_code == 400 and not item.answer
            assert_swedish_field_errors(response, form_key="answer_form")


@fuzz(15)
@given(params=form_data("state", "year", "committee", "unit"))
def test_any_filter_of_the_feedback_list_and_statistics_is_not_an_error(fw, params, admin_user):
    for user, url in ((fw["manager"], reverse("feedback_list")), (admin_user, "/admin/synpunkter-statistik/")):
        response = client_for(user).get(url, params)
        assert_no_server_error(response)
        assert response.status_code == 200


# --- newsletters -------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UPLOADS = st.sampled_from([
    ("brev.pdf", PDF), ("brev.PDF", PDF), ("brev.txt", b"hej"), ("brev.pdf", b"<html>"), ("brev.pdf", b""),
    ("brev.pdf.exe", PDF), ("\u202efdp.exe", PDF), ("a" * 300 + ".pdf", PDF), ("brev\x00.pdf", PDF), (".pdf", PDF),
])


@fuzz(30)
@given(data=st.data())
def test_a_manager_sending_a_newsletter_gets_it_stored_or_a_swedish_message(fw, data, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cms.forms import single_line
    from cms.models import OutboxMessage
    from visits.newsletters.models import Newsletter

    settings.MEDIA_ROOT = tmp_path
    base = {"unit": "testskolan", "title": "Rektorsbrev\r\nBcc: x@example.org " + SCRIPT, "text": "Nytt på skolan " + SCRIPT}
    fields = data.draw(mutated(base, "unit", "title", "text"))
    upload = data.draw(st.none() | UPLOADS)
    if upload:
        fields["pdf"] = SimpleUploadedFile(upload[0], upload[1], content_type="application/pdf")
    client = client_for(fw["manager"])
    with rolled_back():
        response = client.post(reverse("newsletter_create"), fields)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 302:
            newsletter = Newsletter.objects.get()
            assert newsletter.title == single_line(last(fields["title"]))
            assert all(single_line(message.subject) == message.subject for message in OutboxMessage.objects.all())
            assert newsletter.text == cleaned(last(fields["text"]))
            assert not newsletter.pdf or newsletter.pdf.name.lower().endswith(".pdf")
            assert_unescaped_script_absent(client.get(response["Location"]))
            assert_unescaped_script_absent(client_for(fw["member_a"].user).get(response["Location"]))
        else:
            assert response.status_code == 400 and not Newsletter.objects.exists()
            assert_swedish_field_errors(response)


# --- the public directory ------------------------------------------------------------------------

@fuzz(30)
@given(params=form_data("q", "typ", "namnd"))
def test_any_filter_of_the_unit_directory_gives_a_swedish_message_not_an_error(site_home, params):
    from visits.register.tests.factories import make_directory_page

    page = make_directory_page(site_home) if not hasattr(site_home, "_directory") else site_home._directory
    site_home._directory = page
    response = Client().get(page.url, params)
    assert_no_server_error(response)
    assert response.status_code == 200
    if response.context["form"].errors:
        assert_swedish_field_errors(response)


# --- the administration's register, ledger and period tools -------------------------------------

CELLS = st.one_of(odd_text, wrong_dates, st.sampled_from(["grundskola", "förskola", "BUN", "ja", "nej", "rektor"]))
CSV_FILES = st.builds(
    lambda header, rows, separator, encoding: (
        separator.join(header) + "\n" + "\n".join(separator.join(row) for row in rows)
    ).encode(encoding, "replace"),
    st.sampled_from([["enhet", "namn", "typ", "nämnd"], ["politiker", "förnamn", "efternamn", "parti"],
                     ["politiker", "enhet", "mandatperiod"], ["x"], []]),
    st.lists(st.lists(CELLS.map(lambda cell: cell.replace(";", "")), min_size=0, max_size=5), max_size=4),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
OTHER_FILES = st.sampled_from([
    b"", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, b"PK\x03\x04" + b"\x00" * 64, b"%PDF-1.4\n", b"\xff\xfe\x00\x00",
    "enhet;namn;typ;nämnd\nå\x00;b;c;d\n".encode(), b"=cmd|' /C calc'!A0;x\n", b"\x81\x8d\x8f\x90\x9d;x\n",
])
NAMES = st.sampled_from(["register.csv", "register.xlsx", "REGISTER.CSV", "bild.png", "register.csv.exe", "register",
                         "\u202evsc.exe", "../../register.csv", "a" * 250 + ".csv"])


@fuzz(40)
@given(name=NAMES, content=st.one_of(CSV_FILES, OTHER_FILES))
def test_an_import_upload_of_any_kind_is_imported_or_refused_in_swedish(w, admin_user, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from visits.register.models import Unit

    client = client_for(admin_user)
    with rolled_back():
        before = Unit.objects.count()
        response = client.post(reverse("visits_import_register"),
                               {"file": SimpleUploadedFile(name, content, content_type="text/csv")})
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 200:
            assert Unit.objects.count() == before
            html = response.content.decode()
            errors = response.context["errors"] or [m for messages in response.context["form"].errors.values()
                                                    for m in messages]
            assert errors and all(is_swedish(str(error)) for error in errors)
            assert all(escape(str(error)) in html for error in errors)
        else:
            assert response.status_code == 302
            assert_unescaped_script_absent(client.get(response["Location"]))


@fuzz(25)
@given(fmt=st.sampled_from(["csv", "xlsx", "pdf", "%00", "x" * 300]), params=form_data("lista", "period"))
def test_any_export_parameter_gives_a_file_or_a_swedish_message(w, admin_user, fmt, params):
    response = client_for(admin_user).get(f"/admin/register/export/{fmt}/", params)
    assert_no_server_error(response)
    assert response.status_code in (200, 302, 404)


@fuzz(20)
@given(params=form_data("fran", "till"), fields=form_data("uppdrag", "kontaktpolitiker"))
def test_any_choice_when_starting_a_mandate_period_is_not_an_error(w, admin_user, params, fields):
    from visits.register.models import MandatePeriod

    client = client_for(admin_user)
    with rolled_back():
        new = MandatePeriod.objects.create(name="Nästa", starts_on=w.period.ends_on.replace(year=w.period.ends_on.year + 1),
                                           ends_on=w.period.ends_on.replace(year=w.period.ends_on.year + 5))
        params = {"fran": str(w.period.pk), "till": str(new.pk), **params}
        from urllib.parse import urlencode

        url = reverse("visits_start_period") + "?" + urlencode(params, doseq=True)
        for response in (client.get(url), client.post(url, fields)):
            assert_no_server_error(response)
            assert response.status_code in (200, 302)
            form = response.context["periods_form"] if response.status_code == 200 else None
            if form is not None and form.errors:
                for messages in form.errors.values():
                    assert all(is_swedish(m) for m in messages)


@fuzz(25)
@given(params=form_data("ar", "politiker", "format"))
def test_any_parameter_of_the_compensation_ledger_gives_a_file_or_a_swedish_message(w, admin_user, params):
    response = client_for(admin_user).get("/admin/besok/arvoden/", params)
    assert_no_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert_swedish_field_errors(response, tied="admin")


# --- a NUL in a parameter that is looked up in the database (PostgreSQL refuses NUL in text) --

NUL_PARAMETERS = [
    ("/rapporter/", {"enhet": "a\x00"}), ("/rapporter/", {"forfattare": "\x00"}), ("/enheter/", {"namnd": "\x00"}),
    ("/enheter/", {"q": "\x00"}), ("/synpunkter/", {"enhet": "\x00"}), ("/mina-sidor/nyhetsbrev/nytt/", {"enhet": "\x00"}),
    ("/mina-sidor/synpunkter/", {"state": "\x00"}), ("/admin/rapporter/sammanstallning/", {"namnd": "\x00", "ar": "2026"}),
    ("/admin/besok/arvoden/", {"politiker": "\x00", "ar": "2026"}), ("/admin/register/export/csv/", {"period": "\x00"}),
    ("/admin/synpunkter-statistik/", {"unit": "\x00"}), ("/mina-sidor/besok/ny/%00/", {}),
]


@pytest.mark.parametrize("url, params", NUL_PARAMETERS)
def test_a_nul_character_in_a_parameter_is_not_a_server_error(w, admin_user, url, params):
    from visits.feedback.tests.factories import make_form_page
    from visits.register.tests.factories import make_directory_page

    make_directory_page(w.questions_page.get_parent().specific)
    make_form_page(w.questions_page.get_parent().specific)
    for user in (admin_user, w.manager):
        response = client_for(user).get(url, params)
        assert_no_server_error(response)
        assert response.status_code in (200, 302, 400, 403, 404)


@fuzz(15)
@given(fields=form_data("answer", "state", "x"))
def test_closing_feedback_with_any_extra_fields_closes_it_once(fw, fields):
    from visits.feedback.models import FeedbackSubmission
    from visits.feedback.tests.factories import make_feedback

    client = client_for(fw["manager"])
    with rolled_back():
        item = make_feedback(fw["page"], unit=fw["unit"])
        for _attempt in range(2):
            # Confirmed, as the confirmation page posts it (an unanswered item asks first).
            response = client.post(reverse("feedback_close", args=[item.pk]), {**fields, "bekrafta": "ja"})
            assert_no_server_error(response)
            assert response.status_code == 302
        item.refresh_from_db()
        assert item.state == FeedbackSubmission.State.CLOSED


@fuzz(20)
@given(tail=odd_text.map(lambda text: "".join(c for c in text if c not in "/?#") or "x"),
       kind=st.sampled_from(["", "politiker/"]))
def test_any_unit_or_politician_address_in_the_directory_is_a_page_or_a_404(site_home, tail, kind):
    from urllib.parse import quote

    from visits.register.tests.factories import make_directory_page

    page = getattr(site_home, "_directory", None) or make_directory_page(site_home)
    site_home._directory = page
    response = Client().get(f"{page.url}{kind}{quote(tail, safe='')}/")
    assert_no_server_error(response)
    assert response.status_code in (200, 301, 302, 404)


@fuzz(15)
@given(fields=form_data("answer", "close_item"))
def test_the_administration_answering_feedback_in_the_admin_gets_a_swedish_message_not_an_error(fw, admin_user, fields):
    from visits.feedback.tests.factories import make_feedback

    client = client_for(admin_user)
    with rolled_back():
        item = make_feedback(fw["page"], unit=fw["unit"])
        response = client.post(f"/admin/synpunkter/edit/{item.pk}/", fields)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        assert response.status_code in (200, 302)
        item.refresh_from_db()
        if response.status_code == 302 and isinstance(fields.get("answer"), str) and cleaned(fields["answer"]):
            assert item.answer == cleaned(fields["answer"])
        if response.status_code == 200:
            assert_swedish_field_errors(response, tied="admin")

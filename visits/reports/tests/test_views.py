"""The report form page and /rapporter/: who may write, who may read, the filters and the
warning before submit."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms import roles
from cms.testing import client_for
from visits.reports.models import VisitReport
from visits.reports.tests.factories import answers, make_held, make_report_world, write
from visits.requests.models import VisitRequest
from visits.requests.tests.factories import make_accepted, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    return make_report_world(site_home)



def form_url(w, visit):
    return f"{w.page.url}?besok={visit.pk}"


def post(w, user, visit, *texts, action="submit", **extra):
    return client_for(user).post(form_url(w, visit), {**answers(w.page, *texts), "action": action, **extra})


def test_politician_saves_a_draft_then_submits_and_gets_a_registration_number(w):
    visit = make_held(w)
    response = post(w, w.user, visit, "", action="draft")  # a draft may be empty
    assert response.status_code == 302
    assert VisitReport.objects.get().state == VisitReport.State.DRAFT
    page = client_for(w.user).get(form_url(w, visit)).content.decode()
    assert "Utkast sparat" in page

    response = post(w, w.user, visit, "Barnen trivs.")
    report = VisitReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:detail", args=[report.pk])
    assert report.registration_number.startswith("BUN ")
    assert report.registration_number in client_for(w.user).get(response.url).content.decode()


def test_submitting_without_the_required_answer_shows_a_swedish_error(w):
    response = post(w, w.user, make_held(w), "")
    assert response.status_code == 400
    assert "obligatoriskt" in response.content.decode().lower()
    assert not VisitReport.objects.submitted().exists()


def test_a_personnummer_stops_the_submit_until_the_author_edits_or_confirms(w):
    visit = make_held(w)
    response = post(w, w.user, visit, "Eleven 811218-9876 var ledsen.")
    assert response.status_code == 400
    assert "811218-9876" in response.content.decode() and 'name="bekrafta"' in response.content.decode()
    assert VisitReport.objects.get().state == VisitReport.State.DRAFT  # the text is kept as a draft

    assert post(w, w.user, visit, "En elev var ledsen.").status_code == 302  # edited: no warning
    assert VisitReport.objects.get().is_submitted


def test_the_author_may_confirm_a_warning_and_submit(w):
    visit = make_held(w)
    response = post(w, w.user, visit, "Personalen har medicin i ett låst skåp.", bekrafta="ja")
    assert response.status_code == 302
    report = VisitReport.objects.get()
    assert report.is_submitted and report.personal_data_confirmed


def test_an_unknown_action_is_refused_with_a_message(w):
    response = post(w, w.user, make_held(w), "Text", action="radera")
    assert response.status_code == 400 and "Välj om du vill spara" in response.content.decode()


@pytest.mark.parametrize("value", ["", "abc", "-1", "1.5", "٣", "9" * 20])
def test_a_malformed_visit_parameter_gives_a_swedish_message_not_a_500(w, value):
    response = client_for(w.user).get(f"{w.page.url}?besok={value}")
    assert response.status_code == 400
    assert "giltigt besök" in response.content.decode()


@pytest.mark.parametrize("who", ["colleague_user", "outsider_user", "manager", "nobody"])
def test_only_the_visits_politicians_may_open_the_report_form(w, who):
    visit = make_held(w)
    client = client_for(getattr(w, who))
    assert client.get(form_url(w, visit)).status_code == 404
    assert client.post(form_url(w, visit), {"action": "draft"}).status_code == 404
    assert client_for(w.user).get(f"{w.page.url}?besok=999999").status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_from_the_form(w):
    response = Client().get(form_url(w, make_held(w)))
    assert response.status_code == 302 and "/logga-in/" in response.url


def test_the_form_says_so_when_the_visit_is_not_held_yet(w):
    visit = make_accepted(w, days=5)
    response = client_for(w.user).get(form_url(w, visit))
    assert "när besöket är genomfört" in response.content.decode()
    post(w, w.user, visit, "För tidigt", action="draft")
    assert not VisitReport.objects.exists()


def test_the_form_shows_the_questions_sent_ahead(w, site_home):
    from visits.requests.demo import ensure_questions_page
    from visits.requests.questions import VisitQuestion

    questions = ensure_questions_page(site_home)
    visit = make_accepted(w, days=3)
    field = questions.form_fields.first()
    VisitQuestion.objects.create(page=questions, visit=visit, author=w.politician,
                                 form_data={field.clean_name: "Hur går det med läsningen?"})
    VisitRequest.objects.filter(pk=visit.pk).update(state=VisitRequest.State.HELD)
    page = client_for(w.user).get(form_url(w, visit)).content.decode()
    assert "Hur går det med läsningen?" in page and "Inte besvarad" in page


# --- reading ---------------------------------------------------------------------------


@pytest.fixture
def submitted(w):
    report = write(w.page, make_held(w), w.politician, "Barnen trivs.").submit(w.user)
    w.secretary = make_user("sekreterare")
    w.secretary.groups.add(Group.objects.get_or_create(name=roles.SECRETARIES)[0])
    w.admin = make_user("chefadmin", is_superuser=True)
    return report


@pytest.mark.parametrize("who", ["user", "colleague_user", "manager", "secretary", "admin"])
def test_committee_politicians_the_unit_manager_and_the_administration_read_a_submitted_report(w, submitted, who):
    client = client_for(getattr(w, who))
    assert "Barnen trivs." in client.get(reverse("reports:detail", args=[submitted.pk])).content.decode()
    assert submitted.registration_number in client.get(reverse("reports:list")).content.decode()


@pytest.mark.parametrize("who", ["outsider_user", "other_manager", "nobody", "head"])
def test_others_cannot_read_a_report(w, submitted, who):
    client = client_for(getattr(w, who))
    assert client.get(reverse("reports:detail", args=[submitted.pk])).status_code == 404
    assert submitted.registration_number not in client.get(reverse("reports:list")).content.decode()


def test_anonymous_visitor_finds_no_reports_but_is_offered_the_login(w, submitted):
    url = reverse("reports:list")
    response = Client().get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert submitted.registration_number not in body
    assert f'/logga-in/?next={url}' in body
    # A report's own address (the link in the manager's mail) leads to the login and back.
    detail = reverse("reports:detail", args=[submitted.pk])
    assert Client().get(detail)["Location"] == f"/logga-in/?next={detail}"


def test_nobody_reads_someone_elses_draft(w, submitted):
    draft = write(w.page, make_held(w, days=-2), w.politician, "Halvfärdigt.")
    for who in ("colleague_user", "manager", "secretary", "admin"):
        client = client_for(getattr(w, who))
        assert client.get(reverse("reports:detail", args=[draft.pk])).status_code == 404
    assert "Halvfärdigt." in client_for(w.user).get(reverse("reports:detail", args=[draft.pk])).content.decode()
    assert "Halvfärdigt." not in client_for(w.user).get(reverse("reports:list")).content.decode()


def test_the_list_filters_by_unit_author_kind_and_period(w, submitted):
    other = write(w.page, make_held(w, unit=w.library), w.politician, "Biblioteket.").submit(w.user)
    client = client_for(w.secretary)

    def numbers(**params):
        page = client.get(reverse("reports:list"), params).content.decode()
        return {r.registration_number for r in (submitted, other) if r.registration_number in page}

    assert numbers(enhet="stadsbiblioteket") == {other.registration_number}
    assert numbers(forfattare="paula") == {submitted.registration_number, other.registration_number}
    assert numbers(typ="presidium") == set()
    assert numbers(period=w.period.pk, typ="contact") == {submitted.registration_number, other.registration_number}


@pytest.mark.parametrize("params,message", [
    ({"enhet": "finns-inte"}, "Välj en enhet i listan."),
    ({"period": "abc"}, "Välj en mandatperiod i listan."),
    ({"forfattare": "<script>"}, "Välj en politiker i listan."),
    ({"typ": "hemligt"}, "Välj ett slags besök i listan."),
])
def test_bad_filters_give_swedish_errors_not_a_500(w, submitted, params, message):
    response = client_for(w.secretary).get(reverse("reports:list"), params)
    assert response.status_code == 400 and message in response.content.decode()


def test_the_list_takes_as_many_queries_for_many_reports_as_for_one(w, submitted):
    client = client_for(w.secretary)
    client.get(reverse("reports:list"))  # warm the per-process caches (site, settings)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("reports:list"))
    for days in (-2, -4, -5):
        write(w.page, make_held(w, days=days), w.politician, "Mer.").submit(w.user)
    write(w.page, make_held(w, unit=w.library), w.politician, "KFN.").submit(w.user)
    write(w.page, make_held(w, politician=w.colleague), w.colleague, "Per.").submit(w.colleague_user)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("reports:list")).content.decode()
    assert page.count("/rapporter/") >= 6
    assert len(many) == len(one), "\n".join(q["sql"][:150] for q in many.captured_queries)


def test_my_pages_lists_my_drafts_and_held_visits_awaiting_a_report(w):
    held = make_held(w)
    drafted = make_held(w, days=-2)
    write(w.page, drafted, w.politician, "Påbörjat.")
    page = client_for(w.user).get(reverse("my_pages")).content.decode()
    assert f"?besok={held.pk}" in page and f"?besok={drafted.pk}" in page
    assert "Mina utkast" in page and "väntar på din rapport" in page
    assert "Mina besöksrapporter" not in client_for(w.manager).get(reverse("my_pages")).content.decode()


def test_the_visit_page_links_its_politician_to_the_report_form_once_the_visit_is_held(w):
    booked = make_accepted(w, days=5)
    held = make_held(w)

    assert form_url(w, held) in client_for(w.user).get(f"/mina-sidor/besok/{held.pk}/").content.decode()
    assert "Skriv rapport från besöket" not in client_for(w.user).get(f"/mina-sidor/besok/{booked.pk}/").content.decode()
    assert form_url(w, held) not in client_for(w.manager).get(f"/mina-sidor/besok/{held.pk}/").content.decode()


# --- one form, one report ---------------------------------------------------------------


def test_a_double_click_on_submit_files_one_report(w):
    visit = make_held(w)
    browser = client_for(w.user)
    sent = {**answers(w.page, "Barnen trivs."), "action": "submit", "rattar": ""}
    first = browser.post(form_url(w, visit), sent)
    browser.get(first["Location"])  # the first answer's page, with its own message
    second = browser.post(form_url(w, visit), sent)
    report = VisitReport.objects.get()
    assert report.is_submitted and report.number == 1
    assert first["Location"] == second["Location"] == reverse("reports:detail", args=[report.pk])
    shown = browser.get(second["Location"]).content.decode()
    assert f"redan inskickad och diarieförd som {report.registration_number}" in shown


def test_a_form_written_before_the_report_was_filed_keeps_its_text_and_files_nothing(w):
    """Another tab: its text differs, so it is shown again with what happened, and nothing is filed."""
    visit = make_held(w)
    post(w, w.user, visit, "Barnen trivs.", rattar="")
    response = post(w, w.user, visit, "Något annat från en annan flik.", rattar="")
    report = VisitReport.objects.get()
    html = response.content.decode()
    assert response.status_code == 409
    assert "Något annat från en annan flik." in html and report.registration_number in html
    assert f'name="rattar" value="{report.pk}"' in html

    # Sent again from that form, it is a correction of the filed report.
    assert post(w, w.user, visit, "Något annat från en annan flik.", rattar=str(report.pk)).status_code == 302
    correction = VisitReport.objects.exclude(pk=report.pk).get()
    assert correction.is_submitted and correction.supersedes == report


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 20, "٣", "1.5"])
def test_a_malformed_corrects_field_files_nothing_and_keeps_the_text(w, value):
    response = post(w, w.user, make_held(w), "Barnen trivs.", rattar=value)
    assert response.status_code == 409 and "Barnen trivs." in response.content.decode()
    assert not VisitReport.objects.exists()

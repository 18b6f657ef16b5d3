"""The administration's view of feedback in the Wagtail admin: listing with filters,
handling, statistics, and exports where no cell can run as a formula."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cms import roles
from cms.exports import neutralise
from cms.models import OutboxMessage
from visits.feedback.models import FeedbackSubmission
from visits.feedback.tests.factories import make_feedback, make_form_page
from visits.register.tests.world import make_register, make_user

pytestmark = pytest.mark.django_db

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"klicka\")", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def register():
    return make_register()


@pytest.fixture
def form_page(site_home):
    return make_form_page(site_home)


@pytest.fixture
def secretary():
    user = make_user("sekreterare", groups=[roles.SECRETARIES])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def streamed(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


@pytest.mark.parametrize("value", FORMULAS + ["\tx", "\rx"])
def test_formula_looking_values_are_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Bra skola", "", "1-2", 12, None])
def test_ordinary_values_are_left_alone(value):
    assert neutralise(value) == value


def test_the_administration_lists_and_filters_feedback_in_the_admin(client, form_page, register, secretary):
    praise = make_feedback(form_page, unit=register["unit"], kind="beröm", text="Fint")
    make_feedback(form_page, unit=None, kind="fråga", text="Fråga utan enhet")
    client.force_login(secretary)
    response = client.get("/admin/synpunkter/")
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 2
    filtered = client.get("/admin/synpunkter/", {"kind": "beröm"})
    assert list(filtered.context["object_list"]) == [praise]
    by_unit = client.get("/admin/synpunkter/", {"unit": register["unit"].pk})
    assert list(by_unit.context["object_list"]) == [praise]
    by_year = client.get("/admin/synpunkter/", {"year": praise.submit_time.year})
    assert len(by_year.context["object_list"]) == 2


def test_the_admin_csv_and_xlsx_exports_neutralise_formulas(client, form_page, register, secretary):
    from openpyxl import load_workbook

    for formula in FORMULAS:
        make_feedback(form_page, unit=register["unit"], text=formula, name=formula)
    client.force_login(secretary)
    csv_text = streamed(client.get("/admin/synpunkter/", {"export": "csv"}))
    for formula in FORMULAS:
        assert f",{formula}" not in csv_text and f",\"{formula}" not in csv_text
        assert "'" + formula.split("(")[0] in csv_text
    response = client.get("/admin/synpunkter/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_wagtails_own_form_submissions_export_neutralises_formulas(client, form_page, register, secretary):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    make_feedback(form_page, unit=register["unit"], text="=HYPERLINK(\"http://evil.example\")")
    client.force_login(admin)
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/", {"export": "csv"})
    assert response.status_code == 200
    text = streamed(response)
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text and ",\"=HYPERLINK" not in text


def test_the_administration_answers_and_closes_in_the_admin(client, form_page, register, secretary):
    item = make_feedback(form_page, unit=None)
    client.force_login(secretary)
    url = f"/admin/synpunkter/edit/{item.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"answer": "Vi har skickat det vidare.", "close_item": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.answered_by) == (FeedbackSubmission.State.ANSWERED, secretary)
    assert OutboxMessage.objects.filter(recipients=["boende@example.org"]).count() == 1
    client.post(url, {"close_item": "on"})
    item.refresh_from_db()
    assert (item.state, item.closed_by) == (FeedbackSubmission.State.CLOSED, secretary)
    assert OutboxMessage.objects.filter(recipients=["boende@example.org"]).count() == 1


@pytest.mark.parametrize("role", [roles.UNIT_MANAGERS, roles.EDITORS, roles.POLITICIANS])
def test_other_roles_cannot_open_feedback_in_the_admin(client, form_page, register, role):
    user = make_user("x", groups=[role])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    item = make_feedback(form_page, unit=register["unit"])
    client.force_login(user)
    for url in ("/admin/synpunkter/", f"/admin/synpunkter/edit/{item.pk}/", "/admin/synpunkter/?export=csv"):
        assert client.get(url).status_code in (302, 403)


def test_the_dashboard_shows_feedback_statistics_to_the_administration(client, form_page, register, secretary):
    make_feedback(form_page, unit=register["unit"], kind="beröm")
    client.force_login(secretary)
    html = client.get("/admin/").content.decode()
    assert "Synpunktsstatistik" in html
    assert register["unit"].name in html


def test_the_admin_listing_needs_the_same_queries_for_one_and_many_items(
    client, form_page, register, secretary, django_assert_num_queries
):
    client.force_login(secretary)
    make_feedback(form_page, unit=register["unit"])
    client.get("/admin/synpunkter/")
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/synpunkter/")
    for _ in range(8):
        make_feedback(form_page, unit=register["unit"], answered_by=secretary)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/admin/synpunkter/")


def test_the_administration_reads_statistics_per_year_committee_and_unit(client, form_page, register, secretary):
    make_feedback(form_page, unit=register["unit"], kind="beröm")
    make_feedback(form_page, unit=register["unit"], kind="beröm")
    make_feedback(form_page, unit=None, kind="fråga")
    client.force_login(secretary)
    response = client.get("/admin/synpunkter-statistik/", {"committee": register["committee"].pk})
    assert response.status_code == 200
    assert response.context["statistics"]["total"] == 2
    assert client.get("/admin/synpunkter-statistik/").context["statistics"]["total"] == 3
    bad = client.get("/admin/synpunkter-statistik/", {"year": "nonsense", "unit": "x"})
    assert bad.status_code == 200 and bad.context["statistics"]["total"] == 3


@pytest.mark.parametrize("role", [roles.UNIT_MANAGERS, roles.EDITORS])
def test_other_roles_cannot_read_the_statistics_page(client, role):
    user = make_user("x", groups=[role])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/synpunkter-statistik/").status_code in (302, 403)


def test_nobody_can_delete_received_feedback_from_the_forms_menu(form_page, register, admin_client):
    feedback = make_feedback(form_page, unit=register["unit"])
    url = f"/admin/forms/submissions/{form_page.pk}/delete/?selected-submissions={feedback.pk}"

    # Django deletes inside atomic(savepoint=False): in production the request's own outermost
    # block rolls back; inside the test's transaction a savepoint stands in for it.
    with transaction.atomic():
        response = admin_client.post(url)

    # Wagtail's admin turns the refusal into its "no permission" redirect.
    assert response.status_code == 302 and response.url == "/admin/"
    assert FeedbackSubmission.objects.filter(pk=feedback.pk).exists()
    with pytest.raises(PermissionDenied), transaction.atomic():
        FeedbackSubmission.objects.filter(pk=feedback.pk).delete()


def test_the_answer_page_shows_what_the_resident_sent_in_local_time(client, form_page, register, secretary):
    item = make_feedback(form_page, unit=register["unit"], text="Cykelstället är fullt varje morgon.",
                         name="Lena", contact="lena@example.org")
    FeedbackSubmission.objects.filter(pk=item.pk).update(
        submit_time=datetime.datetime(2026, 6, 1, 22, 30, tzinfo=datetime.timezone.utc)
    )
    client.force_login(secretary)

    html = client.get(f"/admin/synpunkter/edit/{item.pk}/").content.decode()

    assert "Cykelstället är fullt varje morgon." in html
    assert register["unit"].name in html and "lena@example.org" in html and "Lena" in html
    assert "2 juni 2026, 00:30" in html  # 22:30 UTC is half past midnight in Stockholm in summer
    assert 'name="answer"' in html


def test_the_inspect_view_is_swedish_without_empty_technical_fields(client, form_page, register, secretary):
    item = make_feedback(form_page, unit=None, text="En fråga utan enhet", contact="")
    FeedbackSubmission.objects.filter(pk=item.pk).update(
        submit_time=datetime.datetime(2026, 1, 10, 9, 5, tzinfo=datetime.timezone.utc)
    )
    client.force_login(secretary)

    html = client.get(f"/admin/synpunkter/inspect/{item.pk}/").content.decode()

    assert "En fråga utan enhet" in html and "10 januari 2026, 10:05" in html
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))  # the text a reader sees
    for english_or_empty in ("Form data", " None ", " Page ", " ID "):
        assert english_or_empty not in shown

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cms import roles
from training.exports import safe_cell
from training.models import Audience, SignUp, TrainingSession

from .factories import local, make_committee, make_period, make_politician, make_programme, make_session, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(db):
    user = make_user("namndsekreterare", group=roles.SECRETARIES)
    user.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def held(site_home):
    old = make_programme(site_home, make_period(2023), slug="utbildning-2023")
    session = make_session(old, title="Grundutbildning 2023", starts_at=local(2023, 2, 8, 9))
    paula = make_politician("paula")
    per = make_politician("per")
    evil = make_politician("evil")
    evil.first_name, evil.last_name = "=HYPERLINK(\"http://x\")", "@SUM(A1)"
    evil.save()
    for person in (paula, per, evil):
        SignUp.objects.create(session=session, politician=person)
    return session, paula, per


def test_a_secretary_records_attendance_after_the_session(client, secretary, held):
    session, paula, per = held
    client.force_login(secretary)
    paula_signup = SignUp.objects.get(politician=paula)

    page = client.get(f"/admin/utbildning/narvaro/{session.pk}/")
    response = client.post(f"/admin/utbildning/narvaro/{session.pk}/", {f"narvaro-{paula_signup.pk}": "on"})

    assert page.status_code == 200 and "Paula Testsson" in page.content.decode()
    assert response.status_code == 302
    assert dict(SignUp.objects.values_list("politician__slug", "attended")) == {"paula": True, "per": False, "evil": False}


def test_attendance_cannot_be_recorded_before_the_session(client, secretary, programme):
    session = make_session(programme)
    signup = SignUp.objects.create(session=session, politician=make_politician("paula"))
    client.force_login(secretary)

    response = client.post(f"/admin/utbildning/narvaro/{session.pk}/", {f"narvaro-{signup.pk}": "on"}, follow=True)

    assert "först när tillfället har ägt rum" in response.content.decode()
    assert SignUp.objects.get().attended is None


def test_the_session_export_is_csv_and_xlsx_with_formulas_neutralised(client, secretary, held):
    session, paula, per = held
    SignUp.objects.filter(politician=paula).update(attended=True)
    client.force_login(secretary)

    csv_response = client.get(f"/admin/utbildning/narvaro/{session.pk}/export.csv")
    xlsx_response = client.get(f"/admin/utbildning/narvaro/{session.pk}/export.xlsx")

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Namn", "Deltar som", "Parti", "Anmälan", "Anmäld den", "Närvarade"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Paula Testsson"][5] == "ja"
    assert by_name["Per Testsson"][5] == "ej registrerad"
    assert "'=HYPERLINK(\"http://x\") @SUM(A1)" in by_name
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    values = [cell.value for cell in sheet["A"]]
    assert "'=HYPERLINK(\"http://x\") @SUM(A1)" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert 'filename="narvaro-2023-02-08-grundutbildning-2023.xlsx"' in xlsx_response["Content-Disposition"]


def test_the_politician_export_lists_their_sessions(client, secretary, held):
    session, paula, per = held
    client.force_login(secretary)

    response = client.get(f"/admin/utbildning/deltagare/{paula.pk}/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:3] == ["Grundutbildning 2023", "2023-02-08 09:00", "1"]
    assert client.get(f"/admin/utbildning/deltagare/{paula.pk}/export.pdf").status_code == 404


def test_cells_that_start_like_formulas_are_neutralised():
    assert [safe_cell(v) for v in ["=1+1", "+46", "-2", "@A1", "\tx", "Åsa", None, True]] == [
        "'=1+1", "'+46", "'-2", "'@A1", "'\tx", "Åsa", "", "ja"
    ]


@pytest.mark.parametrize("url", ["/admin/utbildning/narvaro/", "/admin/utbildning/deltagare/"])
def test_attendance_is_only_for_the_administration(client, held, url):
    session, paula, per = held

    assert client.get(url).status_code == 302  # nobody: to the login
    editor = make_user("redaktor", group=roles.EDITORS)
    editor.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    assert client.get(f"/admin/utbildning/narvaro/{session.pk}/export.csv").status_code in (302, 403)
    client.force_login(paula.user)  # a politician has no admin access at all
    assert client.get(f"/admin/utbildning/deltagare/{paula.pk}/export.csv").status_code == 302


def test_the_attendance_listing_makes_the_same_queries_for_one_or_many(client, secretary, programme):
    # The admin's menu and panels come from every app, so compare counts rather than pin a number.
    def queries_for_listing():
        client.get("/admin/utbildning/narvaro/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/utbildning/narvaro/").status_code == 200
        return len(queries)

    client.force_login(secretary)
    SignUp.objects.create(session=make_session(programme), politician=make_politician())
    with_one = queries_for_listing()
    for _ in range(7):
        SignUp.objects.create(session=make_session(programme), politician=make_politician())

    assert queries_for_listing() == with_one


def test_an_editor_creates_a_session_as_a_draft_and_previews_it(client, programme):
    admin = get_user_model().objects.create_superuser("admin", "admin@adala.example.se", "x")
    client.force_login(admin)
    committee = make_committee("KF")
    data = {
        "programme": programme.pk, "title": "Nämndutbildning", "programme_year": 1, "responsible_body": committee.pk,
        "starts_at": "2027-03-10 17:00", "ends_at": "2027-03-10 20:00", "location": "Kommunhuset",
        "audience": Audience.COMMITTEES, "description": "", "status": "planned", "status_reason": "",
        "capacity": "", "signup_deadline": "", "recording_url": "", "materials-count": "0",
    }

    missing = client.post("/admin/snippets/training/trainingsession/add/", data)
    assert "Välj minst en nämnd för målgruppen." in missing.content.decode()

    data["audience_committees"] = [committee.pk]
    client.post("/admin/snippets/training/trainingsession/add/", data)
    session = TrainingSession.objects.get()
    assert (session.live, session.local_start) == (False, local(2027, 3, 10, 17))
    preview = client.post(f"/admin/snippets/training/trainingsession/preview/{session.pk}/", data)
    assert preview.json()["is_valid"] is True
    shown = client.get(f"/admin/snippets/training/trainingsession/preview/{session.pk}/")
    assert "Nämndutbildning" in shown.content.decode()

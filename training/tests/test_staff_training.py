"""Training for staff (seed 003): heads of administration and committee secretaries sign up for
sessions meant for them, attendance lists them apart from the politicians, and a politician's
personal feed is unchanged."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from cms import roles
from cms.models import OutboxMessage
from cms.testing import client_for
from training.models import Audience, CalendarToken, SignUp, SignUpError
from visits.register.models import Committee

from .factories import local, make_committee, make_politician, make_session, make_user
from .test_feeds import events_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def head():
    user = make_user("forvaltningschef", group=roles.HEADS_OF_ADMINISTRATION)
    user.first_name, user.last_name = "Fatima", "Förvaltningschef"
    user.save()
    return user


@pytest.fixture
def secretary():
    user = make_user("namndsekreterare", group=roles.SECRETARIES)
    user.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def session_url(session):
    return f"/utbildning/{session.pk}-{session.slug}/"


def sign_up_url(session):
    return f"/utbildning/{session.pk}/anmalan/"


def test_a_head_of_administration_signs_up_for_the_basic_programme_meant_also_for_staff(programme, head):
    basic = make_session(programme, title="Grundutbildning", with_staff=True, capacity=40)

    signup = basic.sign_up(staff=head)

    assert signup.status == SignUp.Status.CONFIRMED and signup.politician is None and signup.staff == head
    assert basic.sign_up(staff=head) == signup  # twice is once
    basic.cancel_sign_up(staff=head)
    assert SignUp.objects.get().status == SignUp.Status.CANCELLED


def test_a_secretary_signs_up_for_a_session_for_staff_only(programme, secretary):
    staff_only = make_session(programme, title="Ärendeberedning", audience=Audience.STAFF)

    assert staff_only.sign_up(staff=secretary).status == SignUp.Status.CONFIRMED


def test_staff_cannot_sign_up_for_a_session_for_politicians_only(programme, head):
    chairs = make_session(programme, title="Ordförandeutbildning", audience=Audience.PRESIDIUMS)

    with pytest.raises(SignUpError, match="Tillfället är till för förtroendevalda"):
        chairs.sign_up(staff=head)
    assert not SignUp.objects.exists()


def test_staff_and_politicians_share_the_places_and_the_waiting_list(programme, head, run_tasks):
    basic = make_session(programme, title="Grundutbildning", with_staff=True, capacity=1)
    paula = make_politician("paula")
    basic.sign_up(paula)
    assert basic.sign_up(staff=head).status == SignUp.Status.WAITING
    receipt = OutboxMessage.objects.order_by("pk").last()
    assert receipt.recipients == [head.email] and "Du står på väntelistan" in receipt.subject
    before = OutboxMessage.objects.count()

    basic.cancel_sign_up(paula)

    assert SignUp.objects.get(staff=head).status == SignUp.Status.CONFIRMED
    [mail] = OutboxMessage.objects.order_by("pk")[before:]
    assert mail.recipients == [head.email] and "Hej Fatima!" in mail.body


def test_a_sign_up_is_a_politician_or_a_member_of_staff_never_both_or_neither(programme, head):
    basic = make_session(programme, with_staff=True)
    paula = make_politician("paula")
    for fields in ({"politician": paula, "staff": head}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SignUp.objects.create(session=basic, **fields)
    with pytest.raises(ValueError):
        basic.sign_up()


# --- the pages ---------------------------------------------------------------------------------


def test_the_session_page_offers_staff_the_sign_up_where_they_are_expected(client, programme, head):
    basic = make_session(programme, title="Grundutbildning", with_staff=True)
    chairs = make_session(programme, title="Ordförandeutbildning", audience=Audience.PRESIDIUMS)
    client.force_login(head)

    basic_page = client.get(session_url(basic)).content.decode()
    chairs_page = client.get(session_url(chairs)).content.decode()

    assert "Även förvaltningschefer och nämndsekreterare" in basic_page and "Anmäl mig" in basic_page
    assert "Anmäl mig" not in chairs_page and "Tillfället är till för förtroendevalda" in chairs_page


def test_a_head_of_administration_signs_up_and_cancels_from_the_session_page(client, programme, head):
    basic = make_session(programme, title="Grundutbildning", with_staff=True)
    client.force_login(head)

    response = client.post(sign_up_url(basic), {"atgard": "anmal"}, follow=True)

    assert "Du är anmäld till Grundutbildning." in response.content.decode()
    assert SignUp.objects.get().staff == head
    client.post(sign_up_url(basic), {"atgard": "avanmal"})
    assert SignUp.objects.get().status == SignUp.Status.CANCELLED


def test_staff_posting_for_a_politicians_session_get_a_message_and_nothing_stored(client, programme, head):
    chairs = make_session(programme, title="Ordförandeutbildning", audience=Audience.PRESIDIUMS)
    client.force_login(head)

    response = client.post(sign_up_url(chairs), {"atgard": "anmal"}, follow=True)

    assert "Tillfället är till för förtroendevalda" in response.content.decode()
    assert not SignUp.objects.exists()


def test_others_cannot_sign_up_and_nobody_is_sent_to_the_login(client, programme):
    basic = make_session(programme, with_staff=True)
    manager = make_user("enhetschef", group=roles.UNIT_MANAGERS)

    assert client_for(manager).post(sign_up_url(basic), {"atgard": "anmal"}).status_code == 403
    response = client_for(None).post(sign_up_url(basic), {"atgard": "anmal"})
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
    assert not SignUp.objects.exists()


def test_a_committees_head_of_administration_counts_as_staff_without_the_group(client, programme):
    user = make_user("chef", group=None)
    Committee.objects.create(name="Kultur- och fritidsnämnden", short_name="KFN", slug="kfn",
                             head_of_administration=user)
    basic = make_session(programme, with_staff=True)

    client_for(user).post(sign_up_url(basic), {"atgard": "anmal"})

    assert SignUp.objects.get().staff == user


def test_the_programme_says_who_a_session_is_for_and_filters_the_staff_sessions(client, programme):
    make_session(programme, title="Grundutbildning", with_staff=True)
    make_session(programme, title="Ärendeberedning", audience=Audience.STAFF)
    make_session(programme, title="Ordförandeutbildning", audience=Audience.PRESIDIUMS)

    html = client.get("/utbildning/").content.decode()
    staff = client.get("/utbildning/", {"malgrupp": "staff"}).content.decode()

    assert "alla förtroendevalda, även förvaltningschefer och nämndsekreterare" in html
    assert "Målgrupp: förvaltningschefer och nämndsekreterare." in html
    assert "Grundutbildning" in staff and "Ärendeberedning" in staff and "Ordförandeutbildning" not in staff


def test_my_pages_show_staff_the_sessions_open_to_them(client, programme, head):
    basic = make_session(programme, title="Grundutbildning", with_staff=True)
    make_session(programme, title="Ordförandeutbildning", audience=Audience.PRESIDIUMS)
    basic.sign_up(staff=head)

    html = client_for(head).get("/mina-sidor/").content.decode()

    assert "Utbildningar för förvaltningschefer och nämndsekreterare" in html
    assert "Grundutbildning</a>" in html and "du är anmäld" in html and "Ordförandeutbildning" not in html


def test_the_staff_section_costs_the_same_queries_for_one_and_many_sessions(programme, head, django_assert_num_queries):
    client = client_for(head)
    make_session(programme, with_staff=True).sign_up(staff=head)
    client.get("/mina-sidor/")
    with CaptureQueriesContext(connection) as one:
        client.get("/mina-sidor/")
    for day in range(5, 10):
        make_session(programme, audience=Audience.STAFF, starts_at=local(2027, 2, day, 9)).sign_up(staff=head)
    with django_assert_num_queries(len(one)):
        client.get("/mina-sidor/")


def test_a_politicians_personal_feed_is_unchanged_by_staff_sessions(client, programme, head):
    bun = make_committee("BUN", "Barn- och utbildningsnämnden")
    paula = make_politician("paula", committee=bun)
    make_session(programme, title="För alla", with_staff=True).sign_up(staff=head)
    make_session(programme, title="Bara för förvaltningen", audience=Audience.STAFF).sign_up(staff=head)
    token = CalendarToken.objects.current_for(paula)

    titles = [str(e["SUMMARY"]) for e in events_of(client.get(f"/kalender/{token.key}.ics").content)]

    assert titles == ["För alla"]
    staff_feed = [str(e["SUMMARY"]) for e in events_of(client.get("/utbildning/kalender/forvaltningen.ics").content)]
    assert sorted(staff_feed) == ["Bara för förvaltningen", "För alla"]


# --- attendance --------------------------------------------------------------------------------


@pytest.fixture
def held_with_staff(site_home, head):
    from .factories import make_period, make_programme

    old = make_programme(site_home, make_period(2023), slug="utbildning-2023")
    session = make_session(old, title="Grundutbildning 2023", starts_at=local(2023, 2, 8, 9), with_staff=True)
    paula = make_politician("paula")
    SignUp.objects.create(session=session, politician=paula)
    SignUp.objects.create(session=session, staff=head)
    return session, paula


def test_attendance_lists_staff_apart_from_the_politicians(client, secretary, head, held_with_staff):
    session, paula = held_with_staff
    client.force_login(secretary)
    staff_signup = SignUp.objects.get(staff=head)

    html = client.get(f"/admin/utbildning/narvaro/{session.pk}/").content.decode()
    client.post(f"/admin/utbildning/narvaro/{session.pk}/", {f"narvaro-{staff_signup.pk}": "on"})

    politicians, staff = html.split("<h2>Förvaltningschefer och nämndsekreterare</h2>")
    assert "Paula Testsson" in politicians and "Fatima Förvaltningschef" in staff
    assert dict(SignUp.objects.values_list("staff__username", "attended")) == {None: False, "forvaltningschef": True}
    rows = list(csv.reader(io.StringIO(
        client.get(f"/admin/utbildning/narvaro/{session.pk}/export.csv").content.decode("utf-8-sig")), delimiter=";"))
    assert [row[:3] for row in rows[1:]] == [["Paula Testsson", "förtroendevald", "FÅ"],
                                             ["Fatima Förvaltningschef", "tjänsteperson", ""]]


def test_the_attendance_page_costs_the_same_queries_with_one_and_many_staff(client, secretary, held_with_staff,
                                                                            django_assert_num_queries):
    session, paula = held_with_staff
    client.force_login(secretary)
    url = f"/admin/utbildning/narvaro/{session.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(4):
        SignUp.objects.create(session=session, staff=make_user(f"sekreterare{number}", group=roles.SECRETARIES))
        SignUp.objects.create(session=session, politician=make_politician(f"ledamot{number}"))
    with django_assert_num_queries(len(one)):
        client.get(url)

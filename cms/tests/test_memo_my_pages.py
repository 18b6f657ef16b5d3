"""Mina sidor with its parts kept per user (home/views.py, cms/memo.py), on the demo: a new
assignment, a sign-up, a decision, a closed feedback item and recorded attendance each show at
the next request for the people they concern, and the page costs a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.testing import client_for, generation_cache_on
from training.models import Audience, SignUp, TrainingSession
from visits.feedback.models import FeedbackSubmission
from visits.register.models import ContactAssignment, MandatePeriod, Politician, Unit
from visits.requests.models import VisitRequest
from visits.requests.notifications import muted

pytestmark = pytest.mark.django_db

# The session and the user; every part of the page and the roles are kept.
WARM_QUERIES = 2


@pytest.fixture(autouse=True)
def cache_on(settings, demo):
    generation_cache_on(settings)


@pytest.fixture
def paula(demo):
    return Politician.objects.get(user__username="politiker")


@pytest.fixture
def blabaret(demo):
    return Unit.objects.get(slug="forskolan-blabaret")


def my_pages(client):
    response = client.get("/mina-sidor/")
    assert response.status_code == 200
    return response.content.decode()


def warm_queries(client):
    my_pages(client)
    with CaptureQueriesContext(connection) as captured:
        my_pages(client)
    return len(captured)


def test_a_new_assignment_shows_on_the_politicians_next_page(paula):
    client = client_for(paula.user)
    unit = Unit.objects.active().exclude(contact_assignments__politician=paula).order_by("name").first()
    assert unit.name not in my_pages(client)

    ContactAssignment.objects.create(politician=paula, unit=unit, period=MandatePeriod.objects.current())

    assert unit.name in my_pages(client)


def test_a_sign_up_shows_at_once_and_its_form_carries_the_users_csrf_token(paula):
    client = Client(enforce_csrf_checks=True)
    client.force_login(paula.user)
    session = (TrainingSession.objects.published().filter(audience=Audience.ALL, starts_at__gt=timezone.now())
               .exclude(signups__politician=paula).order_by("starts_at").first())
    my_pages(client)
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else None

    html = my_pages(client)
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(reverse("training:sign_up", args=[session.pk]),
                           {"atgard": "anmal", "csrfmiddlewaretoken": form_token})

    assert response.status_code == 302, "the kept page's form token was refused"
    assert token is None or token == client.cookies["csrftoken"].value
    upcoming = my_pages(client).split("Kommande utbildningar", 1)[1].split("Grundprogrammet", 1)[0]
    assert session.title in upcoming


def test_a_request_and_the_managers_decision_show_for_both_at_their_next_request(paula, blabaret):
    manager, politician = client_for(blabaret.manager), client_for(paula.user)
    my_pages(manager), my_pages(politician)
    with muted():
        visit = VisitRequest.submit(
            politician=paula, unit=blabaret, kind=VisitRequest.Kind.CONTACT, wished_times="En eftermiddag",
            purpose="Se utegården.", year=timezone.localdate().year, confirm_unpaid=True, by=paula.user,
        )
    link = reverse("visit_requests:detail", args=[visit.pk])
    assert link in my_pages(manager)

    starts_at = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    if starts_at.year != visit.year:
        starts_at = starts_at.replace(month=12, day=31, hour=9) - datetime.timedelta(days=1)
    with muted():
        visit.accept(by=blabaret.manager, starts_at=starts_at)  # a conditional UPDATE, no save()

    assert link not in my_pages(manager).split("Besöksförfrågningar till dina enheter", 1)[1].split("</section>", 1)[0]
    booked = my_pages(politician).split("Bokade besök", 1)[1]
    assert link in booked


def test_closing_a_feedback_item_takes_it_off_the_managers_page(blabaret):
    manager = client_for(blabaret.manager)
    item = FeedbackSubmission.objects.handled_by(blabaret.manager).open().order_by("-submit_time").first()
    link = reverse("feedback_detail", args=[item.pk])
    assert link in my_pages(manager)

    item.close(by=blabaret.manager)  # a conditional UPDATE, no save()

    assert link not in my_pages(manager)


def test_recorded_attendance_shows_on_the_politicians_next_page(paula):
    session = (TrainingSession.objects.published().for_politician(paula).filter(ends_at__lt=timezone.now())
               .exclude(status=TrainingSession.Status.CANCELLED).order_by("-starts_at").first())
    signup, _ = SignUp.objects.get_or_create(session=session, politician=paula)
    SignUp.objects.filter(pk=signup.pk).update(attended=None)
    client = client_for(paula.user)
    assert "Närvarade" not in row_of(my_pages(client), session.title)

    # As the attendance view records it: one UPDATE per row.
    SignUp.objects.filter(pk=signup.pk).update(attended=True, attendance_recorded_at=timezone.now())

    assert "Närvarade" in row_of(my_pages(client), session.title)


def row_of(html, title):
    return html.split(f">{title}</a></td>", 1)[1].split("</tr>", 1)[0]


def test_one_users_parts_never_reach_another_user(paula, blabaret):
    per = Politician.objects.get(user__username="politiker2")
    paula_page, per_page = my_pages(client_for(paula.user)), my_pages(client_for(per.user))
    assert paula.full_name in paula_page and paula.full_name not in per_page.split("Välkommen", 1)[1].split("</p>", 1)[0]
    assert per.full_name in per_page


@pytest.mark.parametrize("extra", [0, 12])
def test_mina_sidor_costs_the_same_few_queries_for_one_item_or_many(paula, blabaret, extra):
    period = MandatePeriod.objects.current()
    for unit in Unit.objects.active().exclude(contact_assignments__politician=paula).order_by("name")[:extra]:
        ContactAssignment.objects.create(politician=paula, unit=unit, period=period)
    sessions = TrainingSession.objects.published().filter(audience=Audience.ALL, starts_at__gt=timezone.now())
    for session in sessions.exclude(signups__politician=paula)[:extra]:
        SignUp.objects.create(session=session, politician=paula)

    assert warm_queries(client_for(paula.user)) == WARM_QUERIES
    assert warm_queries(client_for(blabaret.manager)) == WARM_QUERIES

"""Seed 004: a request goes through the head of administration to the responsible manager; a
unit without a manager sends it to the committee secretaries; no request is stored without
someone responsible."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms import roles
from cms.models import OutboxMessage
from cms.testing import client_for
from visits.register.models import Unit
from visits.requests.eligibility import route_for
from visits.requests.models import NotAllowed, VisitRequest
from visits.requests.tests.factories import future, make_request, make_user, make_world

pytestmark = pytest.mark.django_db
S = VisitRequest.State


@pytest.fixture
def w():
    w = make_world()
    w.secretary = make_user("sekreterare")
    w.secretary.groups.add(Group.objects.get_or_create(name=roles.SECRETARIES)[0])
    Unit.objects.filter(pk__in=[w.unit.pk, w.library.pk]).update(manager=None)
    w.unit.refresh_from_db()
    w.library.refresh_from_db()
    w.manager.groups.add(Group.objects.get_or_create(name=roles.UNIT_MANAGERS)[0])
    return w


def detail(visit):
    return reverse("visit_requests:detail", args=[visit.pk])


def act(visit, slug):
    return reverse("visit_requests:act", args=[visit.pk, slug])


def test_a_request_to_a_unit_without_a_manager_reaches_the_secretary(w, smtp_server, run_tasks):
    visit = make_request(w, companions=[w.colleague])

    assert (visit.state, visit.routed_via_administration) == (S.REFERRED, False)
    assert list(VisitRequest.objects.for_secretaries(w.secretary)) == [visit]
    assert list(VisitRequest.objects.for_manager(w.manager)) == []
    run_tasks()
    [message] = smtp_server.messages
    assert sorted(message.rcpt_tos) == ["politiker2@adala.example.se", "sekreterare@adala.example.se"]
    assert client_for(w.secretary).get(detail(visit)).status_code == 200
    assert "Besöksförfrågningar till enheter utan chef" in client_for(w.secretary).get("/mina-sidor/").content.decode()


def test_the_secretary_forwards_it_to_the_manager_they_name_or_decides_for_the_unit(w):
    forwarded = make_request(w)
    decided = make_request(w, politician=w.colleague)

    assert forwarded.allowed_actions(w.secretary) == ["forward", "accept", "propose", "decline", "cancel"]
    forwarded.forward(w.secretary, manager=w.manager)
    decided.decline(w.secretary, "Enheten flyttar i vår. Hör av dig till hösten.")

    assert (forwarded.state, forwarded.responsible_manager) == (S.FORWARDED, w.manager)
    assert list(VisitRequest.objects.for_manager(w.manager)) == [forwarded]
    assert forwarded.history().last().assigned_to == w.manager
    forwarded.accept(w.manager, future())
    assert forwarded.state == S.ACCEPTED
    assert decided.state == S.DECLINED
    # The secretary keeps seeing the requests they handled.
    assert client_for(w.secretary).get(detail(decided)).status_code == 200


def test_a_request_nobody_can_act_on_is_refused_with_a_clear_message(w):
    Group.objects.get(name=roles.SECRETARIES).user_set.clear()
    assert route_for(w.unit) is None

    with pytest.raises(ValidationError, match="har ingen enhetschef i registret och det finns ingen nämndsekreterare"):
        make_request(w)
    assert not VisitRequest.objects.exists()
    page = client_for(w.user).get(reverse("visit_requests:new", args=[w.unit.slug])).content.decode()
    assert "Förfrågan kan inte skickas" in page
    assert "Skicka förfrågan" not in page


def test_the_form_says_who_will_receive_the_request_before_it_is_sent(w):
    html = client_for(w.user).get(reverse("visit_requests:new", args=[w.unit.slug])).content.decode()
    assert "Backaskolan har ingen enhetschef i registret. Förfrågan går därför till nämndsekreterarna (Sekreterare)" in html
    routed = client_for(w.user).get(reverse("visit_requests:new", args=[w.library.slug])).content.decode()
    assert "Förfrågan går först till förvaltningschefen Forvaltningschef" in routed
    Unit.objects.filter(pk=w.unit.pk).update(manager=w.other_manager, manager_title="rektor")
    direct = client_for(w.user).get(reverse("visit_requests:new", args=[w.unit.slug])).content.decode()
    assert "Förfrågan går till rektor Annanchef" in direct


def test_the_head_names_the_responsible_manager_while_forwarding(w):
    visit = make_request(w, unit=w.library)
    assert visit.state == S.REQUESTED and visit.routed_via_administration
    head = client_for(w.head)
    assert "Ansvarig chef" in head.get(detail(visit)).content.decode()

    refused = head.post(act(visit, "skicka-vidare"), {"forward-manager": ""})
    assert refused.status_code == 400
    assert "Välj ansvarig chef, eller lämna förfrågan till nämndsekreterarna." in refused.content.decode()
    assert head.post(act(visit, "skicka-vidare"), {"forward-manager": w.nobody.pk}).status_code == 400
    assert head.post(act(visit, "skicka-vidare"), {"forward-manager": w.manager.pk}).status_code == 302

    visit.refresh_from_db()
    assert (visit.state, visit.responsible_manager) == (S.FORWARDED, w.manager)
    assert client_for(w.manager).get(detail(visit)).status_code == 200
    with pytest.raises(NotAllowed):
        visit.accept(w.other_manager, future())
    visit.accept(w.manager, future())
    assert visit.state == S.ACCEPTED


def test_the_head_hands_the_request_to_the_secretaries_who_are_told_by_mail(w, smtp_server, run_tasks):
    visit = make_request(w, unit=w.library)
    run_tasks()
    before = len(smtp_server.messages)

    response = client_for(w.head).post(act(visit, "till-namndsekreterarna"),
                                       {"refer-reason": "Bibliotekschefen har slutat."})

    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.state == S.REFERRED
    assert visit.history().last().note == "Bibliotekschefen har slutat."
    run_tasks()
    [message] = smtp_server.messages[before:]
    assert sorted(message.rcpt_tos) == ["politiker@adala.example.se", "sekreterare@adala.example.se"]
    text = message.content.decode("utf-8", errors="replace")
    assert "nämndsekreterarna" in text and "slutat" not in text  # no free text in mail
    assert list(VisitRequest.objects.for_secretaries(w.secretary)) == [visit]


@pytest.mark.parametrize("who", ["user", "manager", "other_manager", "secretary"])
def test_only_the_head_hands_a_routed_request_on(w, who):
    visit = make_request(w, unit=w.library)
    with pytest.raises(NotAllowed):
        visit.refer(getattr(w, who))
    with pytest.raises(NotAllowed):
        visit.forward(getattr(w, who), manager=w.manager)
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED


def test_the_head_sees_every_open_request_of_the_administration(w):
    routed = make_request(w, unit=w.library)
    forwarded = make_request(w, unit=w.library, politician=w.outsider)
    forwarded.forward(w.head, manager=w.manager)
    elsewhere = make_request(w)  # BUN: not the head's administration

    assert list(VisitRequest.objects.open_in_administration(w.head)) == [routed, forwarded]
    html = client_for(w.head).get(reverse("visit_requests:overview")).content.decode()
    assert detail(forwarded) in html and detail(routed) in html and detail(elsewhere) not in html
    assert "2 öppna förfrågningar i förvaltningen" in client_for(w.head).get("/mina-sidor/").content.decode()
    assert client_for(w.head).get(detail(elsewhere)).status_code == 404


def test_no_mail_goes_to_a_manager_the_unit_does_not_have(w):
    make_request(w)
    assert all(recipients != [""] for recipients in OutboxMessage.objects.values_list("recipients", flat=True))

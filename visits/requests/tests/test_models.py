import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import OutboxMessage
from visits.requests.models import NotAllowed, TransitionError, VisitEvent, VisitRequest
from visits.requests.tests.factories import future, make_accepted, make_request, make_world

pytestmark = pytest.mark.django_db
S = VisitRequest.State


@pytest.fixture
def w():
    return make_world()


def states(visit):
    return [(e.from_state, e.to_state) for e in visit.history()]


# --- requesting and routing ------------------------------------------------------------


def test_politician_asks_and_the_request_goes_straight_to_the_manager_in_a_direct_committee(w):
    visit = make_request(w)

    assert visit.state == S.REQUESTED
    assert visit.routed_via_administration is False
    assert visit.waits_for_manager()
    assert list(VisitRequest.objects.for_manager(w.manager)) == [visit]
    assert list(VisitRequest.objects.for_head_of_administration(w.head)) == []
    to_manager, receipt = OutboxMessage.objects.order_by("pk")
    assert (to_manager.recipients, receipt.recipients) == (["rektor@adala.example.se"], ["politiker@adala.example.se"])


def test_request_in_a_routing_committee_goes_to_the_head_of_administration_first(w):
    visit = make_request(w, unit=w.library)

    assert visit.routed_via_administration is True
    assert list(VisitRequest.objects.for_head_of_administration(w.head)) == [visit]
    assert list(VisitRequest.objects.for_manager(w.manager)) == []
    assert OutboxMessage.objects.order_by("pk").first().recipients == ["forvaltningschef@adala.example.se"]
    with pytest.raises(TransitionError, match="förfrågan skickad"):
        visit.accept(w.manager, future())

    visit.forward(w.head)

    assert visit.state == S.FORWARDED
    assert list(VisitRequest.objects.for_manager(w.manager)) == [visit]
    assert states(visit) == [("", S.REQUESTED), (S.REQUESTED, S.FORWARDED)]


def test_routing_is_fixed_when_the_request_is_made(w):
    visit = make_request(w, unit=w.library)
    w.kfn.visit_routing = w.kfn.Routing.DIRECT
    w.kfn.save()

    visit.refresh_from_db()
    assert visit.routed_via_administration is True
    assert list(VisitRequest.objects.for_head_of_administration(w.head)) == [visit]


def test_head_must_name_a_manager_to_forward_to_a_unit_without_one(w):
    visit = make_request(w, unit=w.library)
    w.library.manager = None
    w.library.save()
    visit.refresh_from_db()

    with pytest.raises(ValidationError, match="ingen enhetschef"):
        visit.forward(w.head)
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED


def test_manager_sees_requests_in_the_order_they_came(w):
    first = make_request(w, now=timezone.now() - datetime.timedelta(days=3))
    second = make_request(w, politician=w.colleague, now=timezone.now() - datetime.timedelta(days=2))
    routed = make_request(w, unit=w.library, now=timezone.now() - datetime.timedelta(days=5))
    routed.forward(w.head)

    assert list(VisitRequest.objects.for_manager(w.manager)) == [routed, first, second]


def test_politician_cannot_ask_for_a_unit_they_are_not_contact_for(w):
    with pytest.raises(NotAllowed):
        make_request(w, unit=w.other_unit)


def test_only_the_presidium_may_ask_for_a_presidium_visit(w):
    make_request(w, kind=VisitRequest.Kind.PRESIDIUM)
    with pytest.raises(ValidationError, match="presidium"):
        make_request(w, politician=w.colleague, kind=VisitRequest.Kind.PRESIDIUM)


def test_only_fellow_contact_politicians_may_come_along(w):
    visit = make_request(w, companions=[w.colleague])
    assert list(visit.companions.all()) == [w.colleague]
    with pytest.raises(ValidationError, match="kontaktpolitiker"):
        make_request(w, companions=[w.outsider])


# --- transitions -----------------------------------------------------------------------


def test_manager_accepts_with_three_hours_proposed(w):
    visit = make_request(w)
    starts = future()

    visit.accept(w.manager, starts)

    visit.refresh_from_db()
    assert visit.state == S.ACCEPTED
    assert visit.ends_at - visit.starts_at == datetime.timedelta(hours=3)
    assert visit.hours == 3
    event = visit.history().last()
    assert (event.actor, event.from_state, event.to_state, event.starts_at) == (w.manager, S.REQUESTED, S.ACCEPTED, starts)


def test_manager_proposes_another_time_and_politician_accepts_it(w):
    visit = make_request(w)
    visit.propose(w.manager, future(9, 13), future(9, 15), message="Passar en eftermiddag?")
    assert visit.state == S.PROPOSED
    assert visit.history().last().note == "Passar en eftermiddag?"

    visit.accept_proposal(w.user)

    assert visit.state == S.ACCEPTED
    assert visit.hours == 2
    assert states(visit)[-2:] == [(S.REQUESTED, S.PROPOSED), (S.PROPOSED, S.ACCEPTED)]


def test_politician_withdraws_after_a_proposal(w):
    visit = make_request(w)
    visit.propose(w.manager, future())
    visit.withdraw(w.user)
    assert visit.state == S.WITHDRAWN


def test_manager_declines_with_a_reason_the_politician_sees(w):
    visit = make_request(w)
    with pytest.raises(ValidationError):
        visit.decline(w.manager, "  ")

    visit.decline(w.manager, "Vi har inspektion den veckan.")

    assert visit.state == S.DECLINED
    assert visit.history().last().note == "Vi har inspektion den veckan."


@pytest.mark.parametrize("who", ["user", "manager"])
def test_either_side_cancels_an_accepted_visit_with_a_reason(w, who):
    visit = make_accepted(w)
    with pytest.raises(ValidationError):
        visit.cancel(getattr(w, who), "")
    visit.cancel(getattr(w, who), "Sjukdom.")
    assert visit.state == S.CANCELLED


@pytest.mark.parametrize("state", [S.REQUESTED, S.PROPOSED])
def test_politician_cancels_an_open_request(w, state):
    visit = make_request(w)
    if state == S.PROPOSED:
        visit.propose(w.manager, future())
    visit.cancel(w.user, "Jag kan inte längre.")
    assert visit.state == S.CANCELLED


def test_head_of_administration_cancels_a_request_waiting_for_them(w):
    visit = make_request(w, unit=w.library)
    visit.cancel(w.head, "Dubblett.")
    assert visit.state == S.CANCELLED


def test_visit_is_marked_held_once_it_has_started_and_then_reported(w):
    visit = make_accepted(w)
    with pytest.raises(TransitionError, match="inte börjat"):
        visit.mark_held(w.user)
    VisitRequest.objects.filter(pk=visit.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=4), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )
    visit.refresh_from_db()

    visit.mark_held(w.user)
    visit.mark_reported(w.user)

    assert visit.state == S.REPORTED
    assert [to for _, to in states(visit)] == [S.REQUESTED, S.ACCEPTED, S.HELD, S.REPORTED]


ALL_STEPS = {
    "forward": lambda v, w: v.forward(w.head),
    "accept": lambda v, w: v.accept(w.manager, future()),
    "propose": lambda v, w: v.propose(w.manager, future()),
    "decline": lambda v, w: v.decline(w.manager, "Nej."),
    "accept_proposal": lambda v, w: v.accept_proposal(w.user),
    "withdraw": lambda v, w: v.withdraw(w.user),
    "cancel": lambda v, w: v.cancel(w.user, "Skäl."),
    "mark_held": lambda v, w: v.mark_held(w.user, now=v.ends_at or timezone.now()),
    "mark_reported": lambda v, w: v.mark_reported(w.user),
}
# state -> the steps the state machine allows from it (direct routing; forward has its own test)
ALLOWED = {
    S.REQUESTED: {"accept", "propose", "decline", "cancel"},
    S.PROPOSED: {"accept_proposal", "withdraw", "cancel"},
    S.ACCEPTED: {"cancel", "mark_held"},
    S.HELD: {"mark_reported"},
    S.DECLINED: set(),
    S.WITHDRAWN: set(),
    S.CANCELLED: set(),
    S.REPORTED: set(),
}


def visit_in(w, state):
    visit = make_request(w)
    if state == S.PROPOSED:
        visit.propose(w.manager, future())
    elif state in (S.ACCEPTED, S.HELD, S.REPORTED):
        visit.accept(w.manager, future())
        if state != S.ACCEPTED:
            visit.mark_held(w.user, now=visit.ends_at)
        if state == S.REPORTED:
            visit.mark_reported(w.user)
    elif state == S.DECLINED:
        visit.decline(w.manager, "Nej.")
    elif state == S.WITHDRAWN:
        visit.propose(w.manager, future())
        visit.withdraw(w.user)
    elif state == S.CANCELLED:
        visit.cancel(w.user, "Skäl.")
    assert visit.state == state
    return visit


@pytest.mark.parametrize("state", list(ALLOWED))
@pytest.mark.parametrize("step", list(ALL_STEPS))
def test_only_the_allowed_transitions_are_possible(w, state, step):
    visit = visit_in(w, state)
    events = visit.events.count()
    if step in ALLOWED[state]:
        ALL_STEPS[step](visit, w)
        assert visit.events.count() == events + 1
    else:
        with pytest.raises((TransitionError, NotAllowed)):
            ALL_STEPS[step](visit, w)
        visit.refresh_from_db()
        assert visit.state == state
        assert visit.events.count() == events


@pytest.mark.parametrize(
    "step, actor",
    [
        ("accept", "user"), ("accept", "other_manager"), ("accept", "head"), ("accept", "nobody"),
        ("propose", "colleague_user"), ("propose", "other_manager"),
        ("decline", "user"), ("decline", "other_manager"),
        ("cancel", "other_manager"), ("cancel", "outsider_user"), ("cancel", "nobody"),
    ],
)
def test_the_wrong_person_cannot_take_a_step(w, step, actor):
    visit = make_request(w)
    calls = {
        "accept": lambda who: visit.accept(who, future()),
        "propose": lambda who: visit.propose(who, future()),
        "decline": lambda who: visit.decline(who, "Nej."),
        "cancel": lambda who: visit.cancel(who, "Skäl."),
    }
    with pytest.raises(NotAllowed):
        calls[step](getattr(w, actor))
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED


@pytest.mark.parametrize("actor", ["user", "manager", "other_manager"])
def test_only_the_head_of_the_routing_committee_forwards(w, actor):
    visit = make_request(w, unit=w.library)
    with pytest.raises(NotAllowed):
        visit.forward(getattr(w, actor))


def test_companion_cannot_accept_a_proposal_or_withdraw(w):
    visit = make_request(w, companions=[w.colleague])
    visit.propose(w.manager, future())
    with pytest.raises(NotAllowed):
        visit.accept_proposal(w.colleague_user)
    with pytest.raises(NotAllowed):
        visit.withdraw(w.colleague_user)


def test_accepted_time_must_be_in_the_requests_year_and_end_after_it_starts(w):
    visit = make_request(w)
    starts = future()
    with pytest.raises(ValidationError, match="slut"):
        visit.accept(w.manager, starts, starts - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match=str(visit.year)):
        visit.accept(w.manager, starts.replace(year=visit.year + 1))
    with pytest.raises(ValidationError, match="högst tre timmar"):
        visit.accept(w.manager, starts, starts + datetime.timedelta(hours=4))


# --- concurrency -----------------------------------------------------------------------


def test_two_managers_deciding_on_stale_copies_cannot_both_succeed(w):
    visit = make_request(w)
    first = VisitRequest.objects.get(pk=visit.pk)
    second = VisitRequest.objects.get(pk=visit.pk)

    first.accept(w.manager, future())
    with pytest.raises(TransitionError, match="hann före"):
        second.decline(w.manager, "Nej.")

    visit.refresh_from_db()
    assert visit.state == S.ACCEPTED
    assert second.state == S.ACCEPTED  # the loser sees what happened
    assert states(visit) == [("", S.REQUESTED), (S.REQUESTED, S.ACCEPTED)]


# --- the calendar feed -----------------------------------------------------------------


def test_accepted_and_held_visits_of_requester_and_companions_feed_the_calendar(w):
    accepted = make_accepted(w, companions=[w.colleague])
    make_request(w)  # still open: not in the feed
    declined = make_request(w, politician=w.colleague)
    declined.decline(w.manager, "Nej.")

    assert list(VisitRequest.objects.booked_for(w.politician)) == [accepted]
    assert list(VisitRequest.objects.booked_for(w.colleague)) == [accepted]
    assert list(VisitRequest.objects.booked_for(w.outsider)) == []
    assert accepted.calendar_uid == f"{accepted.uid}@insyn"


def test_public_invitations_are_accepted_presidium_visits_that_invite_the_public(w):
    invited = make_accepted(
        w, kind=VisitRequest.Kind.PRESIDIUM, public_invitation=True, invitation_place="Matsalen",
        invitation_topic="Mål, budget och kvalitet",
    )
    make_accepted(w, kind=VisitRequest.Kind.PRESIDIUM, days=400)  # next year's presidium visit
    make_accepted(w, politician=w.colleague, public_invitation=True, invitation_topic="Ignoreras")

    assert list(VisitRequest.objects.public_invitations(w.unit)) == [invited]
    assert list(VisitRequest.objects.public_invitations(w.other_unit)) == []
    invited.cancel(w.manager, "Sjukdom.")
    assert list(VisitRequest.objects.public_invitations(w.unit)) == []


def test_history_records_who_when_from_to_and_why(w):
    visit = make_request(w)
    visit.decline(w.manager, "Ombyggnad.")

    event = VisitEvent.objects.filter(visit=visit).last()
    assert (event.actor_name, event.from_state, event.to_state, event.note) == (
        "Rektor", S.REQUESTED, S.DECLINED, "Ombyggnad."
    )
    assert abs(event.at - timezone.now()) < datetime.timedelta(seconds=30)


def test_history_names_a_person_never_an_unknown(w):
    visit = make_request(w)
    entered = VisitEvent.objects.get(visit=visit)
    entered.actor = None  # a politician without a login, whose request someone entered for them
    assert entered.actor_name == w.politician.full_name
    visit.decline(w.manager, "Ombyggnad.")
    w.manager.delete()
    declined = visit.history().last()
    assert declined.actor_name == "en användare som har tagits bort"


def test_unit_page_snippet_shows_the_coming_public_invitation(w):
    from django.template.loader import render_to_string

    make_accepted(w, kind=VisitRequest.Kind.PRESIDIUM, public_invitation=True, invitation_place="Matsalen",
                  invitation_topic="Mål, budget och kvalitet")
    html = render_to_string("visits/requests/invitations.html", {"unit": w.unit})
    assert "Mål, budget och kvalitet" in html and "Matsalen" in html
    assert render_to_string("visits/requests/invitations.html", {"unit": w.other_unit}).strip() == ""

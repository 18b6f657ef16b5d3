import datetime

import pytest
from django.core.exceptions import ValidationError

from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit
from visits.register.tests.factories import (
    make_committee,
    make_membership,
    make_party,
    make_period,
    make_politician,
    make_register,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


def messages_of(error):
    return " ".join(error.value.messages)


def test_current_period_is_the_one_covering_today():
    old = make_period()
    make_period("2027–2030", datetime.date(2027, 1, 1), datetime.date(2030, 12, 31))

    assert MandatePeriod.objects.current() == old
    assert MandatePeriod.objects.current(datetime.date(2027, 3, 1)).name == "2027–2030"
    assert MandatePeriod.objects.current(datetime.date(2040, 1, 1)) is None


def test_period_cannot_end_before_it_starts():
    period = MandatePeriod(name="Fel", starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2026, 1, 1))

    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "Slutdatum kan inte vara före startdatum." in messages_of(error)


def test_membership_ending_before_it_starts_is_refused_in_swedish():
    period = make_period()
    membership = Membership(
        politician=make_politician(),
        committee=make_committee(),
        period=period,
        starts_on=datetime.date(2024, 5, 1),
        ends_on=datetime.date(2024, 1, 1),
    )

    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict == {"ends_on": ["Slutdatum kan inte vara före startdatum."]}


def test_membership_that_overlaps_itself_is_refused():
    period = make_period()
    politician, committee = make_politician(first_name="Olle"), make_committee()
    make_membership(politician, committee, period, starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2024, 12, 31))
    overlapping = Membership(
        politician=politician,
        committee=committee,
        period=period,
        role=Membership.Role.CHAIR,
        starts_on=datetime.date(2024, 6, 1),
        ends_on=datetime.date(2026, 12, 31),
    )

    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert "har redan ett uppdrag i Barn- och utbildningsnämnden som överlappar" in messages_of(error)


def test_membership_following_an_earlier_one_is_allowed():
    period = make_period()
    politician, committee = make_politician(), make_committee()
    make_membership(politician, committee, period, starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2024, 12, 31))
    later = Membership(politician=politician, committee=committee, period=period, starts_on=datetime.date(2025, 1, 1))

    later.full_clean()
    later.save()
    assert later.ends_on == period.ends_on  # an empty end date means the period's last day


def test_membership_outside_its_period_is_refused():
    period = make_period()
    membership = Membership(
        politician=make_politician(), committee=make_committee(), period=period, starts_on=datetime.date(2022, 6, 1)
    )

    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "måste ligga inom mandatperioden" in messages_of(error)


def test_assignment_without_membership_in_the_units_committee_is_refused():
    period = make_period()
    politician = make_politician(first_name="Kim", last_name="Ek")
    make_membership(politician, make_committee("KFN", "Kultur- och fritidsnämnden"), period)
    unit = make_unit(committee=make_committee())

    with pytest.raises(ValidationError) as error:
        ContactAssignment(politician=politician, unit=unit, period=period).full_clean()
    assert "Kim Ek har inget uppdrag i Barn- och utbildningsnämnden under mandatperioden 2023–2026" in messages_of(error)


def test_assignment_in_a_period_where_the_politician_has_no_membership_is_refused():
    register = make_register()
    next_period = make_period("2027–2030", datetime.date(2027, 1, 1), datetime.date(2030, 12, 31))
    assignment = register["units"][0].contact_assignments.first()

    with pytest.raises(ValidationError) as error:
        ContactAssignment(politician=assignment.politician, unit=assignment.unit, period=next_period).full_clean()
    assert "under mandatperioden 2027–2030" in messages_of(error)


def test_politician_cannot_be_assigned_twice_to_one_unit_in_one_period():
    register = make_register()
    existing = register["units"][0].contact_assignments.first()

    with pytest.raises(ValidationError) as error:
        ContactAssignment(politician=existing.politician, unit=existing.unit, period=existing.period).full_clean()
    assert "Politikern är redan kontaktpolitiker för enheten under den mandatperioden." in messages_of(error)


def test_consent_date_without_the_detail_itself_is_refused():
    politician = make_politician(email="", email_consent_on=datetime.date(2024, 1, 1))

    with pytest.raises(ValidationError) as error:
        politician.full_clean()
    assert "Ange e-post eller ta bort datumet för samtycke till e-post." in messages_of(error)


def test_contact_details_are_public_only_with_consent():
    without = make_politician(email="a@example.se", phone="070-1")
    with_consent = make_politician(
        email="b@example.se", phone="070-2", email_consent_on=datetime.date(2024, 1, 1), phone_consent_on=datetime.date(2024, 1, 1)
    )

    assert (without.public_email, without.public_phone) == ("", "")
    assert (with_consent.public_email, with_consent.public_phone) == ("b@example.se", "070-2")


def test_unit_slug_politiker_is_reserved_for_the_directory():
    unit = Unit(name="Politiker", slug="politiker", kind=Unit.Kind.OTHER, committee=make_committee())

    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "reserverat" in messages_of(error)


def test_via_administration_routing_needs_a_head_of_administration():
    committee = make_committee("KFN", "Kultur- och fritidsnämnden", visit_routing="via_administration")

    with pytest.raises(ValidationError) as error:
        committee.full_clean()
    assert "Ange förvaltningschef" in messages_of(error)


def test_balance_rule_lists_units_with_too_few_or_one_sided_contacts():
    register = make_register(unit_count=3)
    period, committee = register["period"], register["committee"]
    fine, one_sided, lonely = register["units"]
    one_sided.contact_assignments.filter(politician__party=register["opposition"]).delete()
    extra = make_politician(party=register["majority"])
    make_membership(extra, committee, period)
    ContactAssignment.objects.create(politician=extra, unit=one_sided, period=period)
    lonely.contact_assignments.filter(politician__party=register["majority"]).delete()
    closed = make_unit(committee=committee, active=False)

    breaking = list(Unit.objects.breaking_balance(period))

    assert breaking == sorted([one_sided, lonely], key=lambda unit: unit.name)
    assert fine not in breaking and closed not in breaking
    counts = {unit.pk: (unit.contact_count, unit.majority_count, unit.opposition_count) for unit in breaking}
    assert counts[one_sided.pk] == (2, 2, 0)
    assert counts[lonely.pk] == (1, 0, 1)


def test_balance_rule_follows_each_committees_own_minimum():
    register = make_register(unit_count=2, politicians_per_unit=3)
    period, committee = register["period"], register["committee"]
    three, two = register["units"]
    two.contact_assignments.filter(politician__party=register["majority"]).first().delete()
    assert set(two.contact_assignments.values_list("politician__party", flat=True)) == {
        register["majority"].pk, register["opposition"].pk}

    assert list(Unit.objects.breaking_balance(period)) == []

    committee.balance_minimum = 3
    committee.save()
    assert list(Unit.objects.breaking_balance(period)) == [two]
    assert three not in Unit.objects.breaking_balance(period)


def test_balance_rule_can_be_turned_off_for_a_committee_whose_presidium_visits():
    register = make_register(unit_count=1)
    period, committee = register["period"], register["committee"]
    unit = register["units"][0]
    unit.contact_assignments.all().delete()
    assert list(Unit.objects.breaking_balance(period)) == [unit]

    committee.balance_rule = False
    committee.save()

    assert list(Unit.objects.breaking_balance(period)) == []


@pytest.mark.parametrize("minimum, message", [(1, "Minst två"), (21, "Högst 20")])
def test_balance_minimum_needs_both_blocs_and_a_sane_limit(minimum, message):
    committee = make_committee(balance_minimum=minimum)

    with pytest.raises(ValidationError) as error:
        committee.full_clean()
    assert message in messages_of(error)


def test_party_bloc_follows_the_period():
    period = make_period()
    later = make_period("2027–2030", datetime.date(2027, 1, 1), datetime.date(2030, 12, 31))
    party = make_party("GD", period=period)
    party.blocs.create(period=later, bloc="opposition")

    assert party.bloc_in(period) == "majority"
    assert party.bloc_in(later) == "opposition"


def test_politician_for_user_finds_the_linked_record_only():
    user = make_user("paula")
    politician = make_politician(user=user)

    assert Politician.objects.for_user(user) == politician
    assert Politician.objects.for_user(make_user("someone")) is None


def test_membership_current_and_presidium():
    period = make_period()
    chair = make_membership(make_politician(), make_committee(), period, role=Membership.Role.CHAIR)
    member = make_membership(make_politician(), make_committee(), period)

    assert chair.is_presidium and not member.is_presidium
    assert set(Membership.objects.current()) == {chair, member}
    assert list(Membership.objects.current(datetime.date(2027, 6, 1))) == []

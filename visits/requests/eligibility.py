"""Who may do what with a visit, in the register's terms.

Contact politicians ask to visit their units; the committee's presidium (chair and vice chairs)
visits every unit of the committee. A request goes to the head of administration when the
committee routes through the administration, else to the unit manager; a unit without a manager
sends it to the committee secretaries. A request nobody can act on is never stored.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext

from cms import roles
from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit


class TransitionError(ValidationError):
    """The visit is not in a state where the step is possible (or someone was quicker)."""


class NotAllowed(PermissionDenied):
    """The user may see the visit but not take this step."""


def user_name(user):
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def current_assignments(politician, today=None):
    period = MandatePeriod.objects.current(today)
    if politician is None or period is None:
        return ContactAssignment.objects.none()
    return ContactAssignment.objects.filter(politician=politician, period=period, unit__active=True)


def presidium_memberships(today=None):
    return Membership.objects.current(today).presidium()


def is_presidium_member(politician, committee, today=None):
    if politician is None:
        return False
    return presidium_memberships(today).filter(politician=politician, committee=committee).exists()


def presidium_committee_ids(politician, today=None):
    """Committees where the politician is chair or vice chair today (a values queryset)."""
    if politician is None:
        return Membership.objects.none().values("committee")
    return presidium_memberships(today).filter(politician=politician).values("committee")


def presidium_members(committee, today=None):
    return (
        Politician.objects.filter(pk__in=presidium_memberships(today).filter(committee=committee).values("politician"))
        .select_related("party", "user")
        .order_by("last_name", "first_name")
    )


def fellow_contacts(unit, politician, today=None):
    """The unit's other contact politicians this period: who may come along."""
    period = MandatePeriod.objects.current(today)
    if period is None:
        return Politician.objects.none()
    return (
        Politician.objects.filter(contact_assignments__unit=unit, contact_assignments__period=period)
        .exclude(pk=politician.pk)
        .select_related("party")
        .order_by("last_name", "first_name")
        .distinct()
    )


def possible_companions(unit, politician, presidium, today=None):
    """Who may come along: the unit's other contact politicians, or on a presidium visit the
    rest of the committee's presidium."""
    if presidium:
        return presidium_members(unit.committee, today).exclude(pk=politician.pk)
    return fellow_contacts(unit, politician, today)


def units_open_to(politician, today=None):
    """Active units the politician may ask to visit: their contact units and, for a presidium
    member, every unit of the committee."""
    if politician is None:
        return Unit.objects.none()
    contact = current_assignments(politician, today).values("unit")
    return Unit.objects.active().filter(Q(pk__in=contact) | Q(committee__in=presidium_committee_ids(politician, today)))


def secretaries():
    """The committee secretaries: they take requests no manager can (cms.roles.SECRETARIES)."""
    return get_user_model().objects.filter(is_active=True, groups__name=roles.SECRETARIES).order_by("pk").distinct()


def manager_candidates():
    """Whom a head of administration may name as the responsible manager: unit managers."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=roles.UNIT_MANAGERS) | Q(managed_units__isnull=False))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def may_read_unit_documents(user, unit, today=None):
    """A unit's plans, follow-ups and surveys are for those who prepare and hold its presidium
    visit: the manager, the committee's presidium and head of administration, and the secretaries."""
    if user is None or not user.is_authenticated:
        return False
    if unit.manager_id == user.pk or unit.committee.head_of_administration_id == user.pk:
        return True
    if roles.is_administration(user):
        return True
    return is_presidium_member(Politician.objects.for_user(user), unit.committee, today)


@dataclass
class Route:
    """Who receives a new request: "head", "manager" or "secretaries"."""

    to: str
    users: list

    @property
    def via_administration(self):
        return self.to == "head"


def route_for(unit):
    """Who will receive a request to `unit`, or None when nobody in Insyn can act on it."""
    committee = unit.committee
    if committee.visit_routing == committee.Routing.VIA_ADMINISTRATION and committee.head_of_administration_id:
        return Route("head", [committee.head_of_administration])
    if unit.manager_id:
        return Route("manager", [unit.manager])
    people = list(secretaries())
    return Route("secretaries", people) if people else None


def route_description(unit, route):
    """What the request form says before sending: who will receive the request."""
    if route is None:
        return no_route_message(unit)
    names = ", ".join(user_name(user) for user in route.users)
    if route.to == "head":
        return gettext(
            "Förfrågan går först till förvaltningschefen %(name)s, som skickar den vidare till ansvarig chef "
            "för %(unit)s eller till nämndsekreterarna. Chefen bestämmer om och när besöket blir av."
        ) % {"name": names, "unit": unit.name}
    if route.to == "manager":
        return gettext(
            "Förfrågan går till %(role)s %(name)s, som bestämmer om och när besöket blir av."
        ) % {"role": unit.manager_role, "name": names}
    return gettext(
        "%(unit)s har ingen enhetschef i registret. Förfrågan går därför till nämndsekreterarna (%(names)s), "
        "som ser till att ansvarig chef får den."
    ) % {"unit": unit.name, "names": names}


def no_route_message(unit):
    return gettext(
        "Förfrågan kan inte skickas: %(unit)s har ingen enhetschef i registret och det finns ingen "
        "nämndsekreterare som kan ta emot den. Kontakta nämndens kansli så att registret kompletteras."
    ) % {"unit": unit.name}


def check_may_request(politician, unit, presidium, companions=(), today=None):
    """A contact politician asks to visit their unit; a presidium member any unit of the committee."""
    if not unit.active:
        raise NotAllowed(gettext("%(unit)s är inte längre aktiv.") % {"unit": unit})
    if presidium:
        if not is_presidium_member(politician, unit.committee, today):
            raise ValidationError({"kind": gettext("Presidiebesök kan bara begäras av nämndens presidium.")})
    elif not current_assignments(politician, today).filter(unit=unit).exists():
        raise NotAllowed(gettext("Du är inte kontaktpolitiker för %(unit)s.") % {"unit": unit})
    allowed = set(possible_companions(unit, politician, presidium, today).values_list("pk", flat=True))
    if any(companion.pk not in allowed for companion in companions):
        message = (gettext("Bara nämndens presidium kan följa med på presidiebesöket.") if presidium
                   else gettext("Bara enhetens andra kontaktpolitiker kan följa med."))
        raise ValidationError({"companions": message})


def check_invitation(invited, starts_at, ends_at, now):
    """The public meets the presidium at the visit or at an event of its own (seed 001)."""
    if not invited or (starts_at is None and ends_at is None):
        return bool(invited)
    if starts_at is None:
        raise ValidationError({"invitation_starts_at": gettext("Ange när mötet med allmänheten börjar.")})
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"invitation_ends_at": gettext("Mötet måste sluta efter att det har börjat.")})
    if starts_at <= now:
        raise ValidationError({"invitation_starts_at": gettext("Välj en tid som inte har passerat.")})
    return True

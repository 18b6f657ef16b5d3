"""The compensation cap (seed 000): a politician is paid for at most two contact visits of at
most three hours per unit and calendar year, as requester or companion alike. A further (or
longer) visit may still be asked for, but is marked unpaid for whom it concerns before it is
sent, with the real reason. Presidium visits are a kind of their own and take no place here.

The visits are reached through the unit's `visit_requests` (VisitRequestQuerySet), so this
module needs no import of the model that calls it."""

from decimal import Decimal

from django.utils.translation import gettext

PAID_VISITS_PER_YEAR = 2
PAID_HOURS_MAX = Decimal("3")

TOO_LONG, CAP_USED = "too_long", "cap"


def paid_visits_used(politician, unit, year):
    return unit.visit_requests.counting_towards_cap(politician, unit, year).count()


def paid_visits_left(politician, unit, year):
    return max(PAID_VISITS_PER_YEAR - paid_visits_used(politician, unit, year), 0)


def would_be_paid(politician, unit, year, hours, presidium=False):
    if presidium:
        return True
    return Decimal(hours) <= PAID_HOURS_MAX and paid_visits_left(politician, unit, year) > 0


def compensation_for(people, unit, year, hours, presidium=False):
    """(politician, paid, reason) for each person on the visit; the reason says why not."""
    lines = []
    for person in people:
        if presidium:
            lines.append((person, True, ""))
        elif Decimal(hours) > PAID_HOURS_MAX:
            lines.append((person, False, TOO_LONG))
        elif paid_visits_left(person, unit, year) == 0:
            lines.append((person, False, CAP_USED))
        else:
            lines.append((person, True, ""))
    return lines


def unpaid_message(lines, hours, year):
    """Why the visit is unpaid, and for whom: the real reason, for the year of the visit."""
    if any(reason == TOO_LONG for _person, _paid, reason in lines):
        return gettext(
            "Besöket blir oarvoderat för alla som är med: det är %(hours)s timmar, och arvode betalas för högst "
            "tre timmar."
        ) % {"hours": str(Decimal(hours).normalize()).replace(".", ",")}
    names = [person.full_name for person, _paid, reason in lines if reason == CAP_USED]
    if not names:
        return ""
    who = names[0] if len(names) == 1 else gettext("%(names)s och %(last)s") % {
        "names": ", ".join(names[:-1]), "last": names[-1]}
    return gettext(
        "Besöket blir oarvoderat för %(who)s: två arvoderade besök hos enheten år %(year)s är redan bokade "
        "eller genomförda."
    ) % {"who": who, "year": year}

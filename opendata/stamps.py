"""Times as OParl writes them, and the moments derived from dates.

Every time is cut to whole seconds before it is compared or written, so a `modified` a
client reads back as `modified_since` selects the same object again (never one less)."""

from datetime import datetime, time, timedelta

from django.utils import timezone


def second(moment):
    return moment.replace(microsecond=0) if moment else None


def midnight(day):
    """The local start of `day`: when something that holds from that day begins to show."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_boundaries(today, starts_on=None, ends_on=None):
    """The moments, up to today, when a thing holding from `starts_on` to `ends_on`
    (inclusive) began or stopped showing."""
    found = []
    if starts_on and starts_on <= today:
        found.append(midnight(starts_on))
    if ends_on and ends_on + timedelta(days=1) <= today:
        found.append(midnight(ends_on + timedelta(days=1)))
    return found


def latest(*moments):
    present = [moment for moment in moments if moment is not None]
    return second(max(present)) if present else None


def iso(moment):
    """yyyy-mm-ddThh:mm:ss±hh:mm in Swedish time, as OParl wants date-times."""
    return timezone.localtime(second(moment)).isoformat()


def iso_date(day):
    return day.isoformat() if day else None

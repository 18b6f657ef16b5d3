"""Demo activities: a few recorded by contact politicians and by the unit manager this year, so
Mina sidor and the summary have activities beside the visits. Idempotent."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from visits.register.models import Politician, Unit

from .models import Activity

# unit slug, who records (a login), the politicians by login (None: the unit's contact politicians),
# days ago, what
ACTIVITIES = [
    ("forskolan-blabaret", "enhetschef", ["politiker", "politiker2"], 75, "Föräldramöte om den nya utegården"),
    ("backaskolan", "politiker", ["politiker"], 160, "Skolavslutning i idrottshallen"),
    ("forskolan-blabaret", "politiker2", ["politiker2"], 40, "Möte med förskolechefen om inskolningen"),
    ("strandskolan", "enhetschef", None, 120, "Öppet hus för blivande sjundeklassare"),
]


def build(users):
    if Activity.objects.exists():
        return
    today = timezone.localdate()
    for slug, recorder, logins, days_ago, description in ACTIVITIES:
        unit = Unit.objects.filter(slug=slug).first()
        by = users.get(recorder)
        if unit is None or by is None:
            continue
        if logins is None:
            politicians = [assignment.politician for assignment in unit.contact_assignments.filter(
                period__starts_on__lte=today, period__ends_on__gte=today).select_related("politician")]
        else:
            politicians = [Politician.objects.for_user(users.get(login)) for login in logins]
        try:
            Activity.record(unit=unit, politicians=[p for p in politicians if p],
                            held_on=today - datetime.timedelta(days=days_ago), description=description, by=by)
        except (PermissionDenied, ValidationError):
            continue  # the register was changed by hand: leave that activity out

"""Demo newsletters (rektorsbrev) for Ådala kommun, from the demo login `enhetschef`.
Idempotent; it sends no mail."""

import datetime

from django.db import transaction
from django.utils import timezone

from visits.register.models import Unit

from .models import Newsletter

NEWSLETTERS = [
    ("backaskolan", "Rektorsbrev september",
     "Hej!\n\nTerminen har börjat lugnt. Vi har två nya lärare i årskurs 4 och har startat en läxhjälp "
     "på tisdagar. Trygghetsenkäten visar att fler elever än i fjol känner sig trygga på rasterna.\n\n"
     "Välkomna på besök!", 50),
    ("forskolan-blabaret", "Nytt från Blåbäret",
     "Vi har byggt om gården med en ny sandlåda och odlingslådor. Barnen har planterat potatis som vi "
     "skördar i augusti. Personalgruppen är fulltalig efter sommaren.", 20),
]


@transaction.atomic
def build(users):
    units = {unit.slug: unit for unit in Unit.objects.all()}
    manager = users.get("enhetschef")
    now = timezone.now()
    for slug, title, text, days in NEWSLETTERS:
        unit = units.get(slug)
        if unit is None or manager is None or Newsletter.objects.filter(unit=unit, title=title).exists():
            continue
        Newsletter.send(unit, manager, title, text, sent_at=now - datetime.timedelta(days=days), deliver=False)

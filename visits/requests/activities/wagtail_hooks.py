"""The activities' parts of Mina sidor: a contact politician's count per unit this year, and a
manager's view of the contact politicians of the units they lead. Imported by visits/wagtail_hooks.py."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from visits.register.models import Politician

from .models import REQUIRED_PER_YEAR, activity_counts, assignments_in_year


@hooks.register("insyn_my_pages_sections")
def politician_activities(request):
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        return None
    year = timezone.localdate().year
    counts = activity_counts(year, assignments_in_year(year).filter(politician=politician, unit__active=True))
    if not counts:
        return None
    return {
        "id": "mina-aktiviteter",
        "title": _("Mina aktiviteter %(year)s") % {"year": year},
        "template": "visits/requests/activities/my_pages_politician.html",
        "order": 15,
        "year": year,
        "counts": counts,
        "below": [count for count in counts if count.below_required],
        "training": counts[0].training,
        "required": REQUIRED_PER_YEAR,
    }


@hooks.register("insyn_my_pages_sections")
def manager_activities(request):
    if not request.user.managed_units.filter(active=True).exists():
        return None
    year = timezone.localdate().year
    counts = activity_counts(year, assignments_in_year(year).filter(unit__manager=request.user, unit__active=True))
    return {
        "id": "kontaktpolitikernas-aktiviteter",
        "title": _("Kontaktpolitikernas aktiviteter %(year)s") % {"year": year},
        "template": "visits/requests/activities/my_pages_manager.html",
        "order": 25,
        "year": year,
        "counts": counts,
        "required": REQUIRED_PER_YEAR,
    }

"""Activities on Mina sidor: the year's count per unit, recording an activity at a unit and
removing a wrong entry. A unit or activity the user may not act on answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from visits.register.models import Politician, Unit

from ..models import NotAllowed
from .forms import ActivityForm, YearForm
from .models import REQUIRED_PER_YEAR, Activity, activity_counts, assignments_in_year


def unit_for(user, slug):
    """The active unit `slug` if the user leads it or is its contact politician this year, with
    the role the user acts in; otherwise 404."""
    unit = Unit.objects.active().select_related("committee").filter(slug=slug).first()
    if unit is None:
        raise Http404
    if unit.manager_id == user.pk:
        return unit, True
    politician = Politician.objects.for_user(user)
    year = timezone.localdate().year
    if politician and assignments_in_year(year).filter(unit=unit, politician=politician).exists():
        return unit, False
    raise Http404


def counts_for(user, year):
    """The user's own counts as a contact politician, and the counts of the units they lead."""
    politician = Politician.objects.for_user(user)
    assignments = assignments_in_year(year).filter(unit__active=True)
    own = activity_counts(year, assignments.filter(politician=politician)) if politician else []
    managed = activity_counts(year, assignments.filter(unit__manager=user))
    return politician, own, managed


@login_required
def overview(request):
    years = YearForm(request.GET or None)
    year = years.year()
    politician, own, managed = counts_for(request.user, year)
    activities = (Activity.objects.visible_to(request.user).filter(held_on__year=year).for_listing()
                  .order_by("-held_on", "-pk"))
    for activity in activities:
        activity.removable = activity.can_be_removed_by(request.user)
    units = list(Unit.objects.managed_by(request.user).active().order_by("name"))
    return render(request, "visits/requests/activities/overview.html", {
        "page_title": _("Aktiviteter %(year)s") % {"year": year},
        "year": year,
        "years": years,
        "politician": politician,
        "own": own,
        "managed": managed,
        "activities": activities,
        "managed_units": units,
        "required": REQUIRED_PER_YEAR,
    }, status=400 if years.is_bound and not years.is_valid() else 200)


@login_required
def record(request, unit_slug):
    unit, as_manager = unit_for(request.user, unit_slug)
    form = ActivityForm(request.POST or None, unit=unit, as_manager=as_manager)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            politicians = list(data["politicians"]) if as_manager else [Politician.objects.for_user(request.user)]
            try:
                Activity.record(unit=unit, politicians=politicians, held_on=data["held_on"],
                                description=data["description"], by=request.user)
            except NotAllowed:
                raise Http404
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Aktiviteten på %(unit)s är registrerad.") % {"unit": unit.name})
                return redirect("activities:overview")
        status = 400
    return render(request, "visits/requests/activities/form.html", {
        "page_title": _("Registrera aktivitet på %(unit)s") % {"unit": unit.name},
        "form": form,
        "unit": unit,
        "as_manager": as_manager,
    }, status=status)


@login_required
@require_POST
def remove(request, pk):
    activity = Activity.objects.visible_to(request.user).select_related("unit").filter(pk=pk).first()
    if activity is None or not activity.can_be_removed_by(request.user):
        raise Http404
    activity.delete()
    messages.success(request, _("Aktiviteten är borttagen."))
    return redirect("activities:overview")

"""The register's sections of "Mina sidor": a politician's units and a manager's units."""

from django.utils.translation import gettext as _

from .models import ContactAssignment, MandatePeriod, Membership, Politician, Unit, UnitIndexPage


def directory_page():
    return UnitIndexPage.objects.live().first()


def politician_section(request):
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        return None
    period = MandatePeriod.objects.current()
    assignments = (
        ContactAssignment.objects.filter(politician=politician, period=period, unit__active=True)
        .select_related("unit__committee", "unit__manager")
        .order_by("unit__name")
    )
    memberships = Membership.objects.current().filter(politician=politician).select_related("committee")
    return {
        "id": "mina-enheter",
        "title": _("Mina enheter som kontaktpolitiker"),
        "template": "visits/my_pages_politician.html",
        "order": 10,
        "politician": politician,
        "period": period,
        "assignments": list(assignments),
        "memberships": list(memberships),
        "directory": directory_page(),
    }


def manager_section(request):
    period = MandatePeriod.objects.current()
    units = list(Unit.objects.managed_by(request.user).active().with_contacts(period).order_by("name"))
    if not units:
        return None
    return {
        "id": "enheter-jag-leder",
        "title": _("Enheter du är chef för"),
        "template": "visits/my_pages_manager.html",
        "order": 20,
        "period": period,
        "units": units,
        "directory": directory_page(),
    }

"""The register's public part as one CSV beside the directory: every active unit with its
contact politicians of the current period, their party, bloc and committee role, and their
e-mail and phone only where they consented. The same queryset as the directory
(`Unit.objects.active().with_contacts(period)`). UTF-8 with a BOM and semicolons, which
Swedish Excel opens as it is; no cell can run as a formula (cms.exports)."""

import csv
import io

from django.db.models import Case, When
from django.utils.translation import gettext as _

from cms.exports import neutralise
from visits.register.models import MandatePeriod, Unit


def header():
    return [_("Mandatperiod"), _("Enhet"), _("Verksamhet"), _("Nämnd"), _("Nämndens förkortning"), _("Adress"),
            _("E-post till enheten"), _("Leds av"), _("Kontaktpolitiker"), _("Parti"), _("Partiets förkortning"),
            _("Block"), _("Roll i nämnden"), _("E-post"), _("Telefon")]


def rows(period):
    kind_order = Case(*(When(kind=kind, then=index) for index, kind in enumerate(Unit.Kind.values)),
                      default=len(Unit.Kind.values))
    units = Unit.objects.active().with_contacts(period).order_by(kind_order, "name")
    for unit in units:
        common = [period.name if period else "", unit.name, unit.get_kind_display(), unit.committee.name,
                  unit.committee.short_name, unit.address, unit.public_email, str(unit.manager_role)]
        if not unit.current_contacts:
            yield common + [""] * 7
        for assignment in unit.current_contacts:
            politician, membership = assignment.politician, assignment.committee_membership()
            bloc = assignment.bloc
            yield common + [
                politician.full_name, politician.party.name, politician.party.abbreviation,
                _("majoritet") if bloc == "majority" else _("opposition") if bloc == "opposition" else "",
                membership.get_role_display() if membership else "",
                politician.public_email, politician.public_phone,
            ]


def register_csv():
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in [header(), *rows(MandatePeriod.objects.current())]:
        writer.writerow([neutralise(str(value or "")) for value in row])
    return buffer.getvalue()

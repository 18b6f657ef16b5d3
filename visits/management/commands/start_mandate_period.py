import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from visits.register import periods
from visits.register.models import MandatePeriod


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value} är inget datum. Skriv ÅÅÅÅ-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Startar en ny mandatperiod genom att kopiera uppdrag och kontaktpolitiker från en tidigare. "
        "Utan --bekrafta visas bara vad som skulle kopieras. Den gamla periodens poster ändras aldrig."
    )

    def add_arguments(self, parser):
        parser.add_argument("fran_period", help="namnet på perioden som kopieras, t.ex. 2023–2026")
        parser.add_argument("till_period", help="namnet på den nya perioden, t.ex. 2027–2030")
        parser.add_argument("--start", help="den nya periodens första dag, om den inte finns ännu")
        parser.add_argument("--slut", help="den nya periodens sista dag, om den inte finns ännu")
        parser.add_argument("--utan-politiker", nargs="*", default=[], help="kortnamn på politiker som inte följer med")
        parser.add_argument("--utan-enhet", nargs="*", default=[], help="kortnamn på enheter vars kontaktpolitiker inte följer med")
        parser.add_argument("--bara-uppdrag", action="store_true", help="kopiera bara uppdragen i nämnderna")
        parser.add_argument("--bekrafta", action="store_true", help="kopiera på riktigt")

    def handle(self, *args, **options):
        source = MandatePeriod.objects.filter(name=options["fran_period"]).first()
        if source is None:
            raise CommandError(f"Det finns ingen mandatperiod som heter {options['fran_period']}.")
        target = MandatePeriod.objects.filter(name=options["till_period"]).first()
        if target is None:
            if not (options["start"] and options["slut"]):
                raise CommandError("Den nya perioden finns inte: ange --start och --slut för att skapa den.")
            target = MandatePeriod(
                name=options["till_period"], starts_on=parse_date(options["start"]), ends_on=parse_date(options["slut"])
            )
            try:
                target.full_clean()
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            if options["bekrafta"]:
                target.save()
        if target.pk == source.pk:
            raise CommandError("Välj två olika mandatperioder.")
        if target.starts_on <= source.ends_on:
            raise CommandError("Den nya perioden måste börja efter att den gamla har slutat.")
        plan = periods.plan_copy(
            source,
            target,
            exclude_politicians=options["utan_politiker"],
            exclude_units=options["utan_enhet"],
            memberships_only=options["bara_uppdrag"],
        )
        for membership in plan.memberships:
            self.stdout.write(f"uppdrag: {membership.politician.full_name}, {membership.get_role_display()}, {membership.committee.short_name}")
        for assignment in plan.assignments:
            self.stdout.write(f"kontaktpolitiker: {assignment.politician.full_name} – {assignment.unit.name}")
        for assignment in plan.skipped_assignments:
            self.stdout.write(
                f"följer inte med: {assignment.politician.full_name} – {assignment.unit.name} "
                "(saknar uppdrag i enhetens nämnd i den nya perioden)"
            )
        if not options["bekrafta"]:
            self.stdout.write(
                f"Förhandsvisning: {len(plan.memberships)} uppdrag och {len(plan.assignments)} kontaktpolitiker "
                "skulle kopieras. Kör igen med --bekrafta för att kopiera."
            )
            return
        memberships, assignments = periods.apply_copy(plan, target)
        self.stdout.write(self.style.SUCCESS(
            f"Kopierade {memberships} uppdrag och {assignments} kontaktpolitiker till {target.name}."
        ))

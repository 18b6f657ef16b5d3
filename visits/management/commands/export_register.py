from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from visits.register import importing
from visits.register.models import MandatePeriod


class Command(BaseCommand):
    help = "Exporterar registret till XLSX (alla listor) eller CSV (en lista), med formelceller neutraliserade."

    def add_arguments(self, parser):
        parser.add_argument("file", help="mål: .xlsx eller .csv")
        parser.add_argument("--lista", choices=list(importing.LISTS), default="enheter", help="lista för CSV")
        parser.add_argument("--mandatperiod", help="bara uppdrag och kontaktpolitiker i denna period (namn)")

    def handle(self, *args, file, lista, mandatperiod, **options):
        period = None
        if mandatperiod:
            period = MandatePeriod.objects.filter(name=mandatperiod).first()
            if period is None:
                raise CommandError(f"Det finns ingen mandatperiod som heter {mandatperiod}.")
        path = Path(file)
        if path.suffix.lower() == ".xlsx":
            path.write_bytes(importing.export_xlsx(period))
        elif path.suffix.lower() == ".csv":
            path.write_bytes(importing.export_csv(lista, period))
        else:
            raise CommandError("Filnamnet ska sluta på .xlsx eller .csv.")
        self.stdout.write(self.style.SUCCESS(f"Skrev {path}."))

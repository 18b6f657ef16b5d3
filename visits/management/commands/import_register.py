from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from visits.register import importing


class Command(BaseCommand):
    help = (
        "Importerar enheter, politiker, uppdrag och kontaktpolitiker från en XLSX- eller CSV-fil. "
        "Allt eller inget: vid minsta fel ändras ingenting och varje felaktig rad skrivs ut."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="sökväg till .xlsx eller .csv")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        try:
            result = importing.import_register(path.name, path.read_bytes())
        except importing.ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Inget importerades: {len(failure.errors)} fel.") from None
        for name, count in result.counts.items():
            self.stdout.write(f"{name}: {count} rader")
        self.stdout.write(self.style.SUCCESS("Importen är klar."))

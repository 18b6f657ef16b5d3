from django.core.management.base import BaseCommand

from home.documents import send_review_reminders


class Command(BaseCommand):
    help = "Köar påminnelser om styrdokument som ska revideras inom 60 dagar eller redan skulle ha reviderats (kör dagligen)."

    def handle(self, *args, **options):
        count = send_review_reminders()
        self.stdout.write(f"{count} påminnelser köade.")

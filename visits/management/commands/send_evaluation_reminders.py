from django.core.management.base import BaseCommand

from visits.evaluation.models import send_reminders


class Command(BaseCommand):
    help = (
        "Köar en påminnelse till varje mottagare av utvärderingen som inte har svarat en vecka efter utskicket "
        "(kör dagligen). Varje mottagare påminns en gång."
    )

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} påminnelser om utvärderingen köade.")

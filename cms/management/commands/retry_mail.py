from django.core.management.base import BaseCommand

from cms.mail import requeue_unsent


class Command(BaseCommand):
    help = "Köar om e-post som inte kunde skickas (kör från cron var femte minut)."

    def handle(self, *args, **options):
        count = requeue_unsent()
        self.stdout.write(f"{count} meddelanden köades om.")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_TOTP_SECRET
from accounts.testing import totp


class Command(BaseCommand):
    help = "Skriver ut demoinloggningarnas kod för tvåstegsverifiering just nu (bara demo)."

    def handle(self, *args, **options):
        if not settings.INSYN_ALLOW_DEMO_USERS:
            raise CommandError("Demokoden finns bara med utvecklings- eller testinställningarna.")
        self.stdout.write(totp(DEMO_TOTP_SECRET))

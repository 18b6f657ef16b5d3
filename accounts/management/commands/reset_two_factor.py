from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCodeDevice


class Command(BaseCommand):
    help = (
        "Tar bort en användares autentiseringsapp och reservkoder (tappad telefon och inga koder kvar). "
        "Har användaren tillgång till administrationen får hen lägga till en ny app vid nästa inloggning."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"Användaren {username} finns inte.")
        with transaction.atomic():
            apps = TOTPDevice.objects.filter(user=user).delete()[0]
            codes = RecoveryCodeDevice.objects.filter(user=user).delete()[0]
        self.stdout.write(f"{username}: {apps} app(ar) och {codes} uppsättning(ar) reservkoder borttagna.")

"""Who a person is at the identity provider, and their one-time recovery codes.

The TOTP device itself is django-otp's `TOTPDevice`; recovery codes are a device of our own so
that only their SHA-256 digests are stored (django-otp's static device keeps them in clear)."""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

RECOVERY_CODE_COUNT = 10
# Without 0/1/o/l/i so a code copied from paper is read right.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class OidcIdentity(models.Model):
    """One person at one identity provider: the issuer and the value of the stable claim
    (INSYN_OIDC_USER_CLAIM). A user is found through this link, never through e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities")
    issuer = models.CharField(_("utfärdare"), max_length=255)
    subject = models.CharField(_("identitet hos utfärdaren"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("konto hos identitetsleverantören")
        verbose_name_plural = _("konton hos identitetsleverantören")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="accounts_one_user_per_identity")]

    def __str__(self):
        return f"{self.user} ({self.subject})"


def normalise_code(code):
    return "".join(ch for ch in str(code).lower() if ch.isalnum())


def digest(code):
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """A set of one-time codes for when the phone is lost. Each code works once."""

    class Meta:
        verbose_name = _("reservkoder")
        verbose_name_plural = _("reservkoder")

    def get_throttle_factor(self):
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def new_codes(self):
        """Replaces every code with new ones and returns them: the only time they are readable."""
        codes = ["-".join("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(4)) for _ in range(3))
                 for _ in range(RECOVERY_CODE_COUNT)]
        with transaction.atomic():
            self.codes.all().delete()
            RecoveryCode.objects.bulk_create(RecoveryCode(device=self, digest=digest(code)) for code in codes)
        return codes

    def verify_token(self, token):
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        # A conditional delete: two requests with the same code cannot both use it.
        used = RecoveryCode.objects.filter(device=self, digest=digest(token)).delete()[0] > 0
        if used:
            self.throttle_reset()
        else:
            self.throttle_increment()
        return used


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["device", "digest"], name="accounts_recovery_code_once")]

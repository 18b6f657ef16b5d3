"""The demo's second factor: every demo user with admin access has an authenticator app
device with the documented demo secret (see the README), so the demo logins need its code
(`python manage.py demo_totp_code`, or the secret typed into any authenticator app)."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_TOTP_SECRET = "INSYNDEMOADALAKOMMUNTOTPDEMOKEYS"  # base32


def secret_bytes(secret):
    return base64.b32decode(secret.replace(" ", "").upper())


def build(users):
    for user in users.values():
        if user.has_perm("wagtailadmin.access_admin") and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(
                user=user, name="Demo", confirmed=True, key=secret_bytes(DEMO_TOTP_SECRET).hex()
            )

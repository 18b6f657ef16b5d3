"""The second factor: who needs it, whether this session has shown it, and enrolment.

A session shows it by a TOTP code or a recovery code (django-otp keeps the device in the
session), or, after a login through the provider, by the provider's own MFA claim."""

import django_otp
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import provider
from .models import RecoveryCodeDevice

# Set at login, so that a request of a user without a device costs no query.
SESSION_HAS_DEVICE = "insyn_has_second_factor"


def admin_user(user):
    return user.has_perm("wagtailadmin.access_admin")


def app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user):
    return RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()


def shown(request):
    """Whether this session has proven a second factor."""
    return bool(request.session.get(provider.SESSION_PROVIDER_MFA)) or request.user.is_verified()


@receiver(user_logged_in, dispatch_uid="accounts.second_factor.remember_at_login")
def remember_at_login(sender, request, user, **kwargs):
    mfa = getattr(user, "insyn_provider_mfa", None)
    if mfa is not None:
        request.session[provider.SESSION_LOGIN_METHOD] = "oidc"
        request.session[provider.SESSION_PROVIDER_MFA] = mfa
    request.session[SESSION_HAS_DEVICE] = TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user):
    """The unconfirmed app device shown as a QR code until the user types its first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)


def confirm(request, device, token):
    """Confirms the app device with its first code, replaces any older one, and returns new
    recovery codes; the session counts as verified. Returns None for a wrong code."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        recovery, _created = RecoveryCodeDevice.objects.get_or_create(
            user=device.user, defaults={"name": "Reservkoder", "confirmed": True}
        )
        codes = recovery.new_codes()
    django_otp.login(request, device)
    request.session[SESSION_HAS_DEVICE] = True
    return codes


class Throttled(Exception):
    """Too many wrong codes in a row: django-otp makes the user wait 1, 2, 4 … seconds."""


def verify(request, token):
    """The device that accepts `token` (an app code or a recovery code), or None."""
    user = request.user
    token = "".join(token.split())
    # Six digits are an app code; anything else can only be a recovery code (twelve characters).
    device = app_device(user) if len(token) == 6 and token.isdigit() else recovery_device(user)
    if device is not None:
        with transaction.atomic():
            device = type(device).objects.select_for_update().get(pk=device.pk)
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                raise Throttled()
            if device.verify_token(token):
                django_otp.login(request, device)
                return device
    return None


def turn_off(request):
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        RecoveryCodeDevice.objects.filter(user=request.user).delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    request.session[SESSION_HAS_DEVICE] = False


def new_recovery_codes(user):
    recovery, _created = RecoveryCodeDevice.objects.get_or_create(
        user=user, defaults={"name": "Reservkoder", "confirmed": True}
    )
    return recovery.new_codes()


def remaining_recovery_codes(user):
    device = recovery_device(user)
    return device.codes.count() if device else 0

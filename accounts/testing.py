"""Test helpers for the second factor: TOTP codes computed from the secret (RFC 6238, written
out here rather than taken from django-otp, so the tests check the library against the RFC),
and a test-client login that proves the second factor as it proves the password."""

import hashlib
import hmac
import struct
import time

from .demo import DEMO_TOTP_SECRET, secret_bytes

STEP = 30


def hotp(key, counter, digits=6):
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def totp(secret, at=None, step_offset=0):
    """The code for the time `at` (default now) from a base32 secret, as the user's app shows it."""
    counter = int((time.time() if at is None else at) // STEP) + step_offset
    return hotp(secret_bytes(secret), counter)


class CodeClock:
    """Hands out codes that have not been used yet. django-otp refuses a code for a time step at or
    before the last one it accepted (a replayed code) and accepts one step either side of now, so
    logging the same user in twice within 30 seconds needs the next step's code, or a short wait."""

    def __init__(self):
        self.last = {}

    def code(self, username, secret=DEMO_TOTP_SECRET):
        now = int(time.time() // STEP)
        step = max(now - 1, self.last.get(username, -1) + 1)
        if step > now + 1:
            time.sleep((step - 1) * STEP - time.time() + 0.5)
        self.last[username] = step
        return hotp(secret_bytes(secret), step)


demo_codes = CodeClock()


def second_factor_device(user):
    """The TOTP device a test login proves: a user who needs the second factor (admin access, or a
    device of their own) gets one with the test secret if they have none. None for the others."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    fresh = type(user)._default_manager.get(pk=user.pk)  # leaves the caller's permission cache alone
    device = TOTPDevice.objects.filter(user=fresh, confirmed=True).first()
    if device is None and fresh.has_perm("wagtailadmin.access_admin"):
        device = TOTPDevice.objects.create(
            user=fresh, name="Test", confirmed=True, key=secret_bytes(DEMO_TOTP_SECRET).hex()
        )
    return device


def login_with_second_factor(client, user, force_login):
    """`force_login(client, user)`, then the session holds the device as after typing its code
    (what django_otp.login does in a real request)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = second_factor_device(user)
    force_login(client, user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def force_login_proves_second_factor():
    """Makes Django's test `Client.force_login` prove the second factor as well as the password,
    for every test that logs a user in without the login form. Returns the undo function.
    The requirement itself stays on: a login through the forms still asks for the code."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        login_with_second_factor(self, user, lambda client, who: original(client, who, backend))

    Client.force_login = force_login

    def undo():
        Client.force_login = original

    return undo

"""Asks for the second factor where it is due.

- A user who has turned on two-step verification proves it before any page after logging in
  (with a password, or through a provider that did not report MFA).
- Everyone with admin access proves it before any admin page; without a device they set one up
  first. Users without a device and without admin access cost no query here."""

from urllib.parse import urlencode

from django.shortcuts import redirect

from cms.i18n import strip_language_prefix

from . import provider
from .second_factor import SESSION_HAS_DEVICE, admin_user, app_device, shown

# Logging out, the verification pages themselves and files never wait for the code (in any language).
OPEN_PATHS = ("/logga-ut/", "/utloggad/", "/konto/", "/admin/logout/", "/static/", "/media/")


def to(name, request):
    from django.urls import reverse

    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not strip_language_prefix(request.path).startswith(OPEN_PATHS):
            if request.session.get(SESSION_HAS_DEVICE) and not shown(request):
                return to("two_factor_verify", request)
            if (
                request.path.startswith("/admin/")
                and not request.session.get(provider.SESSION_PROVIDER_MFA)
                and admin_user(user)
                and not shown(request)
            ):
                return to("two_factor_verify" if app_device(user) else "two_factor_setup", request)
        return self.get_response(request)

"""Guards every request passes, so that no single view has to remember them.

- `RequestGuardMiddleware` (first): a form post in another charset than UTF-8, and parameters
  the database cannot take (a NUL, an integer past 64 bits) for the admin's listings and
  Wagtail's own admin views, get a Swedish 400 instead of a 500 (Insyn's own admin views check
  their parameters with forms and say so at the field); the page and document password forms
  count tries per client address.
- `PrivateResponseMiddleware` (after authentication): answers to signed-in users, to a session
  that has passed a page password, and under the private paths are `Cache-Control: private,
  no-store`; a staff session is kept alive while it is used (cms/sessions.py).
- `MethodNotAllowedPage`: a view that takes only POST (an action behind a button) answers a
  GET with Django's empty 405, which browsers show as a blank page; it gets a Swedish page.
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.generic.chooser import BaseChooseView

from . import ratelimit
from .sessions import keep_staff_session_alive

INTEGER = re.compile(r"\s*[-+]?0*(\d+)\s*")
LARGEST_INTEGER = 2**63 - 1  # a 64-bit column: PostgreSQL's bigint, SQLite's INTEGER
# Wagtail's forms for a page or document behind a shared password.
PASSWORD_VIEWS = {"wagtailcore_authenticate_with_password", "wagtaildocs_authenticate_with_password"}


def bad_request(reason):
    # Standalone like 400.html itself: a request that could not be read may not render base.html.
    return HttpResponseBadRequest(render_to_string("400.html", {"reason": reason}))


def too_large(value):
    match = INTEGER.fullmatch(value)
    # By length first: int() refuses strings of more than 4,300 digits.
    return bool(match) and (len(match[1]) > 19 or int(match[1]) > LARGEST_INTEGER)


def is_own_form_view(view_func):
    """A view of Insyn's own apps that is not a Wagtail listing: it reads its parameters with a form."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None and issubclass(view_class, (BaseListingView, BaseChooseView)):
        return False
    module = getattr(view_class or view_func, "__module__", "") or ""
    app = apps.get_containing_app_config(module)
    # The project's own apps, not an installed package (a .venv may lie inside the project).
    return app is not None and Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(app.path).parts


def has_unusable_parameter(query):
    """True when a name or value of the query is one no database lookup can take."""
    return any(
        "\x00" in value or too_large(value) for name, values in query.lists() for value in [name, *values]
    )


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            # Django refuses another charset when the form is read, and its own 400 page then
            # reads the form again through the CSRF check: a 500.
            if request.encoding and request.encoding.lower() != "utf-8":
                return bad_request(_("Formuläret skickades i en annan teckenkodning än UTF-8."))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.path.startswith(reverse("wagtailadmin_home"))
            and has_unusable_parameter(request.GET)
            and not is_own_form_view(view_func)
        ):
            return bad_request(_("Adressen innehåller ett tecken som inte är tillåtet (NUL) eller ett för stort tal."))
        match = request.resolver_match
        if request.method == "POST" and match and match.url_name in PASSWORD_VIEWS:
            allowed = ratelimit.hit(
                request, "page-password", settings.INSYN_PAGE_PASSWORD_LIMIT, settings.INSYN_PAGE_PASSWORD_WINDOW
            )
            if not allowed:
                return render(request, "cms/too_many_attempts.html", status=429)
        return None


def is_private(request):
    if request.path.startswith(tuple(settings.INSYN_PRIVATE_PATH_PREFIXES)):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.keys())


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        keep_staff_session_alive(request)
        response = self.get_response(request)
        if is_private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


class MethodNotAllowedPage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only empty answers: a view that wrote its own 405 (the OParl API's error object) keeps it.
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            allowed = [method.strip() for method in response.get("Allow", "").split(",") if method.strip()]
            response.content = render_to_string(
                "405.html", {"allowed": allowed, "page_title": None}, request=request
            )
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

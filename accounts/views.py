"""Login through the identity provider, and the pages of the second factor."""

import logging
from base64 import b32encode
from urllib.parse import urlencode

import jwt
import requests
import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from wagtail.users.models import UserProfile

from cms.confirm import confirmation_page, confirmed

from . import provider, second_factor
from .forms import CodeForm, LanguageForm

logger = logging.getLogger(__name__)

# django-axes counts callbacks that name nobody (a foreign or replayed state) under this name.
UNKNOWN_CALLER = "kommunens-konto"
ID_TOKEN_KEY = "oidc_id_token"


class OIDCStartView(OIDCAuthenticationRequestView):
    """Sends the visitor to the provider with state, nonce and a PKCE challenge."""

    def __init__(self, **kwargs):
        # The parent reads the endpoints from settings here; they come from discovery instead.
        View.__init__(self, **kwargs)

    def get(self, request):
        if not provider.enabled():
            raise Http404
        try:
            found = provider.metadata()
        except provider.ProviderUnavailable:
            logger.exception("OIDC discovery failed")
            messages.error(request, _("Kommunens inloggning svarar inte just nu. Försök igen om en stund."))
            return redirect("login")
        self.OIDC_OP_AUTH_ENDPOINT = found["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer. Anything wrong (a state this browser never sent, a replay, a token
    that does not check out, a provider that does not answer) ends on the login page with a
    message and a failed-login entry for django-axes, never in a 400 or 500."""

    def get(self, request):
        if not provider.enabled():
            raise Http404
        unknown = {"username": UNKNOWN_CALLER}
        if not AxesProxyHandler.is_allowed(request, unknown):
            return get_lockout_response(request, unknown)
        try:
            return super().get(request)
        except (SuspiciousOperation, provider.ProviderUnavailable, requests.RequestException, jwt.PyJWTError,
                KeyError, ValueError) as error:
            logger.warning("OIDC callback refused: %s", error)
            return self.login_failure()

    def login_failure(self):
        request = self.request
        request.session.pop(ID_TOKEN_KEY, None)
        identity = getattr(request, "insyn_oidc_identity", None)
        user_login_failed.send(sender=__name__, credentials={"username": identity or UNKNOWN_CALLER}, request=request)
        if identity:
            messages.error(request, _(
                "Ditt konto hos kommunen är inte kopplat till något konto i Insyn. Kontakta nämndsekreteraren."
            ))
        else:
            messages.error(request, _("Inloggningen med kommunens konto gick inte igenom. Börja om från inloggningssidan."))
        return HttpResponseRedirect(self.failure_url)


def logged_out(request):
    """Where the provider sends the user back after its own logout."""
    return render(request, "home/logged_out.html")


def next_url(request):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("my_pages")


def with_next(name, target):
    return f"{reverse(name)}?{urlencode({'next': target})}"


@never_cache
@login_required
def verify(request):
    target = next_url(request)
    if second_factor.shown(request):
        return redirect(target)
    if second_factor.app_device(request.user) is None:
        return redirect(with_next("two_factor_setup", target))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.verify(request, form.cleaned_data["code"])
        except second_factor.Throttled:
            form.add_error("code", _("Du har skrivit fel kod flera gånger i rad. Vänta en stund och försök igen."))
        else:
            if device is not None:
                request.session.cycle_key()
                return redirect(target)
            form.add_error("code", _("Koden stämmer inte. Skriv den kod som appen visar nu, eller en oanvänd reservkod."))
    return render(request, "accounts/verify.html", {"form": form, "next": target, "page_title": _("Tvåstegsverifiering")})


@never_cache
@login_required
def setup(request):
    """Set up (or replace) the authenticator app: a QR code made here, then its first code."""
    user = request.user
    target = next_url(request)
    if second_factor.app_device(user) and not second_factor.shown(request):
        return redirect(with_next("two_factor_verify", request.get_full_path()))
    device = second_factor.pending_device(user)
    form = CodeForm(request.POST or None, app_only=True)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm(request, device, form.cleaned_data["code"])
        if codes:
            request.session.cycle_key()
            return render(request, "accounts/recovery_codes.html",
                          {"codes": codes, "next": target, "page_title": _("Dina reservkoder")})
        form.add_error("code", _(
            "Koden stämmer inte. Skriv den kod som appen visar nu, och kontrollera att telefonens klocka går rätt."
        ))
    secret = b32encode(device.bin_key).decode()
    return render(request, "accounts/setup.html", {
        "form": form,
        "next": target,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "required": second_factor.admin_user(user),
        "page_title": _("Tvåstegsverifiering"),
    })


def settled(view):
    """Changing the second factor needs a session that has shown the present one."""
    def wrapper(request, *args, **kwargs):
        if not second_factor.app_device(request.user):
            messages.error(request, _("Tvåstegsverifiering är inte påslagen för ditt konto."))
            return redirect("my_pages")
        if not second_factor.shown(request):
            return redirect(with_next("two_factor_verify", reverse("my_pages")))
        return view(request, *args, **kwargs)
    return wrapper


@never_cache
@login_required
@require_POST
@settled
def recovery_codes(request):
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Skapa nya reservkoder?"),
            consequences=[
                _("Du får tio nya reservkoder. Alla dina gamla reservkoder slutar fungera direkt, även de du inte har använt."),
                _("Skriv ut de nya koderna eller spara dem på ett säkert ställe: de visas bara en gång."),
            ],
            button=_("Skapa nya reservkoder"),
            cancel_url=reverse("my_pages"),
        )
    codes = second_factor.new_recovery_codes(request.user)
    return render(request, "accounts/recovery_codes.html",
                  {"codes": codes, "next": reverse("my_pages"), "page_title": _("Dina reservkoder")})


@login_required
@require_POST
@settled
def turn_off(request):
    if second_factor.admin_user(request.user):
        messages.error(request, _(
            "Du arbetar i administrationen och behöver tvåstegsverifiering. Du kan byta app men inte stänga av den."
        ))
    elif not confirmed(request):
        return confirmation_page(
            request,
            title=_("Stänga av tvåstegsverifiering?"),
            consequences=[
                _("Kopplingen till din autentiseringsapp och dina reservkoder tas bort. Vill du slå på "
                  "tvåstegsverifiering igen behöver du lägga in ett nytt konto i appen."),
                _("Därefter räcker ditt lösenord för att logga in."),
            ],
            button=_("Stäng av tvåstegsverifiering"),
            cancel_url=reverse("my_pages"),
        )
    else:
        second_factor.turn_off(request)
        messages.success(request, _("Tvåstegsverifieringen är avstängd."))
    return redirect("my_pages")


@login_required
@require_POST
def language(request):
    """Saves the language the user's mail comes in (Wagtail's preferred language of the account)."""
    form = LanguageForm(request.POST)
    if form.is_valid():
        profile = UserProfile.get_for_user(request.user)
        profile.preferred_language = form.cleaned_data["language"]
        profile.save(update_fields=["preferred_language"])
        messages.success(request, _("Språket för din e-post är sparat."))
    else:
        messages.error(request, " ".join(form.errors["language"]))
    return redirect("my_pages")

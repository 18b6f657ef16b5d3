"""The identity provider as configured: on or off, its discovery document, claims and logout.

Endpoints are read from `<issuer>/.well-known/openid-configuration` on first use and kept in the
cache for an hour, so the settings carry only the issuer (as Entra ID and ADFS publish it)."""

import hashlib
import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)

METADATA_SECONDS = 3600
SESSION_LOGIN_METHOD = "insyn_login_method"
SESSION_PROVIDER_MFA = "insyn_provider_mfa"


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not fit the settings."""


def enabled():
    return bool(settings.INSYN_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET)


def password_login_for_all():
    return settings.INSYN_PASSWORD_LOGIN != "superusers"


def metadata():
    issuer = settings.INSYN_OIDC_ISSUER
    key = "insyn:oidc-metadata:" + hashlib.sha256(issuer.encode()).hexdigest()[:16]
    found = cache.get(key)
    if found:
        return found
    try:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        found = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"discovery failed: {error}") from error
    # OpenID Connect Discovery 1.0, 4.3: the document must name the issuer it was fetched for.
    if found.get("issuer", "").rstrip("/") != issuer:
        raise ProviderUnavailable(f"discovery names issuer {found.get('issuer')!r}, expected {issuer!r}")
    missing = [name for name in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint")
               if not found.get(name)]
    if missing:
        raise ProviderUnavailable(f"discovery lacks {missing}")
    cache.set(key, found, METADATA_SECONDS)
    return found


def claim_values(claims, name):
    """A claim as a list of strings, whether the provider sent one value or several."""
    value = claims.get(name) if name else None
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]


def mfa_done(claims):
    """Whether the provider says it asked for more than a password (INSYN_OIDC_MFA_CLAIM)."""
    wanted = {value.strip() for value in settings.INSYN_OIDC_MFA_VALUES.split(",") if value.strip()}
    return bool(wanted & set(claim_values(claims, settings.INSYN_OIDC_MFA_CLAIM)))


def group_map():
    """{provider group id: Insyn group name} from INSYN_OIDC_GROUP_MAP ("id=Namn;id2=Namn")."""
    mapping = {}
    for item in settings.INSYN_OIDC_GROUP_MAP.split(";"):
        group_id, sep, name = item.partition("=")
        if sep and group_id.strip() and name.strip():
            mapping[group_id.strip()] = name.strip()
    return mapping


def _registered_logged_out_path():
    # The provider knows the Swedish address only; an English visitor lands on it after logging out.
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("logged_out")


def logout_url(request, id_token):
    """The provider's end-session address that brings the user back to /utloggad/, or None."""
    try:
        endpoint = metadata().get("end_session_endpoint")
    except ProviderUnavailable:
        logger.warning("The provider's logout could not be reached; only the local session ended.")
        return None
    if not endpoint:
        return None
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(_registered_logged_out_path()),
    }
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"

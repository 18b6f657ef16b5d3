from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def oidc_settings(app_configs, **kwargs):
    errors = []
    if settings.INSYN_PASSWORD_LOGIN not in ("all", "superusers"):
        errors.append(checks.Error("INSYN_PASSWORD_LOGIN ska vara all eller superusers.", id="accounts.E001"))
    if not settings.INSYN_OIDC_ISSUER:
        return errors
    if not (settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET):
        errors.append(checks.Error(
            "INSYN_OIDC_ISSUER är satt men INSYN_OIDC_CLIENT_ID eller INSYN_OIDC_CLIENT_SECRET saknas.", id="accounts.E002"
        ))
    issuer = urlsplit(settings.INSYN_OIDC_ISSUER)
    if issuer.scheme != "https" and issuer.hostname not in ("127.0.0.1", "localhost", "::1"):
        errors.append(checks.Error("INSYN_OIDC_ISSUER måste börja med https://.", id="accounts.E003"))
    if "openid" not in settings.OIDC_RP_SCOPES.split():
        errors.append(checks.Error("INSYN_OIDC_SCOPES måste innehålla openid.", id="accounts.E004"))
    return errors

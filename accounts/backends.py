"""Authentication backends: the provider's callback (OpenID Connect) and the rule that can
keep passwords for superusers only."""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import provider
from .models import OidcIdentity

logger = logging.getLogger(__name__)


class PasswordLoginPolicy:
    """With INSYN_PASSWORD_LOGIN=superusers only superusers (break-glass accounts) may use a
    password; everyone else logs in through the provider. Raising PermissionDenied stops
    Django from asking the next backend, and counts as a failed login for django-axes.
    No get_user(): this backend never logs anyone in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None or provider.password_login_for_all():
            return None
        User = get_user_model()
        if not User._default_manager.filter(**{User.USERNAME_FIELD: username, "is_superuser": True}).exists():
            raise PermissionDenied("Password login is for superusers only.")
        return None


class OIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with the endpoints from discovery, the ID token's issuer
    and audience checked (the library checks neither), users found through `OidcIdentity` on a
    stable claim, and groups kept in step with the provider's group claim."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend for each permission check: read nothing here.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or not provider.enabled() or "code" not in request.GET:
            return None
        found = provider.metadata()
        self.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = found["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = found["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        # The library's own get_user would keep a deactivated user's session alive.
        return ModelBackend.get_user(self, user_id)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token (OpenID Connect Core 1.0, 3.1.3.7)
            audiences = provider.claim_values(payload, "aud")
            client_id = settings.OIDC_RP_CLIENT_ID
            if str(payload.get("iss", "")).rstrip("/") != settings.INSYN_OIDC_ISSUER:
                raise SuspiciousOperation("ID token from another issuer.")
            if client_id not in audiences or (len(audiences) > 1 and payload.get("azp") != client_id):
                raise SuspiciousOperation("ID token for another client.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("Userinfo is about someone else than the ID token.")
        # What the signed ID token says wins (oid, groups, amr are often only there).
        return {**userinfo, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        subject = next(iter(provider.claim_values(claims, settings.INSYN_OIDC_USER_CLAIM)), "")
        if not subject:
            raise SuspiciousOperation(f"The claim {settings.INSYN_OIDC_USER_CLAIM} is missing.")
        username_claim = next(iter(provider.claim_values(claims, settings.INSYN_OIDC_USERNAME_CLAIM)), "")
        # For the failure log, should this login be refused.
        self.request.insyn_oidc_identity = username_claim or subject
        with transaction.atomic():
            identity = (
                OidcIdentity.objects.select_related("user")
                .filter(issuer=settings.INSYN_OIDC_ISSUER, subject=subject)
                .first()
            )
            if identity is None:
                user = self.existing_user(username_claim) or self.new_user(claims, username_claim)
                if user is None:
                    logger.info("OIDC login refused: %s has no Insyn account and none may be created.", subject)
                    return None
                identity = OidcIdentity.objects.create(user=user, issuer=settings.INSYN_OIDC_ISSUER, subject=subject)
            identity.last_login_at = timezone.now()
            identity.save(update_fields=["last_login_at"])
            user = identity.user
            self.keep_groups_in_step(user, claims)
        user.insyn_provider_mfa = provider.mfa_done(payload)
        return user

    def existing_user(self, username_claim):
        """With INSYN_OIDC_LINK_BY_USERNAME, the first login links the account whose username is
        the provider's username claim, unless that account is linked to someone else already."""
        if not (settings.INSYN_OIDC_LINK_BY_USERNAME and username_claim):
            return None
        return (
            self.UserModel._default_manager.filter(username=username_claim)
            .exclude(oidc_identities__issuer=settings.INSYN_OIDC_ISSUER)
            .first()
        )

    def new_user(self, claims, username_claim):
        """A new account with no role: only mapped groups, until the register or an admin gives one."""
        if not settings.INSYN_OIDC_CREATE_USERS:
            return None
        base = re.sub(r"[^\w.@+-]", "", username_claim or "")[:140] or "anvandare"
        username, n = base, 1
        while self.UserModel._default_manager.filter(username=username).exists():
            n += 1
            username = f"{base}-{n}"
        user = self.UserModel._default_manager.create_user(
            username,
            email=str(claims.get("email", ""))[:254],
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
        )
        return user

    def keep_groups_in_step(self, user, claims):
        mapping = provider.group_map()
        if not mapping:
            return
        member_of = set(provider.claim_values(claims, settings.INSYN_OIDC_GROUPS_CLAIM))
        wanted = {name for group_id, name in mapping.items() if group_id in member_of}
        groups = {group.name: group for group in Group.objects.filter(name__in=set(mapping.values()))}
        for name in set(mapping.values()) - set(groups):
            logger.warning("INSYN_OIDC_GROUP_MAP names the group %r, which does not exist in Insyn.", name)
        user.groups.add(*[group for name, group in groups.items() if name in wanted])
        user.groups.remove(*[group for name, group in groups.items() if name not in wanted])

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.users.models import UserProfile

from . import second_factor
from .forms import LanguageForm


@hooks.register("insyn_my_pages_sections")
def two_factor_section(request):
    """Everyone with a role may turn on the second factor for themselves; staff in the admin must
    have it. An account without a role yet keeps Mina sidor's empty state."""
    user = request.user
    enabled = second_factor.app_device(user) is not None
    if not (enabled or user.is_superuser or user.groups.exists()):
        return None
    return {
        "id": "tvastegsverifiering",
        "title": _("Tvåstegsverifiering"),
        "template": "accounts/my_pages_two_factor.html",
        "order": 950,
        "enabled": enabled,
        "required": second_factor.admin_user(user),
        "recovery_codes": second_factor.remaining_recovery_codes(user) if enabled else 0,
    }


@hooks.register("insyn_my_pages_sections")
def language_section(request):
    """Everyone with a role chooses the language of the mail Insyn sends them (Swedish until they
    choose). An account without a role gets no mail and keeps Mina sidor's empty state."""
    user = request.user
    if len(settings.LANGUAGES) < 2 or not (user.is_superuser or user.groups.exists()):
        return None
    chosen = UserProfile.objects.filter(user=request.user).values_list("preferred_language", flat=True).first()
    return {
        "id": "sprak",
        "title": _("Språk"),
        "template": "accounts/my_pages_language.html",
        "order": 940,
        "form": LanguageForm(initial={"language": chosen or settings.LANGUAGE_CODE}),
    }

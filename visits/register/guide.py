"""The guide for unit managers ("Så tar du emot kontaktpolitiker"): a page the editors write,
chosen in a site setting so that every mail to a manager and the manager's Mina sidor can
link to it without knowing its page type."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


@register_setting(icon="help")
class ManagerGuideSettings(BaseSiteSetting):
    manager_guide = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("guide för enhetschefer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Sidan som förklarar för enhetschefer hur de tar emot kontaktpolitiker. Den länkas från varje "
            "mejl till en enhetschef och från chefens Mina sidor."
        ),
    )

    panels = [FieldPanel("manager_guide")]

    class Meta:
        verbose_name = _("guide för enhetschefer")


def manager_guide():
    """(title, absolute url) of the live guide page of the default site, or None."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    page = ManagerGuideSettings.for_site(site).manager_guide
    if page is None or not page.live:
        return None
    url = page.get_url()
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return page.title, url


def manager_guide_paragraph():
    """The line every mail to a manager ends with, or "" when no guide is published."""
    guide = manager_guide()
    if guide is None:
        return ""
    title, url = guide
    return gettext("Som enhetschef: läs ”%(title)s”:") % {"title": title} + "\n" + url


def manager_guide_ending(for_manager):
    """The guide's lines at the end of a plain-text mail, when it goes to a manager; else ""."""
    paragraph = manager_guide_paragraph() if for_manager else ""
    return "\n" + paragraph + "\n" if paragraph else ""

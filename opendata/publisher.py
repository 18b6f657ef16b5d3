"""Who publishes: the municipality's name and the address data users can write to."""

from django.conf import settings
from wagtail.models import Site

from home.models import SiteSettings


def site_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


def contact_email(values=None):
    """INSYN_OPENDATA_CONTACT_EMAIL, else the site's contact address, else the sender address."""
    values = values or site_settings()
    return settings.INSYN_OPENDATA_CONTACT_EMAIL or values.contact_email or settings.DEFAULT_FROM_EMAIL

"""The sitemap lists the live, public pages of every language: the Swedish tree and its translations."""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class Sitemap(WagtailSitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.live().filter(translation_key=root.translation_key)
        in_a_tree = Q()
        for tree in roots:
            in_a_tree |= Q(path__startswith=tree.path)
        # An alias in another language shows the Swedish page's text: the Swedish page is listed instead.
        aliases = Q(alias_of__isnull=False) & ~Q(locale__language_code=settings.LANGUAGE_CODE)
        return (
            Page.objects.live().public().filter(in_a_tree).exclude(aliases)
            .order_by("path").defer_streamfields().specific()
        )

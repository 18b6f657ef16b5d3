import copy
from typing import NamedTuple

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import memo
from cms.translations import localize_pages, original_of

from ..blocks import RICH_TEXT_FEATURES, BodyBlock


class Shortcut(NamedTuple):
    title: str
    url: str
    search_description: str
    content_language: str


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    municipality_name = models.CharField(_("kommunens namn"), max_length=100, default="Kommunen")
    contact_email = models.EmailField(_("kontaktadress"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    postal_address = models.CharField(_("postadress"), max_length=200, blank=True)

    panels = [
        FieldPanel("municipality_name"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("postal_address")],
            heading=_("Kontakt i sidfoten"),
        ),
    ]

    class Meta:
        verbose_name = _("webbplatsinställningar")

    @classmethod
    def for_request(cls, request):
        """Every page's header and footer read these: kept per generation (cms/memo.py), so a
        change shows at the next request; each request gets its own copy."""
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = memo.site_for_request(request)
        site_settings = copy.copy(memo.shared(("site-settings", site.pk if site else None), lambda: cls.for_site(site)))
        site_settings._page_url_cache = {}
        site_settings._request = request
        setattr(request, attribute, site_settings)
        return site_settings


class HomePage(Page):
    intro = RichTextField(_("ingress"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startsida")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = memo.site_for_request(request)
        key = ("home-shortcuts", self.pk, site.pk if site else None, get_language())
        context["shortcuts"] = memo.shared(key, lambda: self.shortcuts(request))
        return context

    def shortcuts(self, request=None):
        """The Swedish home's live, public children in the menu, each in the visitor's language
        where it is translated, with their addresses worked out once."""
        children = original_of(self).get_children().live().public().in_menu().order_by("path")
        return [
            Shortcut(page.title, page.localized_url, page.search_description, page.content_language)
            for page in localize_pages(children, request)
        ]


class StandardPage(Page):
    intro = models.TextField(_("ingress"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standardsida")


class AccessibilityStatementPage(Page):
    """The statement the Swedish accessibility act (DOS-lagen) requires, with its fields."""

    class Compliance(models.TextChoices):
        FULL = "full", _("Helt förenlig med lagkraven")
        PARTIAL = "partial", _("Delvis förenlig med lagkraven")
        NONE = "none", _("Inte förenlig med lagkraven")

    class AssessmentMethod(models.TextChoices):
        SELF = "self", _("Egen granskning")
        EXTERNAL = "external", _("Extern granskning")

    intro = models.TextField(_("ingress"), blank=True)
    compliance = models.CharField(
        _("grad av förenlighet"), max_length=10, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    non_accessible_content = RichTextField(
        _("innehåll som inte är tillgängligt och varför"), features=RICH_TEXT_FEATURES, blank=True
    )
    disproportionate_burden = RichTextField(
        _("oskälig belastning"), features=RICH_TEXT_FEATURES, blank=True,
        help_text=_("Det som inte åtgärdas för att det skulle vara en oskälig belastning, och varför."),
    )
    assessment_method = models.CharField(
        _("hur webbplatsen granskats"), max_length=10, choices=AssessmentMethod.choices, default=AssessmentMethod.SELF
    )
    assessment_description = RichTextField(_("beskrivning av granskningen"), features=RICH_TEXT_FEATURES, blank=True)
    assessed_on = models.DateField(_("senast granskad"))
    statement_updated_on = models.DateField(_("redogörelsen senast uppdaterad"))
    report_problem = RichTextField(
        _("så rapporterar du brister"), features=RICH_TEXT_FEATURES,
        help_text=_("Hur besökare meddelar brister i tillgängligheten och ber om innehållet i annan form."),
    )
    report_email = models.EmailField(_("e-post för rapporter om brister"))
    report_phone = models.CharField(_("telefon för rapporter om brister"), max_length=40, blank=True)
    supervisory_authority_url = models.URLField(
        _("tillsynsmyndighetens anmälningsformulär"), default="https://www.digg.se/tdosanmalan"
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("non_accessible_content"), FieldPanel("disproportionate_burden")],
            heading=_("Förenlighet"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldPanel("assessment_description"),
                FieldPanel("assessed_on"),
                FieldPanel("statement_updated_on"),
            ],
            heading=_("Granskning"),
        ),
        MultiFieldPanel(
            [FieldPanel("report_problem"), FieldPanel("report_email"), FieldPanel("report_phone"), FieldPanel("supervisory_authority_url")],
            heading=_("Återkoppling och tillsyn"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("non_accessible_content")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")

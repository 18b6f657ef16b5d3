"""The public directory: which contact politicians a unit has, and a politician's units."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.page_views import page_view
from cms.translations import localized_url

from .models import ContactAssignment, MandatePeriod, Membership, Politician, Unit


class UnitIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1
    template = "visits/register/unit_index_page.html"

    UNITS_PER_PAGE = 50

    class Meta:
        verbose_name = _("enhetskatalog")

    @path("")
    def directory(self, request):
        return self.render(request, context_overrides=page_view(self, "directory_context", request))

    @path("politiker/<slug:slug>/")
    def politician(self, request, slug):
        period = MandatePeriod.objects.current()
        politician = Politician.objects.select_related("party").filter(slug=slug).first()
        if politician is None or period is None:
            raise Http404
        memberships = list(
            Membership.objects.current().filter(politician=politician).select_related("committee").order_by("committee__name")
        )
        if not memberships:
            raise Http404
        assignments = (
            ContactAssignment.objects.filter(politician=politician, period=period, unit__active=True)
            .select_related("unit__committee")
            .order_by("unit__name")
        )
        return self.render(
            request,
            template="visits/register/politician_page.html",
            context_overrides={
                "politician": politician,
                "bloc": politician.party.bloc_in(period),
                "memberships": memberships,
                "assignments": assignments,
                "period": period,
                "page_title": politician.full_name,
            },
        )

    @path("<slug:slug>/")
    def unit(self, request, slug):
        period = MandatePeriod.objects.current()
        unit = Unit.objects.active().with_contacts(period).filter(slug=slug).first()
        if unit is None:
            raise Http404
        return self.render(
            request,
            template="visits/register/unit_page.html",
            context_overrides={"unit": unit, "period": period, "page_title": unit.name},
        )

    def unit_url(self, unit):
        """The unit's page in the visitor's language."""
        return localized_url(self) + self.reverse_subpage("unit", kwargs={"slug": unit.slug})

    def politician_url(self, politician):
        return localized_url(self) + self.reverse_subpage("politician", kwargs={"slug": politician.slug})


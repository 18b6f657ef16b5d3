"""The programme page: one per mandate period, listing its sessions by year and month,
with one sub-page per session served through RoutablePageMixin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms import memo
from cms.page_views import page_view
from cms.translations import original_of


class TrainingProgrammePage(RoutablePageMixin, Page):
    # One programme page per period and language: a translation shares its original's period.
    period = models.ForeignKey(
        "visits.MandatePeriod",
        verbose_name=_("mandatperiod"),
        on_delete=models.PROTECT,
        related_name="training_programmes",
    )
    intro = RichTextField(_("ingress"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("period"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # The listing shows one programme year, this many sessions a page (`?ar=`, `?sida=`).
    SESSIONS_PER_PAGE = 20

    class Meta:
        verbose_name = _("utbildningsprogram")

    def clean(self):
        """One programme page per period and language (the locale lives on Wagtail's page table, so
        no database constraint can say it)."""
        super().clean()
        same = TrainingProgrammePage.objects.filter(period_id=self.period_id, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.period_id and same.exists():
            raise ValidationError({"period": _("Mandatperioden har redan ett utbildningsprogram.")})

    @path("")
    def index_route(self, request):
        context = self.get_context(request)
        context.update(page_view(self, "programme_context", request))
        return TemplateResponse(request, "training/training_programme_page.html", context)

    @re_path(r"^(?P<pk>\d+)-(?P<slug>[-\w]*)/$")
    def session_route(self, request, pk, slug):
        session = original_of(self).sessions.published().for_page().filter(pk=pk).first()
        if session is None:
            raise Http404
        if session.slug != slug:
            return redirect(session.get_url(request), permanent=True)
        context = self.get_context(request)
        context.update(page_view(session, "session_context", request))
        return TemplateResponse(request, "training/training_session.html", context)

    def year_of(self, day):
        """The programme year (1–4) that `day` falls in; before the period 1, after it 4."""
        starts_on = memo.shared(("programme-start", self.pk), lambda: self.period.starts_on)
        return min(max(day.year - starts_on.year + 1, 1), 4)

    def calendar_year(self, programme_year):
        starts_on = memo.shared(("programme-start", self.pk), lambda: self.period.starts_on)
        return starts_on.year + programme_year - 1

    def session_path(self, session):
        """Path of a session's page below this page (no query: url_path is on the row)."""
        return f"{session.pk}-{session.slug}/"

"""Governing documents (styrdokument): an index page, one page per document with the
metadata of the paper original, its decision history and a status derived from dates."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.page_views import page_view
from cms.translations import localize_pages, localized, original_of, originals

from ..governing_blocks import GoverningDocumentBodyBlock

# The seeds' own forms: "BIN 2021/53", "BUN 2026/123", "2015/0044", "KS.2011.184", "BN487-21 600":
# an optional registry prefix, then numbers joined by / . or -, and an optional filing code.
DEFAULT_DIARY_NUMBER_PATTERN = r"^(?:[A-ZÅÄÖ]{1,6}[ .]?)?\d{1,5}(?:[/.-]\d{1,5})+(?: \d{1,5})?$"
PREVIOUS_DEFAULT_PATTERNS = (r"^[A-ZÅÄÖ]{2,5} \d{4}/\d{1,5}$",)
DEFAULT_DIARY_NUMBER_EXAMPLE = "BUN 2026/123"


@register_setting(icon="doc-full")
class GoverningDocumentSettings(BaseSiteSetting):
    diary_number_pattern = models.CharField(
        _("mönster för diarienummer"),
        max_length=200,
        default=DEFAULT_DIARY_NUMBER_PATTERN,
        help_text=_(
            "Ett reguljärt uttryck som varje diarienummer ska följa. Standardmönstret godtar en "
            "förkortning (frivillig) följd av siffror med snedstreck, punkt eller bindestreck emellan, "
            "till exempel BUN 2026/123, 2015/0044, KS.2011.184 och BN487-21 600."
        ),
    )
    diary_number_example = models.CharField(
        _("exempel på diarienummer"),
        max_length=50,
        default=DEFAULT_DIARY_NUMBER_EXAMPLE,
        help_text=_("Visas i felmeddelandet när ett diarienummer inte följer mönstret."),
    )

    panels = [FieldPanel("diary_number_pattern"), FieldPanel("diary_number_example")]

    class Meta:
        verbose_name = _("inställningar för styrdokument")

    def clean(self):
        try:
            pattern = re.compile(self.diary_number_pattern)
        except re.error as error:
            raise ValidationError(
                {"diary_number_pattern": _("Mönstret går inte att använda: %(error)s") % {"error": error}}
            ) from error
        if not pattern.search(self.diary_number_example):
            raise ValidationError({"diary_number_example": _("Exemplet följer inte mönstret ovan.")})

    def validate_diary_number(self, value):
        if not re.search(self.diary_number_pattern, value or ""):
            raise ValidationError(
                _("Diarienumret ”%(value)s” har inte kommunens form. Skriv det till exempel så här: %(example)s."),
                code="diary_number",
                params={"value": value, "example": self.diary_number_example},
            )


# The names migration 0003 seeds: shown translated; a name an editor adds is shown as written.
SEEDED_TYPE_NAMES = [
    gettext_noop("Policy"), gettext_noop("Riktlinje"), gettext_noop("Reglemente"),
    gettext_noop("Program"), gettext_noop("Plan"), gettext_noop("Rutin"),
]


class GoverningDocumentType(models.Model):
    """The kinds of documents (policy, riktlinje, reglemente …); editors keep the list."""

    name = models.CharField(_("namn"), max_length=60, unique=True)
    slug = models.SlugField(_("kortnamn i adresser"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("dokumenttyp")
        verbose_name_plural = _("dokumenttyper")

    def __str__(self):
        return gettext(self.name) if self.name in SEEDED_TYPE_NAMES else self.name


class DocumentStatus(models.TextChoices):
    # The values appear in the index's address (?status=galler), so they are Swedish.
    UPCOMING = "kommande", _("Börjar gälla senare")
    IN_FORCE = "galler", _("Gäller")
    EXPIRED = "upphort", _("Har upphört att gälla")
    REPLACED = "ersatt", _("Ersatt av ett nyare dokument")


class GoverningDocumentQuerySet(PageQuerySet):
    def with_status(self, today=None):
        """Annotate `status`: the single definition the index filter and the page share."""
        today = today or timezone.localdate()
        successor_in_force = originals(GoverningDocumentPage.objects.filter(
            replaces=OuterRef("pk"), live=True, valid_from__lte=today
        ))
        return self.annotate(
            status=Case(
                When(Exists(successor_in_force), then=Value(DocumentStatus.REPLACED.value)),
                When(valid_from__gt=today, then=Value(DocumentStatus.UPCOMING.value)),
                When(valid_until__lt=today, then=Value(DocumentStatus.EXPIRED.value)),
                default=Value(DocumentStatus.IN_FORCE.value),
                output_field=models.CharField(),
            )
        )

    def for_listing(self, today=None):
        return (
            originals(self.live())
            .public()
            .with_status(today)
            .select_related("document_type", "adopted_by")
            .prefetch_related("decisions")
            .order_by("title", "pk")
        )

    def due_for_review(self, today=None, within_days=60):
        """Live documents still in use whose review date is within `within_days` or past."""
        today = today or timezone.localdate()
        return (
            originals(self.live())
            .with_status(today)
            .filter(
                next_review_on__isnull=False,
                next_review_on__lte=today + timedelta(days=within_days),
                status__in=[DocumentStatus.IN_FORCE, DocumentStatus.UPCOMING],
            )
            .select_related("adopted_by")
            .order_by("next_review_on", "title")
        )


GoverningDocumentManager = PageManager.from_queryset(GoverningDocumentQuerySet)


class GoverningDocumentIndexPage(Page):
    intro = models.TextField(_("ingress"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.GoverningDocumentPage"]
    max_count = 1
    DOCUMENTS_PER_PAGE = 25

    class Meta:
        verbose_name = _("styrdokument, översikt")

    def documents(self, document_type=None, adopted_by=None, status=DocumentStatus.IN_FORCE, today=None):
        documents = GoverningDocumentPage.objects.child_of(original_of(self)).for_listing(today)
        if document_type is not None:
            documents = documents.filter(document_type=document_type)
        if adopted_by is not None:
            documents = documents.filter(adopted_by=adopted_by)
        if status:
            documents = documents.filter(status=status)
        return documents

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_view(self, "listing_context", request))
        return context


class GoverningDocumentPageForm(WagtailAdminPageForm):
    """Checks the diary number against the pattern of the site the document belongs to."""

    def clean_diary_number(self):
        value = self.cleaned_data["diary_number"].strip()
        site = self.parent_page.get_site() if self.parent_page else None
        site = site or Site.objects.filter(is_default_site=True).first()
        GoverningDocumentSettings.for_site(site).validate_diary_number(value)
        return value

    def clean(self):
        cleaned = super().clean()
        replaces = cleaned.get("replaces")
        if replaces and self.instance.pk and replaces.pk == self.instance.pk:
            self.add_error("replaces", _("Ett dokument kan inte ersätta sig självt."))
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("Slutdatumet kan inte ligga före datumet då dokumentet börjar gälla."))
        return cleaned


class GoverningDocumentPage(Page):
    document_type = models.ForeignKey(
        GoverningDocumentType, verbose_name=_("dokumenttyp"), on_delete=models.PROTECT, related_name="documents"
    )
    summary = models.TextField(_("sammanfattning"), blank=True, max_length=600)
    diary_number = models.CharField(_("diarienummer"), max_length=50)
    created_by_name = models.CharField(_("upprättat av (namn)"), max_length=100)
    created_by_title = models.CharField(_("upprättat av (befattning)"), max_length=100)
    created_on = models.DateField(_("upprättat datum"))
    adopted_by = models.ForeignKey(
        "visits.Committee",
        verbose_name=_("antaget av"),
        on_delete=models.PROTECT,
        related_name="governing_documents",
    )
    adopted_on = models.DateField(_("antaget datum"))
    adopted_paragraph = models.CharField(
        _("paragraf"), max_length=20, blank=True,
        help_text=_("Paragrafen i protokollet, till exempel § 23. Lämna tomt om beslutet saknar paragraf."),
    )
    valid_from = models.DateField(_("gäller från"))
    valid_until = models.DateField(_("gäller till och med"), null=True, blank=True, help_text=_("Lämna tomt om dokumentet gäller tills vidare."))
    next_review_on = models.DateField(_("nästa revidering senast"), null=True, blank=True)
    owner_role = models.CharField(
        _("dokumentansvarig"),
        max_length=150,
        help_text=_("En befattning eller funktion, inte en person, till exempel Nämndsekreterare, bildningsförvaltningen."),
    )
    owner_email = models.EmailField(
        _("dokumentansvarigs funktionsadress"),
        help_text=_("Funktionsbrevlåda som får påminnelse om revidering, till exempel bildning@kommunen.se."),
    )
    kept_at = models.CharField(
        _("förvaras"), max_length=150, blank=True, help_text=_("Var det undertecknade originalet förvaras, till exempel Kommunarkivet.")
    )
    signed_original = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("undertecknat original"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("ersätter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text=_("Det äldre styrdokument som det här ersätter."),
    )
    body = StreamField(GoverningDocumentBodyBlock(), verbose_name=_("innehåll"), blank=True)

    objects = GoverningDocumentManager()
    base_form_class = GoverningDocumentPageForm

    content_panels = Page.content_panels + [
        FieldPanel("document_type"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("signed_original"),
    ]
    metadata_panels = [
        MultiFieldPanel(
            [FieldPanel("diary_number"), FieldRowPanel([FieldPanel("created_by_name"), FieldPanel("created_by_title")]), FieldPanel("created_on")],
            heading=_("Upprättande"),
        ),
        MultiFieldPanel(
            [FieldPanel("adopted_by"), FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("adopted_paragraph")])],
            heading=_("Beslut"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]), FieldPanel("next_review_on"), FieldPanel("replaces")],
            heading=_("Giltighet"),
        ),
        MultiFieldPanel(
            [FieldPanel("owner_role"), FieldPanel("owner_email"), FieldPanel("kept_at")], heading=_("Ansvar och förvaring")
        ),
        InlinePanel("decisions", heading=_("Revideringar"), label=_("Revidering")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Innehåll")),
            ObjectList(metadata_panels, heading=_("Uppgifter om dokumentet")),
            ObjectList(Page.promote_panels, heading=_("Marknadsföring")),
            ObjectList(Page.settings_panels, heading=_("Inställningar")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("diary_number"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.GoverningDocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = pgettext_lazy("flertal", "styrdokument")

    @property
    def last_revised_on(self):
        """Derived from the decision history, so it is never typed twice."""
        return max((decision.decided_on for decision in self.decisions.all()), default=None)

    def current_status(self, today=None):
        """The annotated status when listed, otherwise the same query for this page (for a
        translation: its Swedish original's)."""
        if getattr(self, "status", None):
            return self.status
        if self.pk is None:
            return None
        pk = original_of(self).pk
        return GoverningDocumentPage.objects.filter(pk=pk).with_status(today).values_list("status", flat=True).first()

    def get_status_display(self):
        status = self.current_status()
        return DocumentStatus(status).label if status else ""

    def get_context(self, request, *args, **kwargs):
        """A translation carries the title, summary and body; the document itself (its metadata,
        status and decisions) is always the Swedish original's, so the two never disagree."""
        context = super().get_context(request, *args, **kwargs)
        document = original_of(self) if self.pk else self
        context["document"] = document
        # Kept on the page, so get_status_display in the template asks no second time.
        self.status = document.status = context["status"] = document.current_status()
        context["statuses"] = DocumentStatus
        context["decisions"] = sorted(
            document.decisions.select_related("decided_by"), key=lambda decision: decision.decided_on
        )
        context["replaced_by"] = localize_pages(
            originals(GoverningDocumentPage.objects.live().filter(replaces=document)).order_by("-valid_from"), request
        ) if document.pk else []
        replaces = document.replaces if document.replaces_id and document.replaces.live else None
        context["replaces"] = localized(replaces) if replaces else None
        return context



class GoverningDocumentDecision(Orderable):
    """One revision of a document: when, by which body, under which paragraph and what changed."""

    page = ParentalKey(GoverningDocumentPage, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField(_("beslutsdatum"))
    decided_by = models.ForeignKey(
        "visits.Committee", verbose_name=_("beslutande organ"), on_delete=models.PROTECT, related_name="+"
    )
    paragraph = models.CharField(
        _("paragraf"), max_length=20, blank=True, help_text=_("Till exempel § 88. Frivilligt.")
    )
    change = models.TextField(_("vad som ändrades"), max_length=1000)

    panels = [
        FieldRowPanel([FieldPanel("decided_on"), FieldPanel("decided_by"), FieldPanel("paragraph")]),
        FieldPanel("change"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("revidering")
        verbose_name_plural = _("revideringar")


class GoverningDocumentReviewReminder(models.Model):
    """A reminder queued for one document and one review date, so it is sent only once."""

    page = models.ForeignKey(GoverningDocumentPage, on_delete=models.CASCADE, related_name="review_reminders")
    review_on = models.DateField(_("revideringsdatum"))
    recipient = models.EmailField(_("mottagare"))
    queued_at = models.DateTimeField(_("köad"), default=timezone.now)

    class Meta:
        verbose_name = _("påminnelse om revidering")
        verbose_name_plural = _("påminnelser om revidering")
        constraints = [
            models.UniqueConstraint(fields=["page", "review_on"], name="one_review_reminder_per_document_and_date")
        ]

    def __str__(self):
        return f"{self.page} {self.review_on}"

"""Documents a unit manager attaches to the unit before its presidium visit (seed 001: goals
through the activity plan, budget through the latest follow-up, quality through user surveys).

They are not published: they are read where the visit is prepared, by those who may see it
(see visits.requests.eligibility.may_read_unit_documents), and served through a checked view.
Files get a random name, so a path under MEDIA_ROOT cannot be guessed. A newer document of the
same kind stands in for the older one; nothing is changed or deleted."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Unit


def document_path(instance, filename):
    return f"enhetsdokument/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


class UnitDocumentQuerySet(models.QuerySet):
    def latest_per_kind(self, unit):
        """The newest document of each kind for `unit`, in the order of the kinds."""
        newest = self.filter(unit=unit).values("kind").annotate(last=Max("pk")).values("last")
        documents = {doc.kind: doc for doc in self.filter(pk__in=newest).select_related("uploaded_by")}
        return [documents[kind] for kind in UnitDocument.Kind.values if kind in documents]


class UnitDocument(models.Model):
    class Kind(models.TextChoices):
        ACTIVITY_PLAN = "activity_plan", _("aktivitetsplan")
        BUDGET_FOLLOW_UP = "budget_follow_up", _("budgetuppföljning")
        USER_SURVEY = "user_survey", _("brukarundersökning")

    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("slags dokument"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    file = models.FileField(_("fil (PDF)"), upload_to=document_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bifogad av"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("bifogad"), default=timezone.now)

    objects = UnitDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("dokument om enheten")
        verbose_name_plural = _("dokument om enheten")

    def __str__(self):
        return f"{self.get_kind_display().capitalize()}: {self.title}"

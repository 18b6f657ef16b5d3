"""Parties and the bloc (majority or opposition) each belongs to in a mandate period: the
balance rule and the directory read them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .base import Stamped


class Party(Stamped, ClusterableModel):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    abbreviation = models.CharField(_("förkortning"), max_length=10, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("parti")
        verbose_name_plural = _("partier")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"

    def bloc_in(self, period):
        """The party's bloc in a period (or period id); reads prefetched `period_blocs` when present."""
        period_id = getattr(period, "pk", period)
        blocs = getattr(self, "period_blocs", None)
        if blocs is None:
            blocs = list(self.blocs.filter(period_id=period_id))
        for party_bloc in blocs:
            if party_bloc.period_id == period_id:
                return party_bloc.bloc
        return None


class PartyBloc(models.Model):
    class Bloc(models.TextChoices):
        MAJORITY = "majority", _("majoritet")
        OPPOSITION = "opposition", _("opposition")

    party = ParentalKey(Party, verbose_name=_("parti"), on_delete=models.CASCADE, related_name="blocs")
    period = models.ForeignKey(
        "visits.MandatePeriod", verbose_name=_("mandatperiod"), on_delete=models.CASCADE, related_name="party_blocs"
    )
    bloc = models.CharField(_("block"), max_length=20, choices=Bloc.choices)

    class Meta:
        ordering = ["period__starts_on", "party__name"]
        verbose_name = _("partiets block")
        verbose_name_plural = _("partiernas block")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "period"],
                name="one_bloc_per_party_and_period",
                violation_error_message=_("Partiet har redan ett block för den mandatperioden."),
            )
        ]

    def __str__(self):
        return f"{self.party.abbreviation} {self.period}: {self.get_bloc_display()}"

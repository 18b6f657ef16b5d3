from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Committee, MandatePeriod, Unit


class DirectoryFilterForm(forms.Form):
    """The public directory's GET parameters; anything else gives a Swedish message."""

    q = forms.CharField(
        label=_("Sök enhet"),
        required=False,
        max_length=100,
        help_text=_("Skriv hela eller en del av namnet, till exempel ”Björk”."),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    typ = forms.ChoiceField(
        label=_("Typ av verksamhet"),
        required=False,
        choices=[("", _("Alla typer"))] + list(Unit.Kind.choices),
        error_messages={"invalid_choice": _("Det finns ingen verksamhetstyp som heter ”%(value)s”.")},
    )
    namnd = forms.ModelChoiceField(
        label=_("Nämnd"),
        required=False,
        queryset=Committee.objects.filter(units__active=True).distinct().order_by("name"),
        to_field_name="slug",
        empty_label=_("Alla nämnder"),
        error_messages={"invalid_choice": _("Det finns ingen nämnd med det namnet. Välj en i listan.")},
    )

    def filter(self, units):
        """Narrows a Unit queryset by the valid parameters; call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        if data.get("q"):
            units = units.filter(name__icontains=data["q"].strip())
        if data.get("typ"):
            units = units.filter(kind=data["typ"])
        if data.get("namnd"):
            units = units.filter(committee=data["namnd"])
        return units


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil att importera"),
        help_text=_("XLSX med bladen enheter, politiker, uppdrag och kontaktpolitiker, eller en CSV-fil med en av listorna."),
        error_messages={"required": _("Välj en fil."), "empty": _("Filen är tom.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Välj en fil som slutar på .xlsx eller .csv."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        return upload


class ExportForm(forms.Form):
    lista = forms.ChoiceField(
        label=_("Lista (för CSV)"),
        required=False,
        initial="enheter",
        choices=[("enheter", _("Enheter")), ("politiker", _("Politiker")), ("uppdrag", _("Uppdrag i nämnder")),
                 ("kontaktpolitiker", _("Kontaktpolitiker"))],
        error_messages={"invalid_choice": _("Det finns ingen lista som heter ”%(value)s”.")},
    )
    period = forms.ModelChoiceField(
        label=_("Mandatperiod"),
        required=False,
        queryset=MandatePeriod.objects.all(),
        empty_label=_("Alla mandatperioder"),
        error_messages={"invalid_choice": _("Välj en mandatperiod i listan.")},
    )

    def clean_lista(self):
        return self.cleaned_data["lista"] or "enheter"


class PeriodCopyForm(forms.Form):
    """Which mandate period to copy into which; the new one must start after the old ends."""

    fran = forms.ModelChoiceField(
        label=_("Kopiera från"),
        queryset=MandatePeriod.objects.all(),
        error_messages={"required": _("Välj perioden som kopieras."), "invalid_choice": _("Välj en mandatperiod i listan.")},
    )
    till = forms.ModelChoiceField(
        label=_("Till den nya perioden"),
        queryset=MandatePeriod.objects.all(),
        help_text=_("Skapa den nya mandatperioden under Register först."),
        error_messages={"required": _("Välj den nya perioden."), "invalid_choice": _("Välj en mandatperiod i listan.")},
    )

    def clean(self):
        data = super().clean()
        source, target = data.get("fran"), data.get("till")
        if source and target and target.starts_on <= source.ends_on:
            raise forms.ValidationError(_("Den nya perioden måste börja efter att den gamla har slutat."))
        return data


class CopyChoiceForm(forms.Form):
    """The memberships and assignments the administration confirms for the new period."""

    uppdrag = forms.TypedMultipleChoiceField(label=_("Uppdrag i nämnder"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple)
    kontaktpolitiker = forms.TypedMultipleChoiceField(label=_("Kontaktpolitiker"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uppdrag"].choices = [
            (m.pk, f"{m.politician.full_name} ({m.politician.party.abbreviation}), {m.get_role_display()}, {m.committee.short_name}")
            for m in plan.memberships
        ]
        self.fields["kontaktpolitiker"].choices = [
            (a.pk, f"{a.unit.name}: {a.politician.full_name} ({a.politician.party.abbreviation})") for a in plan.assignments
        ]
        self.fields["uppdrag"].initial = [m.pk for m in plan.memberships]
        self.fields["kontaktpolitiker"].initial = [a.pk for a in plan.assignments]

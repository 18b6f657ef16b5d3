"""Forms for recording activities. They parse and validate the input; Activity.record decides."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import IdMultipleChoiceField, SingleLineField
from visits.register.models import Politician

from .models import assignments_in_year

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityForm(forms.Form):
    held_on = forms.DateField(
        label=_("Datum"),
        widget=DATE_WIDGET,
        input_formats=["%Y-%m-%d"],
        help_text=_("Dagen då aktiviteten ägde rum, till exempel 2026-11-12."),
        error_messages={"required": _("Ange datum."), "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )
    description = SingleLineField(
        label=_("Vad"),
        max_length=200,
        help_text=_("En rad, till exempel ”Föräldramöte”, ”Skolavslutning” eller ”Möte med rektor om budgeten”."),
        error_messages={"required": _("Skriv kort vad aktiviteten var."),
                        "max_length": _("Skriv högst %(limit_value)d tecken.")},
    )
    politicians = IdMultipleChoiceField(
        label=_("Kontaktpolitiker som deltog"),
        queryset=Politician.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en kontaktpolitiker."),
                        "invalid_choice": _("Välj bland enhetens kontaktpolitiker."),
                        "invalid_pk_value": _("Välj bland enhetens kontaktpolitiker.")},
    )

    def __init__(self, *args, unit, as_manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        today = timezone.localdate()
        self.fields["held_on"].initial = today
        self.fields["held_on"].widget.attrs["max"] = today.isoformat()
        if as_manager:
            ids = assignments_in_year(today.year).filter(unit=unit).values("politician_id")
            self.fields["politicians"].queryset = (
                Politician.objects.filter(pk__in=ids).select_related("party").order_by("last_name", "first_name")
            )
        else:
            del self.fields["politicians"]


class YearForm(forms.Form):
    """`?ar=` on the overview: which calendar year to count."""

    ar = forms.IntegerField(
        label=_("År"), min_value=2000, max_value=2100, required=False,
        error_messages={"invalid": _("Ange ett år med fyra siffror."), "min_value": _("Ange ett år från 2000."),
                        "max_value": _("Ange ett år före 2100.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ar"].initial = timezone.localdate().year

    def year(self):
        if self.is_valid() and self.cleaned_data["ar"]:
            return self.cleaned_data["ar"]
        return timezone.localdate().year

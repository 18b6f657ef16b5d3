"""The filters of /rapporter/ and the admin summary's choices."""

from django import forms
from django.utils.translation import gettext_lazy

from visits.register.models import Committee, MandatePeriod, Politician, Unit
from visits.requests.models import VisitRequest

from .models import VisitReport


class ReportFilterForm(forms.Form):
    """The filters of /rapporter/; every value is checked, errors are Swedish."""

    enhet = forms.ModelChoiceField(
        queryset=Unit.objects.order_by("name"), required=False, to_field_name="slug", label=gettext_lazy("Enhet"),
        empty_label=gettext_lazy("Alla enheter"),
        error_messages={"invalid_choice": gettext_lazy("Välj en enhet i listan.")},
    )
    period = forms.ModelChoiceField(
        queryset=MandatePeriod.objects.order_by("-starts_on"), required=False, label=gettext_lazy("Mandatperiod"),
        empty_label=gettext_lazy("Alla perioder"),
        error_messages={"invalid_choice": gettext_lazy("Välj en mandatperiod i listan.")},
    )
    forfattare = forms.ModelChoiceField(
        queryset=Politician.objects.filter(visit_reports__state=VisitReport.State.SUBMITTED).distinct()
        .select_related("party").order_by("last_name", "first_name"),
        required=False, to_field_name="slug", label=gettext_lazy("Skriven av"), empty_label=gettext_lazy("Alla"),
        error_messages={"invalid_choice": gettext_lazy("Välj en politiker i listan.")},
    )
    typ = forms.ChoiceField(
        choices=[("", gettext_lazy("Alla slags besök"))] + list(VisitRequest.Kind.choices), required=False,
        label=gettext_lazy("Slags besök"),
        error_messages={"invalid_choice": gettext_lazy("Välj ett slags besök i listan.")},
    )

    def filter(self, reports):
        data = self.cleaned_data
        if data.get("enhet"):
            reports = reports.filter(visit__unit=data["enhet"])
        if data.get("period"):
            period = data["period"]
            reports = reports.filter(visit__starts_at__date__gte=period.starts_on,
                                     visit__starts_at__date__lte=period.ends_on)
        if data.get("forfattare"):
            reports = reports.filter(author=data["forfattare"])
        if data.get("typ"):
            reports = reports.filter(visit__kind=data["typ"])
        return reports


class SummaryForm(forms.Form):
    """The admin summary's choices: a committee (or all), a year and the output format."""

    namnd = forms.ModelChoiceField(
        queryset=Committee.objects.order_by("name"), required=False, label=gettext_lazy("Nämnd"),
        empty_label=gettext_lazy("Alla nämnder"),
        error_messages={"invalid_choice": gettext_lazy("Välj en nämnd i listan.")},
    )
    ar = forms.IntegerField(
        label=gettext_lazy("År"), min_value=2000, max_value=2100,
        error_messages={"invalid": gettext_lazy("Ange ett år med fyra siffror."),
                        "min_value": gettext_lazy("Ange ett år från 2000."),
                        "max_value": gettext_lazy("Ange ett år före 2100."),
                        "required": gettext_lazy("Ange ett år.")},
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Visa som"), required=False, initial="html",
        choices=[("html", gettext_lazy("Tabell här")), ("xlsx", "Excel (XLSX)"), ("csv", "CSV")],
        error_messages={"invalid_choice": gettext_lazy("Välj tabell, XLSX eller CSV.")},
    )

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if committees is not None:
            # A head of administration chooses among the committees of their administration.
            field = self.fields["namnd"]
            field.queryset, field.required, field.empty_label = committees, True, None
            field.initial = committees.first()
            field.error_messages["required"] = gettext_lazy("Välj en nämnd.")

"""Forms for public feedback: the fixed part of the public form (editors add their own
questions through the form builder) and the manager's answer and close forms."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from visits.register.models import Unit

from .models import FeedbackSubmission

TEXT_MAX = 5000


class FeedbackBaseForm(BaseForm):
    enhet = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.active().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Ingen särskild enhet"),
        help_text=_("Välj förskolan, skolan eller verksamheten det gäller, om det gäller någon."),
        error_messages={"invalid_choice": _("Välj en enhet i listan.")},
    )
    typ = forms.ChoiceField(
        label=_("Vad vill du lämna?"),
        choices=FeedbackSubmission.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad du vill lämna."), "invalid_choice": _("Välj ett av alternativen.")},
    )
    text = forms.CharField(
        label=_("Din synpunkt"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Skriv din synpunkt."),
            "max_length": _("Texten får vara högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )
    namn = forms.CharField(label=_("Namn (frivilligt)"), max_length=200, required=False)
    kontakt = forms.EmailField(
        label=_("E-post för svar (frivilligt)"),
        required=False,
        help_text=_("Fyll i om du vill ha svar. Adressen används bara för att svara dig."),
        error_messages={"invalid": _("Skriv en giltig e-postadress, till exempel namn@exempel.se.")},
    )
    # A field people never see (hidden with CSS and from assistive technology); bots fill it in.
    webbplats = forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    fixed_first = ["enhet", "typ", "text"]
    fixed_last = ["namn", "kontakt", "webbplats"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extra = [name for name in self.fields if name not in self.fixed_first + self.fixed_last]
        self.order_fields(self.fixed_first + extra + self.fixed_last)

    def is_bot(self):
        return bool(self.data.get(self.add_prefix("webbplats"), "").strip())

    def extra_fields(self):
        return [self[name] for name in self.fields if name not in self.fixed_first + self.fixed_last]


def feedback_form_class(form_fields):
    """The public form: the fixed fields plus the questions editors added to the page."""
    builder = FormBuilder(form_fields)
    extra = {name: field for name, field in builder.formfields.items() if name not in FeedbackBaseForm.base_fields}
    return type("FeedbackForm", (FeedbackBaseForm,), extra)


class UnitParameterForm(forms.Form):
    """Validates `?enhet=<slug>` from a unit page link."""

    enhet = forms.SlugField(max_length=120, required=False)

    def unit(self):
        if not self.is_valid() or not self.cleaned_data["enhet"]:
            return None
        return Unit.objects.active().filter(slug=self.cleaned_data["enhet"]).first()

    def unknown(self):
        raw = self.data.get("enhet", "")
        return bool(raw) and self.unit() is None


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Svar"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Svaret skickas med e-post till den som lämnade synpunkten, om hen angav en adress."),
        error_messages={"required": _("Skriv ett svar.")},
    )


class FeedbackFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + list(FeedbackSubmission.State.choices),
    )

    def filter(self, items):
        if self.is_valid() and self.cleaned_data["state"]:
            return items.filter(state=self.cleaned_data["state"])
        return items


class StatisticsFilterForm(forms.Form):
    """Narrows the feedback statistics; a bad value is ignored, never an error page."""

    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    committee = forms.ModelChoiceField(
        label=_("Nämnd"), required=False, queryset=None, empty_label=_("Alla nämnder")
    )
    unit = forms.ModelChoiceField(label=_("Enhet"), required=False, queryset=None, empty_label=_("Alla enheter"))

    def __init__(self, *args, **kwargs):
        from django.db.models.functions import ExtractYear

        from visits.register.models import Committee

        super().__init__(*args, **kwargs)
        years = (
            FeedbackSubmission.objects.annotate(y=ExtractYear("submit_time"))
            .values_list("y", flat=True).distinct().order_by("-y")
        )
        self.fields["year"].choices = [("", _("Alla år"))] + [(year, str(year)) for year in years]
        self.fields["committee"].queryset = Committee.objects.filter(units__isnull=False).distinct().order_by("name")
        self.fields["unit"].queryset = Unit.objects.order_by("name")

    def statistics_kwargs(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}

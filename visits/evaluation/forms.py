"""The secretary's sending form and the form builder of the questionnaire."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

from visits.register.models import Committee

from .models import EvaluationFormPage

ANSWER_MAX_LENGTH = 4000


class EvaluationFormBuilder(FormBuilder):
    """Wagtail's builder with a length limit on free text and Swedish messages."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {"required": _("Svara på frågan."), "invalid_choice": _("Välj ett av svaren."),
                                     "invalid": _("Svaret har fel form.")}
        return options

    def create_multiline_field(self, field, options):
        options["max_length"] = ANSWER_MAX_LENGTH
        options["error_messages"]["max_length"] = _("Skriv högst %(limit_value)d tecken.")
        return super().create_multiline_field(field, options)

    def create_singleline_field(self, field, options):
        options["error_messages"]["max_length"] = _("Skriv högst %(limit_value)d tecken.")
        return super().create_singleline_field(field, options)


class SendEvaluationForm(forms.Form):
    namnd = forms.ModelChoiceField(
        label=_("Nämnd"), queryset=Committee.objects.filter(units__active=True).distinct().order_by("name"),
        error_messages={"required": _("Välj nämnd."), "invalid_choice": _("Välj en nämnd i listan.")},
    )
    ar = forms.IntegerField(
        label=_("År"), min_value=2000, max_value=2100,
        help_text=_("Året som utvärderas. Enkäten går till kontaktpolitikerna och enhetscheferna det året."),
        error_messages={"required": _("Ange ett år."), "invalid": _("Ange ett år med fyra siffror."),
                        "min_value": _("Ange ett år från 2000."), "max_value": _("Ange ett år före 2100.")},
    )
    enkat = forms.ModelChoiceField(
        label=_("Enkät"), queryset=EvaluationFormPage.objects.live().order_by("title"),
        error_messages={"required": _("Välj enkät."), "invalid_choice": _("Välj en publicerad enkät i listan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ar"].initial = timezone.localdate().year
        pages = list(self.fields["enkat"].queryset)
        if len(pages) == 1:
            self.fields["enkat"].initial = pages[0].pk

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.forms import IdMultipleChoiceField, LocalDateTimeField

from .models import Audience


class ProgrammeFilterForm(forms.Form):
    """The GET filters of the programme page and its programme year (`ar`, 1–4). Invalid
    values give an error, never a 500."""

    ar = forms.TypedChoiceField(
        label=_("Programår"), required=False, coerce=int, empty_value=None,
        choices=[(year, year) for year in range(1, 5)],
        error_messages={"invalid_choice": _("Programåret är 1, 2, 3 eller 4.")},
    )
    malgrupp = forms.ChoiceField(label=_("Målgrupp"), required=False)
    ansvarig = forms.ChoiceField(label=_("Ansvarig"), required=False)
    mina = forms.BooleanField(label=_("Bara tillfällen för mig"), required=False)

    def __init__(self, data, bodies, participant=None):
        super().__init__(data)
        self.fields["malgrupp"].choices = [("", _("Alla målgrupper")), *Audience.choices]
        self.fields["ansvarig"].choices = [("", _("Alla ansvariga")), *[(body.slug, body.name) for body in bodies]]
        self.fields["malgrupp"].error_messages["invalid_choice"] = _("Välj en av målgrupperna i listan.")
        self.fields["ansvarig"].error_messages["invalid_choice"] = _("Välj en av de ansvariga i listan.")
        self.bodies = {body.slug: body for body in bodies}
        if not participant:
            del self.fields["mina"]

    def clean_ansvarig(self):
        slug = self.cleaned_data["ansvarig"]
        return self.bodies.get(slug) if slug else None


class TrainingSessionAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "audience_committees" in self.fields:
            # The generated field with its widget and queryset, plus the id range check (a 500 otherwise).
            self.fields["audience_committees"].__class__ = IdMultipleChoiceField
        for name in ("starts_at", "ends_at", "signup_deadline"):
            if name in self.fields:
                # A time the clock skips or repeats is refused with the reason (the feed could not say which instant).
                self.fields[name].__class__ = LocalDateTimeField

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.COMMITTEES and not cleaned.get("audience_committees"):
            self.add_error("audience_committees", ValidationError(_("Välj minst en nämnd för målgruppen.")))
        return cleaned


class AttendanceForm(forms.Form):
    """One checkbox per sign-up: `narvaro-<signup id>`; anything else is ignored."""

    def __init__(self, *args, signups, **kwargs):
        super().__init__(*args, **kwargs)
        self.signups = list(signups)
        for signup in self.signups:
            self.fields[f"narvaro-{signup.pk}"] = forms.BooleanField(
                label=signup.participant_name, required=False, initial=bool(signup.attended)
            )

    def attendance(self):
        return {signup: self.cleaned_data[f"narvaro-{signup.pk}"] for signup in self.signups}

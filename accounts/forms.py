from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.languages import KNOWN


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kod"),
        max_length=40,
        help_text=_("Sex siffror från autentiseringsappen, eller en av dina reservkoder."),
        error_messages={"required": _("Skriv koden."), "max_length": _("Koden är för lång.")},
    )

    def __init__(self, *args, app_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if app_only:
            self.fields["code"].help_text = _("De sex siffror som autentiseringsappen visar just nu.")
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        )
        if app_only:
            self.fields["code"].widget.attrs.update({"inputmode": "numeric"})

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class LanguageSelect(forms.Select):
    """Each language is named in itself, so each option says which language it is written in."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value:
            option["attrs"]["lang"] = value
        return option


class LanguageForm(forms.Form):
    """The language of the mail Insyn sends the user (Wagtail's preferred language, which is also
    the admin's language for those who work there)."""

    language = forms.ChoiceField(
        label=_("Språk i e-post från Insyn"),
        widget=LanguageSelect,
        help_text=_("Besked om besök, rapporter, synpunkter och utbildningar kommer på det här språket."),
        error_messages={"invalid_choice": _("Välj ett av språken i listan."), "required": _("Välj ett språk.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, KNOWN[code][2]) for code, _name in settings.LANGUAGES]

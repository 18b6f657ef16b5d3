from django import forms
from django.utils.translation import gettext_lazy as _


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

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts import provider


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Sök på webbplatsen"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )

    def clean_q(self):
        # The full-text engines give quotes, stars and brackets a syntax of their own; an
        # unbalanced quote is a database error. Search for the words only.
        return " ".join(re.sub(r"[^\w\s-]", " ", self.cleaned_data["q"]).split())


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    password = forms.CharField(label=_("Lösenord"), strip=False, widget=forms.PasswordInput)

    error_messages = {
        "invalid_login": _(
            "Användarnamnet eller lösenordet stämmer inte. Tänk på att det spelar roll om du skriver stora eller små bokstäver."
        ),
        "inactive": _("Kontot är inte aktivt. Kontakta nämndsekreteraren."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if not provider.password_login_for_all():
            self.error_messages = {**self.error_messages, "invalid_login": _(
                "Användarnamnet eller lösenordet stämmer inte, eller så ska ditt konto logga in med kommunens konto."
            )}
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

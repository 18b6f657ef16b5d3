"""The manager's newsletter form, with the PDF attachment checked before anything is stored."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.forms import SingleLineField
from visits.register.models import Unit

from .models import Newsletter


def validate_pdf(upload):
    if upload.size > Newsletter.MAX_PDF_BYTES:
        raise ValidationError(gettext("Filen är för stor. En bilaga får vara högst 10 MB."))
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError(gettext("Bilagan måste vara en PDF-fil (filnamnet ska sluta på .pdf)."))
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(gettext("Filen är inte en PDF. Spara dokumentet som PDF och försök igen."))


class NewsletterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.none(),
        to_field_name="slug",
        error_messages={"required": _("Välj enhet."), "invalid_choice": _("Välj en av de enheter du är chef för.")},
    )
    # One line: the title is the mail subject, where a line break stops delivery.
    title = SingleLineField(
        label=_("Rubrik"), max_length=200, error_messages={"required": _("Skriv en rubrik.")}
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Texten skickas med e-post och visas på mottagarnas Mina sidor."),
        error_messages={"required": _("Skriv brevets text.")},
    )
    pdf = forms.FileField(
        label=_("Bilaga som PDF (frivilligt)"),
        required=False,
        help_text=_("Högst 10 MB."),
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"empty": _("Filen är tom."), "invalid": _("Välj en fil.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.managed_by(user).active().order_by("name")
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0].slug

    def send(self, author):
        data = self.cleaned_data
        return Newsletter.send(data["unit"], author, data["title"], data["text"], pdf=data.get("pdf"))

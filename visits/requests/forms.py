"""Forms for visit requests on Mina sidor. They parse and validate; the model decides."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import IdMultipleChoiceField
from visits.register.models import Politician

from .models import PAID_HOURS_MAX, VisitRequest, fellow_contacts, is_presidium_member, paid_visits_left, would_be_paid

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
REQUIRED = {"required": _("Fyll i fältet.")}


class VisitRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Typ av besök"),
        choices=VisitRequest.Kind.choices,
        initial=VisitRequest.Kind.CONTACT,
        error_messages={"invalid_choice": _("Välj kontaktpolitikerbesök eller presidiebesök."), **REQUIRED},
    )
    wished_times = forms.CharField(
        label=_("Önskade datum eller perioder"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel ”vecka 12, gärna förmiddag” eller ”15 eller 22 april”. Enheten bestämmer tiden."),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken."), **REQUIRED},
    )
    purpose = forms.CharField(
        label=_("Syfte med besöket"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vad vill du se och prata om? Skriv inga uppgifter om enskilda barn, elever eller boende."),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken."), **REQUIRED},
    )
    companions = IdMultipleChoiceField(
        label=_("Följer med"),
        queryset=Politician.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Enhetens andra kontaktpolitiker som vill följa med."),
        error_messages={"invalid_choice": _("Välj bland enhetens kontaktpolitiker."),
                        "invalid_pk_value": _("Välj bland enhetens kontaktpolitiker.")},
    )
    year = forms.TypedChoiceField(
        label=_("År"),
        coerce=int,
        help_text=_("Kalenderåret besöket ska göras. Arvodet räknas per år."),
        error_messages={"invalid_choice": _("Välj i år eller nästa år."), **REQUIRED},
    )
    hours = forms.DecimalField(
        label=_("Beräknad längd i timmar"),
        initial=PAID_HOURS_MAX,
        min_value=Decimal("0.5"),
        max_value=Decimal("24"),
        max_digits=3,
        decimal_places=1,
        help_text=_("Ett besök är ungefär tre timmar. Längre besök arvoderas inte."),
        error_messages={
            "invalid": _("Skriv ett antal timmar, till exempel 3 eller 2,5."),
            "min_value": _("Ett besök är minst en halvtimme."),
            "max_value": _("Ett besök är högst 24 timmar."),
            "max_digits": _("Skriv ett antal timmar, till exempel 3 eller 2,5."),
            "max_decimal_places": _("Skriv högst en decimal."),
            **REQUIRED,
        },
        localize=True,
    )
    public_invitation = forms.BooleanField(
        label=_("Bjud in allmänheten att träffa presidiet"),
        required=False,
        help_text=_("Bara för presidiebesök. Datum, plats och ämne visas på enhetens sida när besöket är bokat."),
    )
    invitation_place = forms.CharField(label=_("Plats för mötet med allmänheten"), max_length=200, required=False)
    invitation_topic = forms.CharField(
        label=_("Vad mötet handlar om"), max_length=300, required=False,
        help_text=_("Till exempel mål, budget och kvalitet i verksamheten."),
    )
    confirm_unpaid = forms.BooleanField(label=_("Jag förstår att besöket inte arvoderas"), required=False)

    def __init__(self, *args, politician, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.politician, self.unit = politician, unit
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(this_year, str(this_year)), (this_year + 1, str(this_year + 1))]
        self.fields["year"].initial = this_year
        self.fields["companions"].queryset = fellow_contacts(unit, politician)
        self.is_presidium = is_presidium_member(politician, unit.committee)
        if not self.is_presidium:
            self.fields["kind"].choices = [c for c in VisitRequest.Kind.choices if c[0] == VisitRequest.Kind.CONTACT]
        self.paid_left_this_year = paid_visits_left(politician, unit, this_year)
        # Shown before sending when this year's paid visits are already used up.
        self.show_unpaid_confirmation = self.paid_left_this_year == 0

    def clean(self):
        data = super().clean()
        if data.get("kind") == VisitRequest.Kind.PRESIDIUM and data.get("public_invitation"):
            if not data.get("invitation_topic"):
                self.add_error("invitation_topic", _("Skriv vad mötet med allmänheten handlar om."))
        year, hours = data.get("year"), data.get("hours")
        if year and hours:
            self.will_be_paid = would_be_paid(self.politician, self.unit, year, hours)
            if not self.will_be_paid:
                self.show_unpaid_confirmation = True
                if not data.get("confirm_unpaid"):
                    self.add_error(
                        "confirm_unpaid",
                        _("Besöket blir oarvoderat: du har redan två arvoderade besök hos enheten %(year)s, "
                          "eller besöket är längre än tre timmar. Kryssa i rutan om du vill skicka förfrågan ändå.")
                        % {"year": year},
                    )
        return data


class TimeForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Börjar"),
        widget=DATETIME_WIDGET,
        error_messages={"invalid": _("Ange datum och tid, till exempel 2027-03-14 09:00."), **REQUIRED},
    )
    ends_at = forms.DateTimeField(
        label=_("Slutar"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Lämna tomt för tre timmar."),
        error_messages={"invalid": _("Ange datum och tid, till exempel 2027-03-14 12:00.")},
    )

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise forms.ValidationError(_("Välj en tid som inte har passerat."))
        return starts_at


class ProposeForm(TimeForm):
    message = forms.CharField(
        label=_("Meddelande till politikern"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Den andra parten ser skälet. Skriv inga uppgifter om enskilda personer."),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken."), "required": _("Skriv ett skäl.")},
    )


class EmptyForm(forms.Form):
    """Actions that need nothing but the click (and the CSRF token)."""


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Kort svar"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken."), "required": _("Skriv ett kort svar.")},
    )


class LedgerForm(forms.Form):
    """The administration's choice of year and politician for the compensation ledger."""

    ar = forms.TypedChoiceField(
        label=_("År"), coerce=int, error_messages={"invalid_choice": _("Välj ett år i listan."), **REQUIRED}
    )
    politiker = forms.ModelChoiceField(
        label=_("Politiker"),
        queryset=None,
        required=False,
        empty_label=_("Alla politiker"),
        error_messages={"invalid_choice": _("Välj en politiker i listan.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV"))],
        initial="xlsx",
        error_messages={"invalid_choice": _("Välj XLSX eller CSV."), **REQUIRED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = sorted(set(VisitRequest.objects.values_list("year", flat=True)) | {this_year}, reverse=True)
        self.fields["ar"].choices = [(year, str(year)) for year in years]
        self.fields["ar"].initial = this_year
        self.fields["politiker"].queryset = Politician.objects.select_related("party").order_by("last_name", "first_name")

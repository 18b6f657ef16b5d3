"""Forms for visit requests on Mina sidor. They parse and validate; the model decides."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import IdMultipleChoiceField, SingleLineField
from visits.newsletters.forms import validate_pdf
from visits.register.documents import UnitDocument
from visits.register.models import Committee, Politician

from .cap import PAID_HOURS_MAX, compensation_for, paid_visits_left, unpaid_message
from .eligibility import current_assignments, is_presidium_member, manager_candidates, possible_companions
from .models import VisitRequest

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
REQUIRED = {"required": _("Fyll i fältet.")}
MAX_LENGTH = {"max_length": _("Skriv högst %(limit_value)d tecken.")}
PRESIDIUM_PARAMETER = "presidiebesok"


def datetime_field(label, required=True, help_text="", example="2027-03-14 09:00"):
    return forms.DateTimeField(
        label=label, required=required, widget=DATETIME_WIDGET, help_text=help_text,
        error_messages={"invalid": _("Ange datum och tid, till exempel %(example)s.") % {"example": example},
                        **REQUIRED},
    )


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
        error_messages={**MAX_LENGTH, **REQUIRED},
    )
    purpose = forms.CharField(
        label=_("Syfte med besöket"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vad vill du se och prata om? Skriv inga uppgifter om enskilda barn, elever eller boende."),
        error_messages={**MAX_LENGTH, **REQUIRED},
    )
    companions = IdMultipleChoiceField(
        label=_("Följer med"),
        queryset=Politician.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj bland dem som kan följa med."),
                        "invalid_pk_value": _("Välj bland dem som kan följa med.")},
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
        help_text=_("Bara för presidiebesök. Tid, plats och ämne visas på enhetens sida och i nämndens kalender "
                    "när besöket är bokat, tills mötet har varit."),
    )
    invitation_place = SingleLineField(label=_("Plats för mötet med allmänheten"), max_length=200, required=False,
                                       error_messages=MAX_LENGTH)
    invitation_topic = SingleLineField(
        label=_("Vad mötet handlar om"), max_length=300, required=False,
        help_text=_("Till exempel mål, budget och kvalitet i verksamheten."), error_messages=MAX_LENGTH,
    )
    invitation_starts_at = datetime_field(
        _("Mötet med allmänheten börjar"), required=False,
        help_text=_("Lämna tomt om allmänheten bjuds in till själva besöket, vid arbetsplatsträffen."),
    )
    invitation_ends_at = datetime_field(_("Mötet med allmänheten slutar"), required=False, example="2027-03-14 19:00")
    confirm_unpaid = forms.BooleanField(label=_("Jag förstår att besöket inte arvoderas"), required=False)

    def __init__(self, *args, politician, unit, presidium_first=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.politician, self.unit = politician, unit
        this_year = timezone.localdate().year
        self.years = [this_year, this_year + 1]
        self.fields["year"].choices = [(year, str(year)) for year in self.years]
        self.fields["year"].initial = this_year
        self.is_contact = current_assignments(politician).filter(unit=unit).exists()
        self.is_presidium = is_presidium_member(politician, unit.committee)
        kinds = [c for c in VisitRequest.Kind.choices if (c[0] == VisitRequest.Kind.CONTACT and self.is_contact)
                 or (c[0] == VisitRequest.Kind.PRESIDIUM and self.is_presidium)]
        self.fields["kind"].choices = kinds
        if self.is_presidium and (presidium_first or not self.is_contact):
            self.fields["kind"].initial = VisitRequest.Kind.PRESIDIUM
        presidium = self.data.get("kind", self.fields["kind"].initial) == VisitRequest.Kind.PRESIDIUM
        self.fields["companions"].queryset = possible_companions(unit, politician, presidium and self.is_presidium)
        self.fields["companions"].help_text = (
            _("De andra i nämndens presidium. Alla i presidiet kan också gå med i besöket senare.")
            if presidium else _("Enhetens andra kontaktpolitiker som vill följa med.")
        )
        # "N paid visits left" for each year that can be chosen: the cap follows the visit's year.
        self.paid_left = [(year, paid_visits_left(politician, unit, year)) for year in self.years]
        self.show_unpaid_confirmation = self.is_contact and any(left == 0 for _year, left in self.paid_left)
        self.unpaid_reason = ""

    @property
    def kind_is_fixed(self):
        return len(self.fields["kind"].choices) == 1

    def clean(self):
        data = super().clean()
        presidium = data.get("kind") == VisitRequest.Kind.PRESIDIUM
        if presidium and data.get("public_invitation") and not data.get("invitation_topic"):
            self.add_error("invitation_topic", _("Skriv vad mötet med allmänheten handlar om."))
        year, hours = data.get("year"), data.get("hours")
        if year and hours and not presidium:
            people = [self.politician, *data.get("companions", [])]
            lines = compensation_for(people, self.unit, year, hours)
            if not all(paid for _person, paid, _reason in lines):
                self.show_unpaid_confirmation = True
                self.unpaid_reason = unpaid_message(lines, hours, year)
                if not data.get("confirm_unpaid"):
                    self.add_error(
                        "confirm_unpaid",
                        f"{self.unpaid_reason} " + str(_("Kryssa i rutan om du vill skicka förfrågan ändå.")),
                    )
        return data


class TimeForm(forms.Form):
    starts_at = datetime_field(_("Börjar"))
    ends_at = datetime_field(_("Slutar"), required=False, help_text=_("Lämna tomt för tre timmar."),
                             example="2027-03-14 12:00")
    plan = forms.CharField(
        label=_("Plan för besöket"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vad besöket innehåller och vilka politikerna träffar, till exempel ”09.00 rundvandring, "
                    "10.00 samtal med elevrådet”. Politikerna ser planen. Skriv inga namn på barn, elever eller boende."),
        error_messages=MAX_LENGTH,
    )
    confirm_time = forms.BooleanField(
        label=_("Jag bekräftar tiden, fast den ligger utanför ordinarie arbetstid"), required=False
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
        error_messages=MAX_LENGTH,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Den andra parten ser skälet. Skriv inga uppgifter om enskilda personer."),
        error_messages={**MAX_LENGTH, "required": _("Skriv ett skäl.")},
    )


class ForwardForm(forms.Form):
    """The head of administration (or a secretary) names the manager who decides."""

    manager = forms.ModelChoiceField(
        label=_("Ansvarig chef"),
        queryset=None,
        required=False,
        empty_label=_("Enhetens chef i registret"),
        help_text=_("Välj vem som beslutar om besöket. Förfrågan går till den chefen."),
        error_messages={"invalid_choice": _("Välj en enhetschef i listan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = manager_candidates()
        self.fields["manager"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class ReferForm(forms.Form):
    reason = forms.CharField(
        label=_("Meddelande till nämndsekreterarna"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel vem som kan veta vem som är ansvarig chef."),
        error_messages=MAX_LENGTH,
    )


class EmptyForm(forms.Form):
    """Actions that need nothing but the click (and the CSRF token)."""


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Kort svar"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={**MAX_LENGTH, "required": _("Skriv ett kort svar.")},
    )


class UnitDocumentForm(forms.Form):
    """A manager attaches the unit's activity plan, budget follow-up or user survey (PDF)."""

    kind = forms.ChoiceField(
        label=_("Slags dokument"), choices=UnitDocument.Kind.choices,
        error_messages={"invalid_choice": _("Välj ett slags dokument i listan."), **REQUIRED},
    )
    title = SingleLineField(label=_("Rubrik"), max_length=200, error_messages={**MAX_LENGTH, **REQUIRED},
                            help_text=_("Till exempel ”Aktivitetsplan 2027” eller ”Budgetuppföljning augusti”."))
    file = forms.FileField(
        label=_("Fil (PDF, högst 10 MB)"),
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": _("Välj en PDF-fil."), "empty": _("Filen är tom."),
                        "invalid": _("Välj en PDF-fil.")},
    )


class PlanForm(forms.Form):
    """The yearly plan of presidium visits: which committee and year."""

    namnd = forms.ModelChoiceField(
        label=_("Nämnd"), queryset=None, required=False, empty_label=None,
        error_messages={"invalid_choice": _("Välj en nämnd i listan.")},
    )
    ar = forms.TypedChoiceField(
        label=_("År"), coerce=int, required=False, error_messages={"invalid_choice": _("Välj ett år i listan.")}
    )

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["namnd"].queryset = committees if committees is not None else Committee.objects.order_by("name")
        self.fields["ar"].choices = [(year, str(year)) for year in range(this_year + 1, this_year - 4, -1)]
        self.fields["ar"].initial = this_year

    def choice(self):
        """(committee, year) chosen, or the first committee and this year."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        committee = data.get("namnd") or self.fields["namnd"].queryset.first()
        return committee, data.get("ar") or self.fields["ar"].initial


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

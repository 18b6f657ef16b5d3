from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Committee, ContactAssignment, MandatePeriod, Membership, Party, Politician, Unit


class DirectoryFilterForm(forms.Form):
    """The public directory's GET parameters; anything else gives a Swedish message."""

    q = forms.CharField(
        label=_("Sök enhet"),
        required=False,
        max_length=100,
        help_text=_("Skriv hela eller en del av namnet, till exempel ”Björk”."),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    typ = forms.ChoiceField(
        label=_("Typ av verksamhet"),
        required=False,
        choices=[("", _("Alla typer"))] + list(Unit.Kind.choices),
        error_messages={"invalid_choice": _("Det finns ingen verksamhetstyp som heter ”%(value)s”.")},
    )
    namnd = forms.ModelChoiceField(
        label=_("Nämnd"),
        required=False,
        queryset=Committee.objects.filter(units__active=True).distinct().order_by("name"),
        to_field_name="slug",
        empty_label=_("Alla nämnder"),
        error_messages={"invalid_choice": _("Det finns ingen nämnd med det namnet. Välj en i listan.")},
    )

    def filter(self, units):
        """Narrows a Unit queryset by the valid parameters; call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        if data.get("q"):
            units = units.filter(name__icontains=data["q"].strip())
        if data.get("typ"):
            units = units.filter(kind=data["typ"])
        if data.get("namnd"):
            units = units.filter(committee=data["namnd"])
        return units


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil att importera"),
        help_text=_("XLSX med bladen enheter, politiker, uppdrag och kontaktpolitiker, eller en CSV-fil med en av listorna."),
        error_messages={"required": _("Välj en fil."), "empty": _("Filen är tom.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Välj en fil som slutar på .xlsx eller .csv."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        return upload


class ExportForm(forms.Form):
    lista = forms.ChoiceField(
        label=_("Lista (för CSV)"),
        required=False,
        initial="enheter",
        choices=[("enheter", _("Enheter")), ("politiker", _("Politiker")), ("uppdrag", _("Uppdrag i nämnder")),
                 ("kontaktpolitiker", _("Kontaktpolitiker"))],
        error_messages={"invalid_choice": _("Det finns ingen lista som heter ”%(value)s”.")},
    )
    period = forms.ModelChoiceField(
        label=_("Mandatperiod"),
        required=False,
        queryset=MandatePeriod.objects.all(),
        empty_label=_("Alla mandatperioder"),
        error_messages={"invalid_choice": _("Välj en mandatperiod i listan.")},
    )

    def clean_lista(self):
        return self.cleaned_data["lista"] or "enheter"


class PeriodCopyForm(forms.Form):
    """Which mandate period to copy into which; the new one must start after the old ends."""

    fran = forms.ModelChoiceField(
        label=_("Kopiera från"),
        queryset=MandatePeriod.objects.all(),
        error_messages={"required": _("Välj perioden som kopieras."), "invalid_choice": _("Välj en mandatperiod i listan.")},
    )
    till = forms.ModelChoiceField(
        label=_("Till den nya perioden"),
        queryset=MandatePeriod.objects.all(),
        help_text=_("Skapa den nya mandatperioden under Register först."),
        error_messages={"required": _("Välj den nya perioden."), "invalid_choice": _("Välj en mandatperiod i listan.")},
    )

    def clean(self):
        data = super().clean()
        source, target = data.get("fran"), data.get("till")
        if source and target and target.starts_on <= source.ends_on:
            raise forms.ValidationError(_("Den nya perioden måste börja efter att den gamla har slutat."))
        return data


class CopyChoiceForm(forms.Form):
    """The memberships and assignments the administration confirms for the new period."""

    uppdrag = forms.TypedMultipleChoiceField(label=_("Uppdrag i nämnder"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple)
    kontaktpolitiker = forms.TypedMultipleChoiceField(label=_("Kontaktpolitiker"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uppdrag"].choices = [
            (m.pk, f"{m.politician.full_name} ({m.politician.party.abbreviation}), {m.get_role_display()}, {m.committee.short_name}")
            for m in plan.memberships
        ]
        self.fields["kontaktpolitiker"].choices = [
            (a.pk, f"{a.unit.name}: {a.politician.full_name} ({a.politician.party.abbreviation})") for a in plan.assignments
        ]
        self.fields["uppdrag"].initial = [m.pk for m in plan.memberships]
        self.fields["kontaktpolitiker"].initial = [a.pk for a in plan.assignments]


class ContactPoliticianForm(forms.Form):
    """One form for a new contact politician: the politician (or one already in the register),
    their membership of a committee and the units they are contact politician for. Every row is
    checked by the register's own rules (the models' clean) before anything is saved."""

    existing = forms.ModelChoiceField(
        label=_("Politiker som redan finns i registret"),
        required=False,
        queryset=Politician.objects.select_related("party").order_by("last_name", "first_name"),
        empty_label=_("Ingen: lägg till en ny politiker nedan"),
        help_text=_("Välj bara om politikern redan finns i registret. Annars fyller du i namn och parti."),
        error_messages={"invalid_choice": _("Välj en politiker i listan.")},
    )
    first_name = forms.CharField(label=_("Förnamn"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), required=False, max_length=100)
    slug = forms.SlugField(
        label=_("Kortnamn i adresser"), required=False, max_length=120,
        help_text=_("Tomt: bildas av namnet, till exempel anna-andersson."),
        error_messages={"invalid": _("Använd bara små bokstäver a–z, siffror och bindestreck.")},
    )
    party = forms.ModelChoiceField(
        label=_("Parti"), required=False, queryset=Party.objects.all(),
        error_messages={"invalid_choice": _("Välj ett parti i listan.")},
    )
    user = forms.ModelChoiceField(
        label=_("Användarkonto"), required=False, queryset=None,
        help_text=_("Kontot politikern loggar in med. Kan läggas till senare."),
        error_messages={"invalid_choice": _("Välj ett konto i listan. Ett konto kan bara höra till en politiker.")},
    )
    email = forms.EmailField(
        label=_("E-post"), required=False, max_length=254,
        help_text=_("Visas inte publikt utan samtycke."),
        error_messages={"invalid": _("Skriv en e-postadress, till exempel namn@example.se.")},
    )
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=40, help_text=_("Visas inte publikt utan samtycke."))
    committee = forms.ModelChoiceField(
        label=_("Nämnd"), queryset=Committee.objects.all(),
        error_messages={"required": _("Välj nämnden politikern sitter i."), "invalid_choice": _("Välj en nämnd i listan.")},
    )
    period = forms.ModelChoiceField(
        label=_("Mandatperiod"), queryset=MandatePeriod.objects.all(), empty_label=None,
        error_messages={"required": _("Välj mandatperiod."), "invalid_choice": _("Välj en mandatperiod i listan.")},
    )
    role = forms.ChoiceField(
        label=_("Roll i nämnden"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER,
        error_messages={"invalid_choice": _("Välj en roll i listan.")},
    )
    starts_on = forms.DateField(
        label=_("Från"), required=False, help_text=_("Tomt: mandatperiodens första dag. Skriv ÅÅÅÅ-MM-DD."),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )
    ends_on = forms.DateField(
        label=_("Till"), required=False, help_text=_("Tomt: mandatperiodens sista dag. Skriv ÅÅÅÅ-MM-DD."),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Kontaktpolitiker för"), queryset=Unit.objects.active().select_related("committee").order_by("committee__name", "name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Enheter i den valda nämnden."),
        error_messages={
            "required": _("Välj minst en enhet."),
            "invalid_choice": _("Välj enheter i listan."),
            "invalid_pk_value": _("Välj enheter i listan."),
        },
    )

    POLITICIAN_FIELDS = ("first_name", "last_name", "slug", "party", "user", "email", "phone")
    MEMBERSHIP_FIELDS = ("committee", "period", "role", "starts_on", "ends_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["user"].queryset = User.objects.filter(is_active=True, politician__isnull=True).order_by("username")
        self.fields["units"].label_from_instance = lambda unit: f"{unit.name} ({unit.committee.short_name})"
        current = MandatePeriod.objects.current()
        self.fields["period"].initial = current.pk if current else None

    def clean(self):
        data = super().clean()
        existing = data.get("existing")
        if existing is None:
            for name, message in (("first_name", _("Skriv förnamnet.")), ("last_name", _("Skriv efternamnet.")),
                                  ("party", _("Välj parti."))):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        elif any(data.get(name) for name in self.POLITICIAN_FIELDS):
            self.add_error("existing", _("Välj en politiker som finns, eller fyll i en ny – inte båda."))
        if self.errors:
            return data
        self.politician = existing or Politician(**{name: data.get(name) or "" for name in ("first_name", "last_name", "slug", "email", "phone")},
                                                 party=data["party"], user=data.get("user"))
        self._check(self.politician, self.POLITICIAN_FIELDS)
        committee, period = data["committee"], data["period"]
        self.membership = Membership.objects.filter(
            politician_id=self.politician.pk, committee=committee, period=period
        ).first() if existing else None
        if self.membership is None:
            self.membership = Membership(politician=self.politician, committee=committee, period=period, role=data["role"],
                                         starts_on=data.get("starts_on"), ends_on=data.get("ends_on"))
            self._check(self.membership, self.MEMBERSHIP_FIELDS, exclude=["politician"])
        for unit in data.get("units", []):
            if unit.committee_id != committee.pk:
                self.add_error("units", _("%(unit)s hör till %(other)s. Välj enheter i %(committee)s.")
                               % {"unit": unit.name, "other": unit.committee.name, "committee": committee.name})
            elif existing and ContactAssignment.objects.filter(politician=existing, unit=unit, period=period).exists():
                self.add_error("units", _("%(name)s är redan kontaktpolitiker för %(unit)s under %(period)s.")
                               % {"name": existing.full_name, "unit": unit.name, "period": period})
        return data

    def _check(self, instance, fields, exclude=None):
        """The model's own validation, with each message at the form field it is about."""
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in fields else None, messages)

    def save(self):
        """Politician, membership and assignments in one transaction; returns the assignments."""
        with transaction.atomic():
            if self.politician.pk is None:
                self.politician.save()
            if self.membership.pk is None:
                self.membership.politician = self.politician
                self.membership.save()
            assignments = []
            for unit in self.cleaned_data["units"]:
                assignment = ContactAssignment(politician=self.politician, unit=unit, period=self.cleaned_data["period"])
                assignment.full_clean()
                assignment.save()
                assignments.append(assignment)
        return assignments

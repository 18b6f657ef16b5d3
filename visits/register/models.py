"""The register: mandate periods, committees, parties, politicians, units and who is
contact politician for which unit. Everything else in Insyn reads these records."""

import copy
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.search import index

from cms import memo

from .base import Stamped
from .parties import Party, PartyBloc
from .slugs import SLUG_HELP, SlugFromName


def _today(today=None):
    return today or timezone.localdate()


class MandatePeriodQuerySet(models.QuerySet):
    def covering(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def current(self, today=None):
        day = _today(today)
        if self.query.has_filters():
            return self.covering(day).order_by("-starts_on").first()
        # Asked by most pages and every part of Mina sidor: kept per generation (cms.memo).
        return memo.per_request(("current-period", day), lambda: copy.copy(
            memo.shared(("current-period", day), lambda: self.covering(day).order_by("-starts_on").first())))


class MandatePeriod(Stamped):
    name = models.CharField(_("namn"), max_length=100, unique=True, help_text=_("Till exempel 2027–2030."))
    starts_on = models.DateField(_("startdatum"))
    ends_on = models.DateField(_("slutdatum"))

    objects = MandatePeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("mandatperiod")
        verbose_name_plural = _("mandatperioder")

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("Slutdatum kan inte vara före startdatum.")})
            clash = MandatePeriod.objects.filter(starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    _("Mandatperioden överlappar %(other)s. Två mandatperioder kan inte gälla samtidigt.")
                    % {"other": clash.first()}
                )

    def contains(self, day):
        return self.starts_on <= day <= self.ends_on


class Committee(SlugFromName, index.Indexed, Stamped):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("fullmäktige")
        BOARD = "board", _("styrelse")
        COMMITTEE = "committee", _("nämnd")

    class Routing(models.TextChoices):
        DIRECT = "direct", _("direkt till enhetschefen")
        VIA_ADMINISTRATION = "via_administration", _("via förvaltningschefen")

    name = models.CharField(_("namn"), max_length=150, unique=True)
    short_name = models.CharField(_("förkortning"), max_length=20, unique=True, help_text=_("Till exempel KF, KS, BUN."))
    slug = models.SlugField(
        _("kortnamn i adresser"), max_length=100, unique=True, allow_unicode=False, blank=True,
        help_text=_("Tomt: bildas av förkortningen."),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    visit_routing = models.CharField(
        _("besöksförfrågningar går"),
        max_length=30,
        choices=Routing.choices,
        default=Routing.DIRECT,
        help_text=_("Via förvaltningschefen: förvaltningschefen får förfrågan först och skickar den vidare."),
    )
    head_of_administration = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("förvaltningschef"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="administered_committees",
    )
    registry_email = models.EmailField(_("registratorns e-post"), blank=True, help_text=_("Dit rapporter diarieförs."))
    # A visit booked outside these hours on a weekday (or on a weekend or holiday) is confirmed first.
    visit_day_starts = models.TimeField(_("ordinarie arbetstid börjar"), default=datetime.time(7, 0))
    visit_day_ends = models.TimeField(_("ordinarie arbetstid slutar"), default=datetime.time(18, 0))
    # The seeds differ: most committees want at least two contact politicians per unit from
    # both blocs; a committee whose presidium visits the units instead has no such rule.
    balance_rule = models.BooleanField(
        _("balansregeln gäller"),
        default=True,
        help_text=_(
            "Varje aktiv enhet ska ha minst det antal kontaktpolitiker som anges nedan, minst en från "
            "majoriteten och en från oppositionen. Stäng av för en nämnd där presidiet besöker enheterna i stället."
        ),
    )
    balance_minimum = models.PositiveSmallIntegerField(
        _("minsta antal kontaktpolitiker per enhet"),
        default=2,
        validators=[
            MinValueValidator(2, _("Minst två: regeln kräver en från majoriteten och en från oppositionen.")),
            MaxValueValidator(20, _("Högst 20 kontaktpolitiker per enhet.")),
        ],
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("kind")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")

    def __str__(self):
        return self.name

    def slug_source(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        if self.visit_routing == self.Routing.VIA_ADMINISTRATION and not self.head_of_administration_id:
            raise ValidationError(
                {"head_of_administration": _("Ange förvaltningschef när förfrågningar går via förvaltningen.")}
            )
        if self.visit_day_starts and self.visit_day_ends and self.visit_day_ends <= self.visit_day_starts:
            raise ValidationError({"visit_day_ends": _("Arbetstiden måste sluta efter att den har börjat.")})


class PoliticianQuerySet(models.QuerySet):
    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return None
        if self.query.has_filters():
            return self.select_related("party").filter(user=user).first()
        # Asked by most pages and every part of Mina sidor: kept per generation (cms.memo).
        return memo.per_request(("politician-for-user", user.pk), lambda: copy.copy(
            memo.shared(("politician-for-user", user.pk), lambda: self.select_related("party").filter(user=user).first())))


class Politician(SlugFromName, index.Indexed, Stamped):
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    slug = models.SlugField(_("kortnamn i adresser"), max_length=120, unique=True, blank=True, help_text=SLUG_HELP)
    party = models.ForeignKey(Party, verbose_name=_("parti"), on_delete=models.PROTECT, related_name="politicians")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användarkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="politician",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    photo_consent_on = models.DateField(
        _("samtycke till foto, datum"), null=True, blank=True, help_text=_("Tomt: fotot visas inte publikt.")
    )
    phone_consent_on = models.DateField(
        _("samtycke till telefon, datum"), null=True, blank=True, help_text=_("Tomt: numret visas inte publikt.")
    )
    email_consent_on = models.DateField(
        _("samtycke till e-post, datum"), null=True, blank=True, help_text=_("Tomt: adressen visas inte publikt.")
    )

    objects = PoliticianQuerySet.as_manager()

    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
        index.FilterField("party_id"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("politiker")
        verbose_name_plural = pgettext_lazy("flertal", "politiker")

    def __str__(self):
        return f"{self.full_name} ({self.party.abbreviation})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    # Name, party and role are public by virtue of the office; the rest only with consent.
    @property
    def public_photo(self):
        return self.photo if self.photo_consent_on else None

    @property
    def public_phone(self):
        return self.phone if self.phone_consent_on else ""

    @property
    def public_email(self):
        return self.email if self.email_consent_on else ""

    def slug_source(self):
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        super().clean()
        today = timezone.localdate()
        for field in ("photo_consent_on", "phone_consent_on", "email_consent_on"):
            if getattr(self, field) and getattr(self, field) > today:
                raise ValidationError({field: _("Datumet för samtycket kan inte ligga i framtiden.")})
        if self.photo_consent_on and not self.photo_id:
            raise ValidationError({"photo": _("Välj ett foto eller ta bort datumet för samtycke till foto.")})
        if self.phone_consent_on and not self.phone:
            raise ValidationError({"phone": _("Ange telefonnummer eller ta bort datumet för samtycke till telefon.")})
        if self.email_consent_on and not self.email:
            raise ValidationError({"email": _("Ange e-post eller ta bort datumet för samtycke till e-post.")})


class MembershipQuerySet(models.QuerySet):
    def current(self, today=None):
        day = _today(today)
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def presidium(self):
        return self.filter(role__in=Membership.PRESIDIUM_ROLES)


class Membership(Stamped):
    class Role(models.TextChoices):
        CHAIR = "chair", _("ordförande")
        FIRST_VICE_CHAIR = "first_vice_chair", _("1:e vice ordförande")
        SECOND_VICE_CHAIR = "second_vice_chair", _("2:e vice ordförande")
        MEMBER = "member", _("ledamot")
        SUBSTITUTE = "substitute", _("ersättare")

    PRESIDIUM_ROLES = (Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.SECOND_VICE_CHAIR)

    politician = models.ForeignKey(
        Politician, verbose_name=_("politiker"), on_delete=models.CASCADE, related_name="memberships"
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="memberships"
    )
    period = models.ForeignKey(
        MandatePeriod, verbose_name=_("mandatperiod"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("från"), blank=True, help_text=_("Tomt: mandatperiodens första dag."))
    ends_on = models.DateField(_("till"), blank=True, help_text=_("Tomt: mandatperiodens sista dag."))

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["committee__name", "role", "politician__last_name"]
        verbose_name = _("uppdrag i nämnd")
        verbose_name_plural = _("uppdrag i nämnder")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
                violation_error_message=_("Slutdatum kan inte vara före startdatum."),
            )
        ]

    def __str__(self):
        return f"{self.politician.full_name}, {self.get_role_display()}, {self.committee.short_name} {self.period}"

    @property
    def is_presidium(self):
        return self.role in self.PRESIDIUM_ROLES

    def fill_dates_from_period(self):
        if self.period_id:
            self.starts_on = self.starts_on or self.period.starts_on
            self.ends_on = self.ends_on or self.period.ends_on

    def clean(self):
        self.fill_dates_from_period()
        if not (self.starts_on and self.ends_on and self.period_id):
            return
        if self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Slutdatum kan inte vara före startdatum.")})
        if self.starts_on < self.period.starts_on or self.ends_on > self.period.ends_on:
            raise ValidationError(
                _("Uppdraget måste ligga inom mandatperioden %(period)s (%(start)s – %(end)s).")
                % {"period": self.period, "start": self.period.starts_on, "end": self.period.ends_on}
            )
        if self.politician_id and self.committee_id:
            clash = Membership.objects.filter(
                politician_id=self.politician_id,
                committee_id=self.committee_id,
                starts_on__lte=self.ends_on,
                ends_on__gte=self.starts_on,
            ).exclude(pk=self.pk)
            if clash.exists():
                other = clash.first()
                raise ValidationError(
                    _("%(name)s har redan ett uppdrag i %(committee)s som överlappar (%(start)s – %(end)s).")
                    % {
                        "name": self.politician.full_name,
                        "committee": self.committee,
                        "start": other.starts_on,
                        "end": other.ends_on,
                    }
                )

    def validate_constraints(self, exclude=None):
        # clean() has already reported an end before the start against the end date field.
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            return
        super().validate_constraints(exclude=exclude)

    def save(self, *args, **kwargs):
        self.fill_dates_from_period()
        super().save(*args, **kwargs)


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def managed_by(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        # Most users manage no unit: knowing that (per generation, cms.memo) spares their queries.
        if not memo.shared(("manages-units", user.pk), lambda: Unit.objects.filter(manager=user).exists()):
            return self.none()
        return self.filter(manager=user)

    def without_manager(self):
        """Active units with no manager in the register: their requests go to the secretaries."""
        return self.active().filter(manager__isnull=True).select_related("committee").order_by("committee__name", "name")

    def with_contacts(self, period, photo_spec="fill-160x160"):
        """Units with `current_contacts` (assignments of `period`) ready to show: politician,
        party, the party's bloc and the politician's memberships in the period, in a fixed
        number of queries however many units and politicians there are."""
        from wagtail.images import get_image_model

        assignments = ContactAssignment.objects.none()
        if period is not None:
            assignments = (
                ContactAssignment.objects.filter(period=period)
                .select_related("politician__party")
                .prefetch_related(
                    Prefetch(
                        "politician__photo",
                        queryset=get_image_model().objects.prefetch_renditions(photo_spec),
                    ),
                    Prefetch(
                        "politician__party__blocs",
                        queryset=PartyBloc.objects.filter(period=period),
                        to_attr="period_blocs",
                    ),
                    Prefetch(
                        "politician__memberships",
                        queryset=Membership.objects.filter(period=period).select_related("committee"),
                        to_attr="period_memberships",
                    ),
                )
                .order_by("politician__last_name", "politician__first_name")
            )
        return self.select_related("committee", "manager").prefetch_related(
            Prefetch("contact_assignments", queryset=assignments, to_attr="current_contacts")
        )

    def with_balance(self, period):
        """Annotates how many contact politicians a unit has in `period`, in total and per bloc."""
        in_period = Q(contact_assignments__period=period)
        bloc_path = "contact_assignments__politician__party__blocs"
        return self.annotate(
            contact_count=Count("contact_assignments", filter=in_period, distinct=True),
            majority_count=Count(
                "contact_assignments",
                filter=in_period & Q(**{f"{bloc_path}__period": period, f"{bloc_path}__bloc": PartyBloc.Bloc.MAJORITY}),
                distinct=True,
            ),
            opposition_count=Count(
                "contact_assignments",
                filter=in_period
                & Q(**{f"{bloc_path}__period": period, f"{bloc_path}__bloc": PartyBloc.Bloc.OPPOSITION}),
                distinct=True,
            ),
        )

    def breaking_balance(self, period):
        """Active units of committees with the balance rule that have fewer contact politicians in
        `period` than their committee's minimum, or none from a bloc."""
        if period is None:
            return self.none()
        return (
            self.active()
            .filter(committee__balance_rule=True)
            .with_balance(period)
            .filter(
                Q(contact_count__lt=F("committee__balance_minimum")) | Q(majority_count=0) | Q(opposition_count=0)
            )
            .select_related("committee")
            .order_by("committee__name", "name")
        )


RESERVED_UNIT_SLUGS = {"politiker"}


class Unit(SlugFromName, index.Indexed, Stamped):
    class Kind(models.TextChoices):
        PRESCHOOL = "forskola", _("förskola")
        SCHOOL = "grundskola", _("grundskola")
        UPPER_SECONDARY = "gymnasieskola", _("gymnasieskola")
        YOUTH_CENTRE = "fritidsgard", _("fritidsgård")
        LIBRARY = "bibliotek", _("bibliotek")
        CULTURE = "kulturhus", _("kulturhus")
        ELDERLY_CARE = "aldreboende", _("äldreboende")
        OTHER = "annan", _("annan verksamhet")

    name = models.CharField(_("namn"), max_length=150)
    slug = models.SlugField(_("kortnamn i adresser"), max_length=120, unique=True, blank=True, help_text=SLUG_HELP)
    kind = models.CharField(_("typ av verksamhet"), max_length=20, choices=Kind.choices)
    committee = models.ForeignKey(Committee, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="units")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enhetschef"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_units",
    )
    manager_title = models.CharField(
        _("chefens titel"), max_length=60, blank=True, default="", help_text=_("Till exempel rektor eller förskolechef.")
    )
    address = models.CharField(_("besöksadress"), max_length=200, blank=True)
    public_email = models.EmailField(_("e-post till enheten"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True, help_text=_("Avmarkera när enheten läggs ned."))

    objects = UnitQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("committee_id"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")

    def __str__(self):
        return self.name

    @property
    def manager_role(self):
        return self.manager_title or _("enhetschef")

    reserved_slugs = RESERVED_UNIT_SLUGS

    def slug_source(self):
        return self.name

    def clean(self):
        super().clean()
        if self.slug in RESERVED_UNIT_SLUGS:
            raise ValidationError({"slug": _("Kortnamnet ”%(slug)s” är reserverat. Välj ett annat.") % {"slug": self.slug}})


class ContactAssignmentQuerySet(models.QuerySet):
    def in_period(self, period):
        return self.filter(period=period)


class ContactAssignment(models.Model):
    politician = models.ForeignKey(
        Politician, verbose_name=_("politiker"), on_delete=models.CASCADE, related_name="contact_assignments"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="contact_assignments")
    period = models.ForeignKey(
        MandatePeriod, verbose_name=_("mandatperiod"), on_delete=models.PROTECT, related_name="contact_assignments"
    )

    objects = ContactAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["unit__name", "politician__last_name"]
        verbose_name = _("kontaktpolitikeruppdrag")
        verbose_name_plural = pgettext_lazy("flertal", "kontaktpolitikeruppdrag")
        constraints = [
            models.UniqueConstraint(
                fields=["politician", "unit", "period"],
                name="one_assignment_per_unit_and_period",
                violation_error_message=_(
                    "Politikern är redan kontaktpolitiker för enheten under den mandatperioden."
                ),
            )
        ]

    def __str__(self):
        return f"{self.politician.full_name} – {self.unit} ({self.period})"

    def committee_membership(self):
        """The politician's membership in the unit's committee; reads prefetched data when present."""
        memberships = getattr(self.politician, "period_memberships", None)
        if memberships is None:
            memberships = self.politician.memberships.filter(period_id=self.period_id).select_related("committee")
        for membership in memberships:
            if membership.committee_id == self.unit.committee_id:
                return membership
        return None

    @property
    def bloc(self):
        return self.politician.party.bloc_in(self.period_id)

    def clean(self):
        if not (self.politician_id and self.unit_id and self.period_id):
            return
        memberships = Membership.objects.filter(
            politician_id=self.politician_id, committee_id=self.unit.committee_id, period_id=self.period_id
        )
        if not memberships.exists():
            raise ValidationError(
                _(
                    "%(name)s har inget uppdrag i %(committee)s under mandatperioden %(period)s. "
                    "En kontaktpolitiker måste vara ledamot eller ersättare i enhetens nämnd."
                )
                % {"name": self.politician.full_name, "committee": self.unit.committee, "period": self.period}
            )


__all__ = [
    "ContactAssignment",
    "Committee",
    "MandatePeriod",
    "Membership",
    "Party",
    "PartyBloc",
    "Politician",
    "Unit",
]

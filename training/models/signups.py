"""Sign-ups and attendance (the rules of taking a place are on TrainingSession), and the
revocable tokens of personal feeds.

A sign-up belongs to a politician of the register, or to a member of staff (a head of
administration or a committee secretary: seed 003 expects them at the basic programme) who is
a user without a Politician record. Exactly one of the two is set."""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import roles


class SignUpQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING])

    def for_attendance(self):
        return self.select_related("politician__party", "staff", "session__programme", "session__responsible_body")

    def of(self, politician=None, staff=None):
        """The sign-ups of one participant: a politician, or a member of staff (a user)."""
        if politician is not None:
            return self.filter(politician=politician)
        return self.filter(staff=staff, politician__isnull=True)


class SignUp(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("anmäld")
        WAITING = "waiting", _("på väntelistan")
        CANCELLED = "cancelled", _("avanmäld")

    session = models.ForeignKey(
        "training.TrainingSession", verbose_name=_("tillfälle"), on_delete=models.CASCADE, related_name="signups"
    )
    politician = models.ForeignKey(
        "visits.Politician", verbose_name=_("politiker"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="training_signups",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tjänsteperson"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="staff_training_signups",
        help_text=_("En förvaltningschef eller nämndsekreterare som inte är förtroendevald."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    # The waiting list is served in the order people joined it.
    queued_at = models.DateTimeField(_("anmäld den"), default=timezone.now)
    attended = models.BooleanField(_("närvarade"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("närvaro registrerad"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["session__starts_at", "queued_at", "pk"]
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        constraints = [
            models.UniqueConstraint(fields=["session", "politician"], name="one_signup_per_politician"),
            models.UniqueConstraint(fields=["session", "staff"], name="one_signup_per_staff_member"),
            models.CheckConstraint(
                condition=Q(politician__isnull=False, staff__isnull=True) | Q(politician__isnull=True, staff__isnull=False),
                name="signup_is_a_politician_or_staff",
            ),
        ]

    def __str__(self):
        return f"{self.participant_name}: {self.session} ({self.get_status_display()})"

    @property
    def is_staff_member(self):
        return self.politician_id is None

    @property
    def participant_name(self):
        if self.politician_id:
            return self.politician.full_name
        return self.staff.get_full_name() or self.staff.get_username()

    @property
    def first_name(self):
        return self.politician.first_name if self.politician_id else (self.staff.first_name or self.participant_name)

    @property
    def address(self):
        """Where a mail about the sign-up goes: the register's work e-mail or the login's address."""
        if self.politician_id:
            politician = self.politician
            return (politician.user.email if politician.user_id else "") or politician.email
        return self.staff.email

    @property
    def recipient(self):
        """The account a mail goes to (in its language), or the register's address where the
        politician's login has no address of its own."""
        user = self.politician.user if self.politician_id else self.staff
        return user if user is not None and user.email else self.address


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def serving(self):
        """Tokens whose feed answers: not revoked, and the politician's user account is active
        and still has the politician role. A calendar app sends the key and nothing else, so
        the key must die with the account or the role."""
        return self.active().filter(
            politician__user__is_active=True, politician__user__groups__name=roles.POLITICIANS
        )

    def current_for(self, politician):
        """The politician's active token, made on first use."""
        token = self.active().filter(politician=politician).order_by("-created_at").first()
        return token or self.create(politician=politician)

    def renew(self, politician):
        """Revoke every active token of the politician and return a new one."""
        with transaction.atomic():
            self.active().filter(politician=politician).update(revoked_at=timezone.now())
            return self.create(politician=politician)


def has_personal_feed(user):
    """Whether a personal feed would answer for this user (see `CalendarTokenQuerySet.serving`)."""
    return user.is_active and roles.POLITICIANS in roles.group_names(user)


def new_token_key():
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    politician = models.ForeignKey(
        "visits.Politician", verbose_name=_("politiker"), on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    key = models.CharField(_("nyckel"), max_length=64, unique=True, default=new_token_key, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("spärrad"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("kalenderlänk")
        verbose_name_plural = _("kalenderlänkar")

    def __str__(self):
        return f"{self.politician.full_name} ({self.created_at:%Y-%m-%d})"

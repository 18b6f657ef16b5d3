"""Sign-ups with a waiting list, attendance, and the revocable tokens of personal feeds."""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cms.mail import queue_mail


class SignUpError(Exception):
    """A sign-up or cancellation that the rules refuse; the message is for the user."""


class SignUpQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING])

    def for_attendance(self):
        return self.select_related("politician__party", "session__programme", "session__responsible_body")


class SignUp(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("anmäld")
        WAITING = "waiting", _("på väntelistan")
        CANCELLED = "cancelled", _("avanmäld")

    session = models.ForeignKey(
        "training.TrainingSession", verbose_name=_("tillfälle"), on_delete=models.CASCADE, related_name="signups"
    )
    politician = models.ForeignKey(
        "visits.Politician", verbose_name=_("politiker"), on_delete=models.CASCADE, related_name="training_signups"
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
        constraints = [models.UniqueConstraint(fields=["session", "politician"], name="one_signup_per_politician")]

    def __str__(self):
        return f"{self.politician.full_name}: {self.session} ({self.get_status_display()})"


def sign_up(session, politician, now=None):
    """Sign the politician up, or put them on the waiting list when the session is full."""
    from .sessions import TrainingSession

    now = now or timezone.now()
    with transaction.atomic():
        # The row lock makes concurrent sign-ups for one session take turns (PostgreSQL);
        # SQLite's IMMEDIATE transactions already serialise writers.
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if not session.is_open_for_signup(now):
            raise SignUpError(_t("Anmälan till det här tillfället är stängd."))
        signup = SignUp.objects.filter(session=session, politician=politician).first()
        if signup and signup.status != SignUp.Status.CANCELLED:
            return signup
        confirmed = session.signups.filter(status=SignUp.Status.CONFIRMED).count()
        status = SignUp.Status.CONFIRMED if session.capacity is None or confirmed < session.capacity else SignUp.Status.WAITING
        if signup is None:
            signup = SignUp(session=session, politician=politician)
        signup.status, signup.queued_at = status, now
        signup.save()
        return signup


def cancel_sign_up(session, politician, now=None):
    """Cancel the politician's sign-up; a freed place goes to the first on the waiting list."""
    from .sessions import TrainingSession

    now = now or timezone.now()
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if not session.live or now >= session.effective_deadline:
            raise SignUpError(_t("Det går inte längre att avanmäla sig. Kontakta nämndsekreteraren."))
        signup = SignUp.objects.active().filter(session=session, politician=politician).first()
        if signup is None:
            raise SignUpError(_t("Du är inte anmäld till det här tillfället."))
        signup.status = SignUp.Status.CANCELLED
        signup.save(update_fields=["status", "updated_at"])
        return promote_waiting(session)


def promote_waiting(session):
    """Fill free places from the waiting list and tell each person moved up. Call with the
    session row locked, inside the transaction that freed the place."""
    promoted = []
    confirmed = session.signups.filter(status=SignUp.Status.CONFIRMED).count()
    while session.capacity is None or confirmed < session.capacity:
        waiting = (
            session.signups.filter(status=SignUp.Status.WAITING)
            .select_related("politician__user")
            .order_by("queued_at", "pk")
            .first()
        )
        if waiting is None:
            break
        waiting.status = SignUp.Status.CONFIRMED
        waiting.save(update_fields=["status", "updated_at"])
        confirmed += 1
        promoted.append(waiting)
        queue_mail([_recipient(waiting.politician)], *_promotion_message(session, waiting.politician))
    return promoted


def _recipient(politician):
    return (politician.user.email if politician.user_id else "") or politician.email


def _promotion_message(session, politician):
    start = timezone.localtime(session.starts_at)
    url = session.get_url()
    if not url.startswith("http"):  # one site: a path below the configured public address
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    subject = _t("Du har fått en plats: %(title)s") % {"title": session.title}
    body = _t(
        "Hej %(name)s!\n\nEn plats har blivit ledig och du är nu anmäld till %(title)s, "
        "%(date)s kl. %(time)s.\n\nPlats: %(place)s\nMer information och avanmälan: %(url)s\n"
    ) % {
        "name": politician.first_name,
        "title": session.title,
        "date": start.strftime("%Y-%m-%d"),
        "time": start.strftime("%H:%M"),
        "place": session.location or session.online_url,
        "url": url,
    }
    return subject, body


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def current_for(self, politician):
        """The politician's active token, made on first use."""
        token = self.active().filter(politician=politician).order_by("-created_at").first()
        return token or self.create(politician=politician)

    def renew(self, politician):
        """Revoke every active token of the politician and return a new one."""
        with transaction.atomic():
            self.active().filter(politician=politician).update(revoked_at=timezone.now())
            return self.create(politician=politician)


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

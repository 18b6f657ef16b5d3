"""Training sessions: snippets with drafts, revisions and preview. A session keeps one
UID for life and raises its SEQUENCE on every change a calendar must show."""

import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin

from cms.mail import queue_mail_in_language
from cms.page_views import page_view
from cms.translations import localize_pages, localized_url, originals
from visits.register.models import Membership

from .programme import TrainingProgrammePage

PROGRAMME_YEARS = [(year, _("år %(year)s") % {"year": year}) for year in range(1, 5)]
# Changes to these fields are what a subscribed calendar must pick up (RFC 5545 SEQUENCE).
SIGNIFICANT_FIELDS = ("title", "starts_at", "ends_at", "all_day", "location", "online_url", "status")


class SignUpError(Exception):
    """A sign-up or cancellation that the rules refuse; the message is for the user."""


def signups():
    # SignUp (signups.py) points at sessions; reach it through the relation, not an import back.
    return TrainingSession.signups.field.model.objects


def cancelled_retention():
    return timedelta(days=getattr(settings, "INSYN_CALENDAR_CANCELLED_DAYS", 60))


class Audience(models.TextChoices):
    ALL = "all", _("alla förtroendevalda")
    PRESIDIUMS = "presidiums", _("presidier")
    COMMITTEES = "committees", _("ledamöter i valda nämnder")
    NEW_MEMBERS = "new_members", _("nya förtroendevalda")


class TrainingSessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def in_feed(self, now=None):
        """Published sessions; a cancelled one stays (as cancelled) for the retention time."""
        now = now or timezone.now()
        return self.published().exclude(
            status=TrainingSession.Status.CANCELLED, cancelled_at__lt=now - cancelled_retention()
        )

    def for_page(self):
        return self.select_related("programme", "responsible_body", "recording_captions").prefetch_related(
            "audience_committees"
        )

    def annotate_attendance(self, politician):
        """The politician's sign-up status and recorded attendance on each session."""
        theirs = signups().filter(session=OuterRef("pk"), politician=politician)
        return self.annotate(
            my_status=Subquery(theirs.values("status")[:1]), my_attended=Subquery(theirs.values("attended")[:1])
        )

    def for_audience(self, audience, committee=None):
        sessions = self.filter(audience=audience)
        if committee is not None:
            sessions = sessions.filter(pk__in=self._with_committees([committee.pk]))
        return sessions

    def for_politician(self, politician):
        """Sessions meant for the politician, or that they signed up for. A programme's
        audience is read from the memberships of its period; until the register holds
        those, from the politician's latest earlier period (the new term's first weeks)."""
        condition = Q(audience=Audience.ALL) | Q(
            pk__in=signups().active().filter(politician=politician).values("session_id")
        )
        memberships = list(
            Membership.objects.filter(politician=politician).values_list(
                "period_id", "period__starts_on", "committee_id", "role"
            )
        )
        if not memberships:
            return self.filter(condition)
        first_start = min(row[1] for row in memberships)
        for period_id, starts_on in originals(TrainingProgrammePage.objects).values_list("period_id", "period__starts_on"):
            earlier = [row for row in memberships if row[1] <= starts_on]
            if not earlier:
                continue
            source_start = max(row[1] for row in earlier)
            rows = [row for row in earlier if row[1] == source_start]
            committees = [row[2] for row in rows]
            presidium = [row[2] for row in rows if row[3] in Membership.PRESIDIUM_ROLES]
            in_period = Q(programme__period_id=period_id)
            if first_start == starts_on:
                condition |= in_period & Q(audience=Audience.NEW_MEMBERS)
            condition |= in_period & Q(audience=Audience.COMMITTEES, pk__in=self._with_committees(committees))
            if presidium:
                # Presidiums of chosen committees, or every presidium when none is chosen.
                condition |= in_period & Q(audience=Audience.PRESIDIUMS) & (
                    Q(pk__in=self._with_committees(presidium)) | ~Exists(self._committee_links(OuterRef("pk")))
                )
        return self.filter(condition)

    @staticmethod
    def _committee_links(session_ref):
        return TrainingSession.audience_committees.through.objects.filter(trainingsession_id=session_ref)

    @staticmethod
    def _with_committees(committee_ids):
        through = TrainingSession.audience_committees.through
        return through.objects.filter(committee_id__in=committee_ids).values("trainingsession_id")


class TrainingSession(PreviewableMixin, DraftStateMixin, RevisionMixin, ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planerad")
        MOVED = "moved", _("flyttad")
        CANCELLED = "cancelled", _("inställd")

    uid = models.UUIDField(_("kalender-id"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("ändringsnummer"), default=0, editable=False)
    programme = models.ForeignKey(
        "training.TrainingProgrammePage",
        verbose_name=_("utbildningsprogram"),
        on_delete=models.PROTECT,
        related_name="sessions",
        # Sessions belong to the Swedish programme page; its translations show the same sessions.
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    title = models.CharField(_("rubrik"), max_length=200)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=80, blank=True, editable=False)
    programme_year = models.PositiveSmallIntegerField(
        _("programår"), choices=PROGRAMME_YEARS, help_text=_("Vilket år av mandatperioden (1–4).")
    )
    all_day = models.BooleanField(_("heldag"), default=False, help_text=_("Tiderna ignoreras; bara datumen gäller."))
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    location = models.CharField(_("plats"), max_length=200, blank=True)
    online_url = models.URLField(_("länk för att delta på distans"), blank=True)
    responsible_body = models.ForeignKey(
        "visits.Committee", verbose_name=_("ansvarig"), on_delete=models.PROTECT, related_name="training_sessions"
    )
    audience = models.CharField(_("målgrupp"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    audience_committees = ParentalManyToManyField(
        "visits.Committee",
        verbose_name=_("nämnder i målgruppen"),
        blank=True,
        related_name="+",
        help_text=_("För ”ledamöter i valda nämnder” (obligatoriskt) och ”presidier” (tomt: alla presidier)."),
    )
    description = models.TextField(_("beskrivning"), blank=True, help_text=_("Vanlig text; tomma rader blir stycken."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.TextField(
        _("orsak"), blank=True, help_text=_("Obligatoriskt när tillfället ställs in; visas för deltagarna.")
    )
    cancelled_at = models.DateTimeField(_("inställd den"), null=True, blank=True, editable=False)
    capacity = models.PositiveIntegerField(
        _("antal platser"), null=True, blank=True, help_text=_("Tomt: obegränsat. Fullt ger en väntelista.")
    )
    signup_deadline = models.DateTimeField(
        _("sista anmälningsdag"), null=True, blank=True, help_text=_("Tomt: anmälan stänger när tillfället börjar.")
    )
    recording_url = models.URLField(_("länk till inspelning"), blank=True)
    recording_captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("undertextfil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("WebVTT-fil med undertexter till inspelningen."),
    )
    recording_captioned_at_source = models.BooleanField(
        _("inspelningen är textad hos videotjänsten"), default=False
    )
    materials = StreamField(
        [("document", DocumentChooserBlock(label=_("dokument")))], verbose_name=_("material"), blank=True
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    modified_at = models.DateTimeField(_("ändrad"), default=timezone.now, editable=False)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("utbildningstillfälle")
        verbose_name_plural = _("utbildningstillfällen")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="training_session_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="training_session_capacity"),
        ]

    def __str__(self):
        return self.title

    # --- derived values -------------------------------------------------------------
    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at)

    @property
    def month(self):
        return self.local_start.date().replace(day=1)

    @property
    def has_published_recording(self):
        return bool(self.recording_url) and self.recording_has_captions

    @property
    def recording_has_captions(self):
        return bool(self.recording_captions_id) or self.recording_captioned_at_source

    @property
    def effective_deadline(self):
        return self.signup_deadline or self.starts_at

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    def is_open_for_signup(self, now=None):
        return self.live and not self.is_cancelled and (now or timezone.now()) < self.effective_deadline

    # --- places: sign-up, waiting list, cancellation ----------------------------------------
    def sign_up(self, politician, now=None):
        """Sign the politician up, or put them on the waiting list when the session is full."""
        Status = self.signups.model.Status
        now = now or timezone.now()
        with transaction.atomic():
            # The row lock makes concurrent sign-ups for one session take turns (PostgreSQL);
            # SQLite's IMMEDIATE transactions already serialise writers.
            session = type(self).objects.select_for_update().get(pk=self.pk)
            if not session.is_open_for_signup(now):
                raise SignUpError(gettext("Anmälan till det här tillfället är stängd."))
            signup = session.signups.filter(politician=politician).first()
            if signup and signup.status != Status.CANCELLED:
                return signup
            confirmed = session.signups.filter(status=Status.CONFIRMED).count()
            full = session.capacity is not None and confirmed >= session.capacity
            if signup is None:
                signup = session.signups.model(session=session, politician=politician)
            signup.status, signup.queued_at = Status.WAITING if full else Status.CONFIRMED, now
            signup.save()
            return signup

    def cancel_sign_up(self, politician, now=None):
        """Cancel the politician's sign-up; a freed place goes to the first on the waiting list."""
        now = now or timezone.now()
        with transaction.atomic():
            session = type(self).objects.select_for_update().get(pk=self.pk)
            if not session.live or now >= session.effective_deadline:
                raise SignUpError(gettext("Det går inte längre att avanmäla sig. Kontakta nämndsekreteraren."))
            signup = session.signups.active().filter(politician=politician).first()
            if signup is None:
                raise SignUpError(gettext("Du är inte anmäld till det här tillfället."))
            signup.status = signup.Status.CANCELLED
            signup.save(update_fields=["status", "updated_at"])
            return session.promote_waiting()

    def promote_waiting(self):
        """Fill free places from the waiting list and tell each person moved up. Call with the
        session row locked, inside the transaction that freed the place."""
        Status = self.signups.model.Status
        promoted = []
        confirmed = self.signups.filter(status=Status.CONFIRMED).count()
        while self.capacity is None or confirmed < self.capacity:
            waiting = (
                self.signups.filter(status=Status.WAITING)
                .select_related("politician__user")
                .order_by("queued_at", "pk")
                .first()
            )
            if waiting is None:
                break
            waiting.status = Status.CONFIRMED
            waiting.save(update_fields=["status", "updated_at"])
            confirmed += 1
            promoted.append(waiting)
            politician = waiting.politician
            queue_mail_in_language([mail_recipient(politician)], lambda: self._promotion_message(politician))
        return promoted

    def _promotion_message(self, politician):
        start = timezone.localtime(self.starts_at)
        url = self.get_url()
        if not url.startswith("http"):  # one site: a path below the configured public address
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
        subject = gettext("Du har fått en plats: %(title)s") % {"title": self.title}
        body = gettext(
            "Hej %(name)s!\n\nEn plats har blivit ledig och du är nu anmäld till %(title)s, "
            "%(date)s kl. %(time)s.\n\nPlats: %(place)s\nMer information och avanmälan: %(url)s\n"
        ) % {
            "name": politician.first_name,
            "title": self.title,
            "date": start.strftime("%Y-%m-%d"),
            "time": start.strftime("%H:%M"),
            "place": self.location or self.online_url,
            "url": url,
        }
        return subject, body

    def get_url(self, request=None):
        """The session's page below its programme page, in the visitor's language."""
        return localized_url(self.programme, request) + self.programme.session_path(self)

    def get_full_url(self, request=None):
        return self.programme.get_full_url(request) + self.programme.session_path(self)

    # --- validation and saving ----------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.all_day and self.starts_at and self.ends_at:
            self.starts_at, self.ends_at = local_midnight(self.starts_at), local_midnight(self.ends_at)
        if self.starts_at and self.ends_at:
            if self.ends_at < self.starts_at or (not self.all_day and self.ends_at == self.starts_at):
                errors["ends_at"] = _("Tillfället måste sluta efter att det börjar.")
            if self.signup_deadline and self.signup_deadline > self.starts_at:
                errors["signup_deadline"] = _("Sista anmälningsdag måste vara före att tillfället börjar.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("Antal platser måste vara minst 1, eller tomt för obegränsat.")
        if self.status == self.Status.CANCELLED and not self.status_reason.strip():
            errors["status_reason"] = _("Ange varför tillfället ställs in.")
        if self.recording_url and not self.recording_has_captions:
            errors["recording_url"] = _(
                "En inspelning kan inte publiceras utan undertexter: ladda upp en undertextfil eller "
                "markera att inspelningen är textad hos videotjänsten."
            )
        if self.location == "" and self.online_url == "":
            errors["location"] = _("Ange en plats, en länk för att delta på distans eller båda.")
        if self.programme_id and self.starts_at and self.programme_year:
            period = self.programme.period
            expected = local_date(self.starts_at).year - period.starts_on.year + 1
            if not period.starts_on <= local_date(self.starts_at) <= period.ends_on:
                errors["starts_at"] = _("Tillfället måste ligga inom mandatperioden %(period)s.") % {"period": period}
            elif expected != self.programme_year:
                errors["programme_year"] = _("Datumet ligger i programår %(year)s.") % {"year": expected}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        more_places = False
        if update_fields is None:
            more_places = self._track_changes()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if more_places:
                # The UPDATE above holds the row lock that sign-ups take, so this is safe.
                self.promote_waiting()

    def _track_changes(self):
        """Slug, stamps, UID and SEQUENCE from the stored row; True when places were added."""
        self.slug = slugify(self.title)[:80] or "tillfalle"
        self.modified_at = timezone.now()
        stored = None
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values("uid", "sequence", "status", "cancelled_at",
                                                                  "capacity", *SIGNIFICANT_FIELDS).first()
        if stored is None:
            self.cancelled_at = self.modified_at if self.is_cancelled else None
            return False
        # A revision being published carries the values it was saved with: the stored
        # row is the truth for the identity and the counter.
        self.uid = stored["uid"]
        changed = any(getattr(self, name) != stored[name] for name in SIGNIFICANT_FIELDS)
        self.sequence = stored["sequence"] + (1 if changed else 0)
        if self.is_cancelled:
            self.cancelled_at = stored["cancelled_at"] or self.modified_at
        else:
            self.cancelled_at = None
        old_capacity = stored["capacity"]
        return old_capacity is not None and (self.capacity is None or self.capacity > old_capacity)

    # --- preview ----------------------------------------------------------------------------
    def get_preview_template(self, request, mode_name):
        return "training/training_session.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(page_view(self, "session_context", request, preview=True))
        context["page"] = self.programme
        return context


def set_session_urls(sessions, request=None):
    """Sets `url` on each session: its page in the visitor's language, one query for them all."""
    programmes = {session.programme_id: session.programme for session in sessions}
    shown = dict(zip(programmes, localize_pages(programmes.values(), request)))
    for session in sessions:
        session.url = shown[session.programme_id].localized_url + session.programme.session_path(session)
    return sessions


def local_date(moment):
    return timezone.localtime(moment).date()


def local_midnight(moment):
    return timezone.make_aware(datetime.combine(local_date(moment), time.min))


def mail_recipient(politician):
    """The politician's account (mailed in its language) when it has an address, else the register's address."""
    return politician.user if politician.user_id and politician.user.email else politician.email

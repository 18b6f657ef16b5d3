"""Training sessions: snippets with drafts, revisions and preview. A session keeps one
UID for life and raises its SEQUENCE on every change a calendar must show."""

import uuid
from functools import partial
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin

from cms import memo, roles
from cms.mail import queue_mail_in_language
from cms.page_views import page_view
from cms.translations import localized_url, originals
from visits.register.models import Membership

from .programme import TrainingProgrammePage

DATE_AND_TIME = "l j F Y, \\k\\l. H.i"  # torsdag 4 februari 2027, kl. 09.00
END_ON_ANOTHER_DAY = "j F Y, \\k\\l. H.i"
PROGRAMME_YEARS = [(year, _("år %(year)s") % {"year": year}) for year in range(1, 5)]
# Changes to these fields are what a subscribed calendar must pick up (RFC 5545 SEQUENCE).
SIGNIFICANT_FIELDS = ("title", "starts_at", "ends_at", "all_day", "location", "online_url", "status")


class SignUpError(Exception):
    """A sign-up or cancellation that the rules refuse; the message is for the user."""


LISTING_FIELDS = (
    "pk", "programme_id", "title", "slug", "programme_year", "all_day", "starts_at", "ends_at", "audience", "status",
    "recording_url", "recording_captions_id", "recording_captioned_at_source", "live", "with_staff",
    "responsible_body__name",
)


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
    STAFF = "staff", _("förvaltningschefer och nämndsekreterare")


def is_training_staff(user):
    """Heads of administration and committee secretaries: the staff seed 003 expects at the
    basic programme. They sign up as themselves (a user), not as a politician."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_insyn_training_staff"):
        user._insyn_training_staff = (
            user.groups.filter(name__in=[roles.HEADS_OF_ADMINISTRATION, roles.SECRETARIES]).exists()
            or user.administered_committees.exists()
        )
    return user._insyn_training_staff


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

    def for_listing(self):
        """What the programme listing shows of each session, and no more: every column and
        joined row costs Python time per session (the programme page, a Page, most of all).
        Call `with_committee_names` on the sessions read."""
        return self.select_related("responsible_body").only(*LISTING_FIELDS)


    def annotate_attendance(self, politician):
        """The politician's sign-up status and recorded attendance on each session."""
        theirs = signups().filter(session=OuterRef("pk"), politician=politician)
        return self.annotate(
            my_status=Subquery(theirs.values("status")[:1]), my_attended=Subquery(theirs.values("attended")[:1])
        )

    def for_staff(self):
        return self.filter(Q(audience=Audience.STAFF) | Q(with_staff=True))

    def for_audience(self, audience, committee=None):
        if audience == Audience.STAFF:
            return self.for_staff()
        sessions = self.filter(audience=audience)
        if committee is not None:
            sessions = sessions.filter(pk__in=self._with_committees([committee.pk]))
        return sessions

    def for_politician(self, politician):
        """Sessions meant for the politician, or that they signed up for. The sessions of a
        chosen audience (a committee's members, presidiums, new members) are picked in Python
        from one query and kept per generation (cms.memo: a new membership or session shows at
        the next request), so the condition stays three short tests however many programmes
        and committees there are."""
        chosen = memo.shared(("training-audience", politician.pk), lambda: sessions_for_audiences_of(politician))
        condition = Q(audience=Audience.ALL) | Q(
            pk__in=signups().active().filter(politician=politician).values("session_id")
        )
        if chosen:
            condition |= Q(pk__in=chosen)
        return self.filter(condition)

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
    with_staff = models.BooleanField(
        _("även förvaltningschefer och nämndsekreterare"),
        default=False,
        help_text=_("De kan då anmäla sig, till exempel till grundutbildningen. Gäller alltid målgruppen "
                    "”förvaltningschefer och nämndsekreterare”."),
    )
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
    def is_for_staff(self):
        return self.audience == Audience.STAFF or self.with_staff

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at)

    @property
    def month(self):
        return self.local_start.date().replace(day=1)

    @cached_property
    def when_html(self):
        """When it takes place, as the listings and the session's page show it: worked out once
        per session in Python (in a template, an include with six date filters per row)."""
        start, end = self.local_start, self.local_end
        same_day = start.date() == end.date()
        if self.all_day:
            html = format_html('<time datetime="{}">{}</time>', start.date().isoformat(), dateformat.format(start, "l j F Y"))
            if not same_day:
                html += format_html(' – <time datetime="{}">{}</time>', end.date().isoformat(), dateformat.format(end, "l j F Y"))
            return html + format_html(" ({})", gettext("heldag"))
        return format_html(
            '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>',
            start.isoformat(), dateformat.format(start, DATE_AND_TIME),
            end.isoformat(), dateformat.format(end, "H.i" if same_day else END_ON_ANOTHER_DAY),
        )

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
    def sign_up(self, politician=None, now=None, *, staff=None):
        """Sign a politician (or a member of staff, for a session meant for them) up, or put
        them on the waiting list when the session is full."""
        if politician is None and staff is None:
            raise ValueError("A sign-up needs a politician or a member of staff.")
        Status = self.signups.model.Status
        now = now or timezone.now()
        with transaction.atomic():
            # The row lock makes concurrent sign-ups for one session take turns (PostgreSQL);
            # SQLite's IMMEDIATE transactions already serialise writers.
            session = type(self).objects.select_for_update().get(pk=self.pk)
            if not session.is_open_for_signup(now):
                raise SignUpError(gettext("Anmälan till det här tillfället är stängd."))
            if politician is None and not session.is_for_staff:
                raise SignUpError(gettext(
                    "Tillfället är till för förtroendevalda. Förvaltningschefer och nämndsekreterare anmäler sig "
                    "till tillfällen som är öppna för dem."
                ))
            signup = session.signups.of(politician, staff).first()
            if signup and signup.status != Status.CANCELLED:
                return signup
            confirmed = session.signups.filter(status=Status.CONFIRMED).count()
            full = session.capacity is not None and confirmed >= session.capacity
            if signup is None:
                signup = session.signups.model(session=session, politician=politician,
                                               staff=None if politician else staff)
            signup.status, signup.queued_at = Status.WAITING if full else Status.CONFIRMED, now
            signup.save()
            # The receipt is queued with the sign-up: both are stored, or neither.
            queue_mail_in_language([signup.recipient], lambda: session._sign_up_message(signup))
            return signup

    def cancel_sign_up(self, politician=None, now=None, *, staff=None):
        """Cancel a sign-up; a freed place goes to the first on the waiting list."""
        now = now or timezone.now()
        with transaction.atomic():
            session = type(self).objects.select_for_update().get(pk=self.pk)
            if not session.live or now >= session.effective_deadline:
                raise SignUpError(gettext("Det går inte längre att avanmäla sig. Kontakta nämndsekreteraren."))
            signup = session.signups.active().of(politician, staff).first()
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
                .select_related("politician__user", "staff")
                .order_by("queued_at", "pk")
                .first()
            )
            if waiting is None:
                break
            waiting.status = Status.CONFIRMED
            waiting.save(update_fields=["status", "updated_at"])
            confirmed += 1
            promoted.append(waiting)
            queue_mail_in_language([waiting.recipient], partial(self._promotion_message, waiting))
        return promoted

    def _promotion_message(self, signup):
        start = timezone.localtime(self.starts_at)
        url = self._full_url()
        subject = gettext("Du har fått en plats: %(title)s") % {"title": self.title}
        body = gettext(
            "Hej %(name)s!\n\nEn plats har blivit ledig och du är nu anmäld till %(title)s, "
            "%(date)s kl. %(time)s.\n\nPlats: %(place)s\nMer information och avanmälan: %(url)s\n"
        ) % {
            "name": signup.first_name,
            "title": self.title,
            "date": start.strftime("%Y-%m-%d"),
            "time": start.strftime("%H:%M"),
            "place": self.location or self.online_url,
            "url": url,
        }
        return subject, body

    def _full_url(self):
        url = self.get_url()
        if not url.startswith("http"):  # one site: a path below the configured public address
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
        return url

    def _sign_up_message(self, signup):
        """The receipt for a sign-up: what the politician signed up for and what happens next."""
        start = timezone.localtime(self.starts_at)
        deadline = timezone.localtime(self.effective_deadline)
        values = {
            "name": signup.first_name,
            "title": self.title,
            "date": start.strftime("%Y-%m-%d"),
            "time": start.strftime("%H:%M"),
            "place": self.location or self.online_url,
            "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
            "url": self._full_url(),
        }
        if signup.status == signup.Status.WAITING:
            position = self.signups.filter(status=signup.Status.WAITING, queued_at__lte=signup.queued_at).count()
            values["position"] = position
            subject = gettext("Du står på väntelistan: %(title)s") % values
            body = gettext(
                "Hej %(name)s!\n\n%(title)s, %(date)s kl. %(time)s, är fullt. Du står på väntelistan, plats "
                "%(position)s.\n\nVad händer nu: blir en plats ledig får du den i tur och ordning och ett mejl om "
                "det. Vill du inte längre ha en plats kan du lämna väntelistan fram till %(deadline)s.\n\n"
                "Tillfället och väntelistan: %(url)s\n"
            ) % values
        else:
            subject = gettext("Du är anmäld: %(title)s") % values
            body = gettext(
                "Hej %(name)s!\n\nDu är anmäld till %(title)s, %(date)s kl. %(time)s.\nPlats: %(place)s\n\n"
                "Vad händer nu: tillfället finns på Mina sidor och i din personliga kalender. Ändras tiden eller "
                "ställs tillfället in syns det där. Kan du inte komma, avanmäl dig senast %(deadline)s så att "
                "platsen går till någon annan.\n\nMer information och avanmälan: %(url)s\n"
            ) % values
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


def with_committee_names(sessions):
    """Sets `committee_names` (the audience committees' short names) on each session, from one
    query: cheaper than prefetching through the cluster relation, which clones a queryset per row."""
    names = {}
    links = (
        TrainingSession.audience_committees.through.objects.filter(trainingsession_id__in=[s.pk for s in sessions])
        .order_by("committee__name")
        .values_list("trainingsession_id", "committee__short_name")
    )
    for session_id, short_name in links:
        names.setdefault(session_id, []).append(short_name)
    for session in sessions:
        session.committee_names = names.get(session.pk, [])
    return sessions


def audience_rules(politician):
    """{programme id: (new member, committee ids, presidium committee ids)} for the programmes
    the politician has memberships for. A programme's audience is read from the memberships
    of its period; until the register holds those, from the politician's latest earlier
    period (the new term's first weeks)."""
    memberships = list(
        Membership.objects.filter(politician=politician).order_by().values_list("period__starts_on", "committee_id", "role")
    )
    if not memberships:
        return {}
    first_start = min(row[0] for row in memberships)
    rules = {}
    for programme_id, starts_on in originals(TrainingProgrammePage.objects).order_by().values_list("pk", "period__starts_on"):
        earlier = [row for row in memberships if row[0] <= starts_on]
        if not earlier:
            continue
        latest = max(row[0] for row in earlier)
        source = [row for row in earlier if row[0] == latest]
        rules[programme_id] = (
            first_start == starts_on,
            {row[1] for row in source},
            {row[1] for row in source if row[2] in Membership.PRESIDIUM_ROLES},
        )
    return rules


def sessions_for_audiences_of(politician):
    """Ids of the sessions with a chosen audience that the politician belongs to, from one
    query over those sessions and their committees (drafts too: callers filter further)."""
    rules = audience_rules(politician)
    if not rules:
        return ()
    sessions = {}
    rows = (
        TrainingSession.objects.filter(programme_id__in=rules)
        .exclude(audience=Audience.ALL)
        .order_by()
        .values_list("pk", "programme_id", "audience", "audience_committees")
    )
    for pk, programme_id, audience, committee_id in rows:
        committees = sessions.setdefault(pk, (programme_id, audience, set()))[2]
        if committee_id is not None:
            committees.add(committee_id)
    chosen = []
    for pk, (programme_id, audience, committees) in sessions.items():
        new_member, members_of, presidium_of = rules[programme_id]
        if (
            (audience == Audience.NEW_MEMBERS and new_member)
            or (audience == Audience.COMMITTEES and committees & members_of)
            # Presidiums of chosen committees, or every presidium when none is chosen.
            or (audience == Audience.PRESIDIUMS and presidium_of and (not committees or committees & presidium_of))
        ):
            chosen.append(pk)
    return tuple(sorted(chosen))


def local_date(moment):
    return timezone.localtime(moment).date()


def local_midnight(moment):
    return timezone.make_aware(datetime.combine(local_date(moment), time.min))

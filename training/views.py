"""Views of the training programme: page contexts (called by the routable page), the
calendar feeds, sign-up and the renewal of a personal feed link."""

import re
from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cms import memo
from cms.confirm import confirmation_page, confirmed
from cms.page_views import serves
from cms.translations import localized_url, original_of
from visits.register.models import Committee, Politician

from .feeds import committee_events, feed_base, personal_events, serve_feed
from .forms import ProgrammeFilterForm
from .models import (
    Audience,
    CalendarToken,
    SignUp,
    SignUpError,
    TrainingProgrammePage,
    TrainingSession,
    with_committee_names,
)
from .models.sessions import is_training_staff

AUDIENCE_FEEDS = {
    "alla": Audience.ALL,
    "presidier": Audience.PRESIDIUMS,
    "nya-fortroendevalda": Audience.NEW_MEMBERS,
    "forvaltningen": Audience.STAFF,
}
COMMITTEE_FEED_PREFIX = "namnd-"
TOKEN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")  # secrets.token_urlsafe, as CalendarToken.key holds it


def participant(user):
    """Who the user signs up as: {"politician": …} for a politician of the register, {"staff": user}
    for a head of administration or committee secretary, or None."""
    politician = Politician.objects.for_user(user)
    if politician is not None:
        return {"politician": politician}
    if is_training_staff(user):
        return {"staff": user}
    return None


def feed_links(request, path):
    """The https address to copy and the webcal:// address that opens a calendar app."""
    https = request.build_absolute_uri(path)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


class CountedPaginator(Paginator):
    """A paginator told its count (read with the counts per programme year): no COUNT query."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@serves(TrainingProgrammePage, "programme_context")
def programme_context(page, request):
    """One programme year a page (`?ar=1..4`, by default the year of today), 20 sessions a page
    (`?sida=`), grouped by month: the cost of the page stays the same however long the
    programme grows. A translation of the page shows its Swedish original's sessions. The
    listing reads the user only for "only mine" (`?mina=`): what each participant sees of their
    own (sign-up status, the filter's checkbox) are personal parts, so everyone else's page is
    one copy shared by all (cms.page_cache)."""
    shown, page = page, original_of(page)
    who = participant(request.user) if request.GET.get("mina") else None
    politician = who.get("politician") if who else None
    bodies = memo.shared(("programme-bodies", page.pk), lambda: list(
        Committee.objects.filter(training_sessions__programme=page, training_sessions__live=True).distinct()))
    form = ProgrammeFilterForm(request.GET or None, bodies, who)
    sessions = page.sessions.published()
    valid = form.is_bound and form.is_valid()
    if valid:
        if form.cleaned_data["malgrupp"]:
            sessions = sessions.for_audience(form.cleaned_data["malgrupp"])
        if form.cleaned_data["ansvarig"]:
            sessions = sessions.filter(responsible_body=form.cleaned_data["ansvarig"])
        if who and form.cleaned_data.get("mina"):
            if politician:
                sessions = sessions.for_politician(politician)
            else:
                mine = SignUp.objects.active().of(**who).values("session_id")
                sessions = sessions.filter(Q(pk__in=mine) | Q(audience=Audience.STAFF) | Q(with_staff=True))
    counts = dict(sessions.order_by().values_list("programme_year").annotate(count=Count("pk")))
    year = form.cleaned_data.get("ar") if form.is_bound else None
    if year is None:
        year = page.year_of(timezone.localdate())
        if not counts.get(year) and counts:
            year = min(counts, key=lambda other: (abs(other - year), other))
    listed = sessions.filter(programme_year=year).for_listing()
    page_obj = CountedPaginator(listed, page.SESSIONS_PER_PAGE, counts.get(year, 0)).get_page(request.GET.get("sida"))
    base = localized_url(shown, request)
    now = timezone.now()
    months = OrderedDict()
    for session in with_committee_names(list(page_obj.object_list)):
        session.url = base + page.session_path(session)
        session.past = session.is_past(now)
        months.setdefault(session.month, []).append(session)
    return {
        "filter_form": form,
        "year": year,
        "years": [
            {"year": number, "calendar_year": page.calendar_year(number), "count": counts.get(number, 0),
             "current": number == year}
            for number in range(1, 5)
        ],
        "months": list(months.items()),
        "page_obj": page_obj,
        "feed": feed_links(request, reverse("training:feed_programme", args=[page.pk])),
        "audience_feeds": audience_feed_links(request, page),
    }


def audience_feed_links(request, programme):
    """One feed per audience, with the programme's sessions only (never another period's)."""
    return [{"slug": slug, "name": name, **feed_links(request, path)}
            for slug, name, path in audience_feed_paths(programme.pk)]


def audience_feed_paths(programme_pk):
    """(slug, name, path) of each audience's feed of a programme, worked out once per generation."""

    def paths():
        audiences = [(slug, _("utbildningar för %(audience)s") % {"audience": audience.label})
                     for slug, audience in AUDIENCE_FEEDS.items()]
        audiences += [(COMMITTEE_FEED_PREFIX + slug, _("utbildningar för ledamöter i %(name)s") % {"name": name})
                      for slug, name in Committee.objects.order_by("name").values_list("slug", "name")]
        return [(slug, name, reverse("training:feed_programme_audience", args=[programme_pk, slug]))
                for slug, name in audiences]

    return memo.shared(("audience-feed-paths", programme_pk, get_language()), paths)


@serves(TrainingSession, "session_context")
def session_context(session, request, preview=False):
    who = None if preview else participant(request.user)
    politician = who.get("politician") if who else None
    # A member of staff signs up only where the session is meant for them.
    may_sign_up = bool(politician) or bool(who and session.is_for_staff)
    signup = None
    if may_sign_up:
        signup = SignUp.objects.active().of(**who).filter(session=session).first()
    now = timezone.now()
    counts = {"confirmed": 0, "waiting": 0}
    if session.pk:
        for status in session.signups.active().values_list("status", flat=True):
            counts["confirmed" if status == SignUp.Status.CONFIRMED else "waiting"] += 1
    waiting_position = None
    if signup and signup.status == SignUp.Status.WAITING:
        waiting_position = (
            session.signups.filter(status=SignUp.Status.WAITING, queued_at__lte=signup.queued_at).count()
        )
    feed = None
    if session.pk and session.live:
        feed = feed_links(request, reverse("training:feed_session", args=[session.pk, session.slug]))
    return {
        "session": session,
        "politician": politician,
        "may_sign_up": may_sign_up,
        "staff_not_invited": bool(who and not politician and not session.is_for_staff),
        "signup": signup,
        "waiting_position": waiting_position,
        "is_past": session.is_past(now),
        "open_for_signup": session.is_open_for_signup(now),
        "places_left": None if session.capacity is None else max(session.capacity - counts["confirmed"], 0),
        "counts": counts,
        "feed": feed,
        "preview": preview,
    }


# --- feeds (GET and HEAD: a calendar app may check a feed with HEAD first) -------------------------


def _programme(pk):
    """A live, public programme page: its feeds carry its own sessions, not another period's."""
    if pk is None:
        return None
    return get_object_or_404(TrainingProgrammePage.objects.live().public(), pk=pk)


@require_safe
def feed_all(request, programme=None):
    programme = _programme(programme)
    sessions = TrainingSession.objects.in_feed()
    if programme is None:
        name, filename = _("Utbildning för förtroendevalda"), "utbildning.ics"
    else:
        sessions = sessions.filter(programme=programme)
        name, filename = programme.title, f"utbildning-{programme.slug}.ics"
    return serve_feed(
        request,
        sessions,
        name,
        filename,
        description=_("Alla publicerade utbildningstillfällen för förtroendevalda."),
    )


@require_safe
def feed_audience(request, audience, programme=None):
    programme = _programme(programme)
    sessions, extra = TrainingSession.objects.in_feed(), ()
    if programme is not None:
        sessions = sessions.filter(programme=programme)
    if audience in AUDIENCE_FEEDS:
        target = AUDIENCE_FEEDS[audience]
        sessions, label = sessions.for_audience(target), target.label
    elif audience.startswith(COMMITTEE_FEED_PREFIX):
        committee = get_object_or_404(Committee, slug=audience.removeprefix(COMMITTEE_FEED_PREFIX))
        sessions = sessions.for_audience(Audience.COMMITTEES, committee)
        label = _("ledamöter i %(name)s") % {"name": committee.name}
        extra = lambda: committee_events(committee, feed_base(request))  # noqa: E731 (read only when the feed is built)
    else:
        raise Http404
    name = _("Utbildning för %(audience)s") % {"audience": label}
    if programme is not None:
        name = f"{programme.title}: {label}"
    return serve_feed(request, sessions, name, f"utbildning-{audience}.ics", extra_events=extra)


@require_safe
def feed_session(request, pk, slug):
    session = get_object_or_404(TrainingSession.objects.published().only("pk", "title", "slug"), pk=pk)
    if slug != session.slug:
        # A renamed session keeps its feed: clients follow a permanent redirect (and some re-subscribe).
        return redirect(reverse("training:feed_session", args=[session.pk, session.slug]), permanent=True)
    sessions = TrainingSession.objects.published().filter(pk=session.pk)
    return serve_feed(request, sessions, session.title, f"utbildning-{session.pk}.ics")


@require_safe
def feed_personal(request, key):
    # Only a key's own alphabet reaches the database: PostgreSQL refuses a NUL in text (a 500).
    if not TOKEN_KEY.fullmatch(key):
        raise Http404
    token = CalendarToken.objects.serving().select_related("politician").filter(key=key).first()
    if token is None:
        raise Http404
    sessions = TrainingSession.objects.in_feed().for_politician(token.politician)
    return serve_feed(
        request,
        sessions,
        _("Mina utbildningar"),
        "mina-utbildningar.ics",
        private=True,
        extra_events=lambda: personal_events(token.politician, feed_base(request)),
    )


# --- actions of a logged-in politician --------------------------------------------------------------


def _participant_or_403(request):
    who = participant(request.user)
    if who is None:
        raise PermissionDenied(_(
            "Bara förtroendevalda i registret, förvaltningschefer och nämndsekreterare kan anmäla sig."
        ))
    return who


@login_required
@require_POST
def sign_up(request, pk):
    who = _participant_or_403(request)
    session = get_object_or_404(TrainingSession.objects.published().select_related("programme"), pk=pk)
    action = request.POST.get("atgard")
    try:
        if action == "anmal":
            signup = session.sign_up(**who)
            if signup.status == SignUp.Status.WAITING:
                messages.success(request, _("Tillfället är fullt. Du står på väntelistan och får ett mejl om du får plats."))
            else:
                messages.success(request, _("Du är anmäld till %(title)s.") % {"title": session.title})
        elif action == "avanmal":
            session.cancel_sign_up(**who)
            messages.success(request, _("Du är avanmäld från %(title)s.") % {"title": session.title})
        else:
            messages.error(request, _("Okänd åtgärd. Försök igen från tillfällets sida."))
    except SignUpError as error:
        messages.error(request, str(error))
    return redirect(session.get_url(request))


@login_required
@require_POST
def renew_calendar_token(request):
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        raise PermissionDenied(_("Bara förtroendevalda i registret har en personlig kalender."))
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Skapa en ny kalenderlänk?"),
            consequences=[
                _("Den nuvarande adressen till din personliga kalender slutar fungera direkt och kan inte slås på igen."),
                _("Kalendrar som prenumererar på den gamla adressen slutar uppdateras. Lägg in den nya adressen "
                  "i dem efteråt."),
                _("Gör det här om någon annan kan ha fått tag på adressen."),
            ],
            button=_("Skapa ny länk"),
            cancel_url=reverse("my_pages") + "#mina-utbildningar-rubrik",
        )
    CalendarToken.objects.renew(politician)
    messages.success(request, _("Du har fått en ny kalenderlänk. Den gamla fungerar inte längre."))
    return redirect(reverse("my_pages") + "#mina-utbildningar-rubrik")

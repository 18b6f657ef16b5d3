"""Views of the training programme: page contexts (called by the routable page), the
calendar feeds, sign-up and the renewal of a personal feed link."""

import re
from collections import OrderedDict
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.page_views import serves
from cms.translations import localized_url, original_of
from visits.register.models import Committee, Politician

from .feeds import personal_sources, serve_feed
from .forms import ProgrammeFilterForm
from .models import Audience, CalendarToken, SignUp, SignUpError, TrainingProgrammePage, TrainingSession

AUDIENCE_FEEDS = {
    "alla": Audience.ALL,
    "presidier": Audience.PRESIDIUMS,
    "nya-fortroendevalda": Audience.NEW_MEMBERS,
}
COMMITTEE_FEED_PREFIX = "namnd-"
TOKEN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")  # secrets.token_urlsafe, as CalendarToken.key holds it


def feed_links(request, path):
    """The https address to copy and the webcal:// address that opens a calendar app."""
    https = request.build_absolute_uri(path)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@serves(TrainingProgrammePage, "programme_context")
def programme_context(page, request):
    politician = Politician.objects.for_user(request.user)
    # The sessions belong to the Swedish programme page; a translation shows the same ones.
    programme = original_of(page)
    bodies = list(Committee.objects.filter(training_sessions__programme=programme, training_sessions__live=True).distinct())
    form = ProgrammeFilterForm(request.GET or None, bodies, politician)
    sessions = programme.sessions.published().for_page()
    if form.is_bound and form.is_valid():
        if form.cleaned_data["malgrupp"]:
            sessions = sessions.filter(audience=form.cleaned_data["malgrupp"])
        if form.cleaned_data["ansvarig"]:
            sessions = sessions.filter(responsible_body=form.cleaned_data["ansvarig"])
        if politician and form.cleaned_data.get("mina"):
            sessions = sessions.for_politician(politician)
    if politician:
        mine = SignUp.objects.active().filter(session=OuterRef("pk"), politician=politician)
        sessions = sessions.annotate(my_status=Subquery(mine.values("status")[:1]))
    base = localized_url(page, request)
    now = timezone.now()
    years = []
    for year, in_year in groupby(sessions, key=lambda s: s.programme_year):
        months = OrderedDict()
        for session in in_year:
            session.url = base + page.session_path(session)
            session.past = session.is_past(now)
            months.setdefault(session.month, []).append(session)
        years.append({"year": year, "months": list(months.items())})
    return {
        "filter_form": form,
        "politician": politician,
        "years": years,
        "feed": feed_links(request, reverse("training:feed_all")),
        "audience_feeds": audience_feed_links(request),
    }


def audience_feed_links(request):
    links = [
        {"label": label, **feed_links(request, reverse("training:feed_audience", args=[slug]))}
        for slug, label in ((slug, audience.label) for slug, audience in AUDIENCE_FEEDS.items())
    ]
    for committee in Committee.objects.order_by("name"):
        path = reverse("training:feed_audience", args=[COMMITTEE_FEED_PREFIX + committee.slug])
        links.append({"label": _("Ledamöter i %(name)s") % {"name": committee.name}, **feed_links(request, path)})
    return links


@serves(TrainingSession, "session_context")
def session_context(session, request, preview=False):
    politician = None if preview else Politician.objects.for_user(request.user)
    signup = None
    if politician:
        signup = SignUp.objects.active().filter(session=session, politician=politician).first()
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
        "signup": signup,
        "waiting_position": waiting_position,
        "is_past": session.is_past(now),
        "open_for_signup": session.is_open_for_signup(now),
        "places_left": None if session.capacity is None else max(session.capacity - counts["confirmed"], 0),
        "counts": counts,
        "feed": feed,
        "preview": preview,
    }


# --- feeds --------------------------------------------------------------------------------------


@require_GET
def feed_all(request):
    return serve_feed(
        request,
        TrainingSession.objects.in_feed(),
        _("Utbildning för förtroendevalda"),
        "utbildning.ics",
        description=_("Alla publicerade utbildningstillfällen för förtroendevalda."),
    )


@require_GET
def feed_audience(request, audience):
    sessions = TrainingSession.objects.in_feed()
    if audience in AUDIENCE_FEEDS:
        target = AUDIENCE_FEEDS[audience]
        sessions, label = sessions.for_audience(target), target.label
    elif audience.startswith(COMMITTEE_FEED_PREFIX):
        committee = get_object_or_404(Committee, slug=audience.removeprefix(COMMITTEE_FEED_PREFIX))
        sessions = sessions.for_audience(Audience.COMMITTEES, committee)
        label = _("ledamöter i %(name)s") % {"name": committee.name}
    else:
        raise Http404
    name = _("Utbildning för %(audience)s") % {"audience": label}
    return serve_feed(request, sessions, name, f"utbildning-{audience}.ics")


@require_GET
def feed_session(request, pk, slug):
    session = get_object_or_404(TrainingSession.objects.published().only("pk", "title"), pk=pk)
    sessions = TrainingSession.objects.published().filter(pk=session.pk)
    return serve_feed(request, sessions, session.title, f"utbildning-{session.pk}.ics")


@require_GET
def feed_personal(request, key):
    # Only a key's own alphabet reaches the database: PostgreSQL refuses a NUL in text (a 500).
    if not TOKEN_KEY.fullmatch(key):
        raise Http404
    token = CalendarToken.objects.active().select_related("politician").filter(key=key).first()
    if token is None:
        raise Http404
    sessions = TrainingSession.objects.in_feed().for_politician(token.politician)
    return serve_feed(
        request,
        sessions,
        _("Mina utbildningar"),
        "mina-utbildningar.ics",
        extra_state=(token.pk,),
        private=True,
        sources=personal_sources(token.politician),
    )


# --- actions of a logged-in politician --------------------------------------------------------------


def _politician_or_403(request):
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        raise PermissionDenied(_("Bara förtroendevalda i registret kan anmäla sig."))
    return politician


@login_required
@require_POST
def sign_up(request, pk):
    politician = _politician_or_403(request)
    session = get_object_or_404(TrainingSession.objects.published().select_related("programme"), pk=pk)
    action = request.POST.get("atgard")
    try:
        if action == "anmal":
            signup = session.sign_up(politician)
            if signup.status == SignUp.Status.WAITING:
                messages.success(request, _("Tillfället är fullt. Du står på väntelistan och får ett mejl om du får plats."))
            else:
                messages.success(request, _("Du är anmäld till %(title)s.") % {"title": session.title})
        elif action == "avanmal":
            session.cancel_sign_up(politician)
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
    CalendarToken.objects.renew(politician)
    messages.success(request, _("Du har fått en ny kalenderlänk. Den gamla fungerar inte längre."))
    return redirect(reverse("my_pages") + "#mina-utbildningar-rubrik")

"""Admin for training: the session snippets, attendance and exports, and the politician's
part of "Mina sidor"."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_columns import YesNoColumn
from cms.translations import localize_pages, originals
from visits.register.models import Politician

from . import admin_views
from .forms import TrainingSessionAdminForm
from .models import CalendarToken, SignUp, TrainingProgrammePage, TrainingSession
from .models.sessions import is_training_staff
from .models.signups import has_personal_feed
from .views import feed_links


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Utbildningstillfällen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "starts_at", "programme_year", "responsible_body", "status", YesNoColumn("live", label=_("Publicerad"))]
    list_filter = ["programme_year", "status", "audience", "responsible_body"]
    search_fields = ["title"]
    ordering = ["starts_at"]

    edit_handler = ObjectList([
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("programme_year"), FieldPanel("responsible_body")]),
        MultiFieldPanel(
            [FieldPanel("all_day"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("Tid (svensk tid)"),
        ),
        MultiFieldPanel([FieldPanel("location"), FieldPanel("online_url")], heading=_("Plats")),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("audience_committees"), FieldPanel("with_staff")], heading=_("Målgrupp")
        ),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_reason")], heading=_("Status")),
        MultiFieldPanel([FieldPanel("capacity"), FieldPanel("signup_deadline")], heading=_("Anmälan")),
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("recording_captions"), FieldPanel("recording_captioned_at_source")],
            heading=_("Inspelning"),
        ),
        FieldPanel("materials"),
    ], base_form_class=TrainingSessionAdminForm)


register_snippet(TrainingSessionViewSet)


@hooks.register("register_admin_urls")
def attendance_urls():
    return [
        path("utbildning/narvaro/", admin_views.session_index, name="training_attendance_index"),
        path("utbildning/narvaro/<int:pk>/", admin_views.session_attendance, name="training_attendance"),
        path("utbildning/narvaro/<int:pk>/export.<str:fmt>", admin_views.export_session, name="training_export_session"),
        path("utbildning/deltagare/", admin_views.politician_index, name="training_politician_index"),
        path(
            "utbildning/deltagare/<int:pk>/export.<str:fmt>",
            admin_views.export_politician,
            name="training_export_politician",
        ),
    ]


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_record_attendance(request.user)


@hooks.register("register_admin_menu_item")
def attendance_menu_item():
    return AttendanceMenuItem(
        _("Närvaro på utbildningar"), reverse("training_attendance_index"), icon_name="tasks", order=310
    )


# Mina sidor lists this many of the politician's past sessions, the latest.
PAST_SESSIONS_SHOWN = 10


def session_urls(sessions, request=None):
    """Each session's address in the visitor's language from its programme's, worked out once per
    programme (Wagtail's `get_url` reverses a URL pattern on every call). Returns the sessions."""
    programmes = {session.programme_id: session.programme for session in sessions}
    prefixes = dict(zip(programmes, (page.localized_url for page in localize_pages(programmes.values(), request))))
    for session in sessions:
        session.url = prefixes[session.programme_id] + session.programme.session_path(session)
    return sessions


@hooks.register("insyn_my_pages_sections")
def my_training(request):
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        return None
    now = timezone.now()
    signups = list(
        SignUp.objects.active()
        .filter(politician=politician, session__live=True)
        .select_related("session__programme")
        .order_by("session__starts_at")
    )
    session_urls([signup.session for signup in signups], request)
    latest = list(
        TrainingSession.objects.published()
        .for_politician(politician)
        .filter(ends_at__lt=now)
        .exclude(status=TrainingSession.Status.CANCELLED)
        .select_related("programme")
        .annotate_attendance(politician)
        .order_by("-starts_at", "-pk")[: PAST_SESSIONS_SHOWN + 1]
    )
    past = latest[:PAST_SESSIONS_SHOWN][::-1]
    session_urls(past, request)
    feed = None
    if has_personal_feed(request.user):
        token = CalendarToken.objects.current_for(politician)
        feed = feed_links(request, reverse("training:feed_personal", args=[token.key]))
    return {
        "id": "mina-utbildningar",
        "title": _("Mina utbildningar"),
        "template": "training/my_pages_training.html",
        "order": 30,
        "upcoming": [s for s in signups if s.session.ends_at >= now],
        "attended_past": past,
        "more_past": len(latest) > PAST_SESSIONS_SHOWN,
        "past_shown": PAST_SESSIONS_SHOWN,
        "feed": feed,
    }


@hooks.register("insyn_my_pages_sections")
def staff_training(request):
    """Heads of administration and committee secretaries: the sessions open to them and their sign-ups."""
    from django.db.models import OuterRef, Subquery

    if not is_training_staff(request.user) or Politician.objects.for_user(request.user) is not None:
        return None
    mine = SignUp.objects.active().of(staff=request.user).filter(session=OuterRef("pk"))
    sessions = list(
        TrainingSession.objects.published().for_staff().filter(ends_at__gte=timezone.now())
        .select_related("programme").annotate(my_status=Subquery(mine.values("status")[:1])).order_by("starts_at")
    )
    for session in sessions:
        session.url = session.get_url(request)
    return {
        "id": "utbildningar-forvaltningen",
        "title": _("Utbildningar för förvaltningschefer och nämndsekreterare"),
        "template": "training/my_pages_staff.html",
        "order": 30,
        "sessions": sessions,
    }


@hooks.register("insyn_politician_activity_counts")
def attended_training_counts(politicians, year):
    """Attended training sessions per politician in the calendar year: visits shows them beside a
    contact politician's activities, and never counts them as activities in a unit's area."""
    from django.db.models import Count

    rows = (SignUp.objects.filter(politician__in=[p.pk for p in politicians], attended=True,
                                  session__starts_at__year=year)
            .order_by().values_list("politician_id").annotate(n=Count("pk")))
    return dict(rows)


@hooks.register("insyn_search_results")
def search_sessions(query, limit=20):
    """Published sessions of live, public programme pages for the site search."""
    programmes = originals(TrainingProgrammePage.objects.live().public())
    sessions = TrainingSession.objects.published().filter(programme__in=programmes).select_related("programme")
    for word in query.split():
        sessions = sessions.filter(title__icontains=word)
    return [
        {"kind": gettext("Utbildning"), "title": session.title, "url": session.url,
         "text": date_format(timezone.localtime(session.starts_at), "j F Y")}
        for session in session_urls(list(sessions.order_by("-starts_at")[:limit]))
    ]

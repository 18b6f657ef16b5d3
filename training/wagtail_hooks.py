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

from cms.translations import originals
from visits.register.models import Politician

from . import admin_views
from .forms import TrainingSessionAdminForm
from .models import CalendarToken, SignUp, TrainingProgrammePage, TrainingSession
from .models.sessions import set_session_urls
from .views import feed_links


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Utbildningstillfällen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "starts_at", "programme_year", "responsible_body", "status", "live"]
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
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("audience_committees")], heading=_("Målgrupp")),
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
    set_session_urls([signup.session for signup in signups], request)
    basic = list(
        TrainingSession.objects.published()
        .for_politician(politician)
        .filter(ends_at__lt=now)
        .exclude(status=TrainingSession.Status.CANCELLED)
        .select_related("programme")
        .annotate_attendance(politician)
    )
    set_session_urls(basic, request)
    token = CalendarToken.objects.current_for(politician)
    return {
        "id": "mina-utbildningar",
        "title": _("Mina utbildningar"),
        "template": "training/my_pages_training.html",
        "order": 30,
        "upcoming": [s for s in signups if s.session.ends_at >= now],
        "attended_past": basic,
        "feed": feed_links(request, reverse("training:feed_personal", args=[token.key])),
    }


@hooks.register("insyn_politician_activity_counts")
def attended_training_counts(politicians, year):
    """For the visits summary: attended training sessions per politician in the calendar year."""
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
        for session in set_session_urls(list(sessions.order_by("-starts_at")[:limit]))
    ]

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("utbildning/kalender.ics", views.feed_all, name="feed_all"),
    path("utbildning/kalender/<slug:audience>.ics", views.feed_audience, name="feed_audience"),
    # One programme's sessions (a programme page offers these; the two above carry every period).
    path("utbildning/program/<int:programme>/kalender.ics", views.feed_all, name="feed_programme"),
    path(
        "utbildning/program/<int:programme>/kalender/<slug:audience>.ics",
        views.feed_audience,
        name="feed_programme_audience",
    ),
    path("utbildning/<int:pk>-<slug:slug>/kalender.ics", views.feed_session, name="feed_session"),
    path("utbildning/<int:pk>/anmalan/", views.sign_up, name="sign_up"),
    path("kalender/<str:key>.ics", views.feed_personal, name="feed_personal"),
    path("mina-sidor/kalender/ny-lank/", views.renew_calendar_token, name="renew_calendar_token"),
]

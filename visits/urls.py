from django.urls import include, path

urlpatterns = [
    path("mina-sidor/besok/", include("visits.requests.urls")),
    path("rapporter/", include("visits.reports.urls")),
    path("mina-sidor/synpunkter/", include("visits.feedback.urls")),
    path("mina-sidor/nyhetsbrev/", include("visits.newsletters.urls")),
    path("mina-sidor/aktiviteter/", include("visits.requests.activities.urls")),
]

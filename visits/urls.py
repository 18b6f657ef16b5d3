from django.urls import include, path

urlpatterns = [
    path("mina-sidor/besok/", include("visits.visit_urls")),
    path("rapporter/", include("visits.report_urls")),
    path("", include("visits.feedback_urls")),
]

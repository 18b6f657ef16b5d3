"""Reports, mounted at /rapporter/ by visits/urls.py."""

from django.urls import path

from . import views as report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.report_list, name="list"),
    path("sammanstallning/", report_views.summary_page, name="summary"),
    path("<int:pk>/", report_views.report_detail, name="detail"),
]

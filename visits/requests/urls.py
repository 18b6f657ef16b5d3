"""Visit requests on Mina sidor, mounted at /mina-sidor/besok/ by visits/urls.py."""

from django.urls import path

from . import views as visit_views

app_name = "visit_requests"

urlpatterns = [
    path("", visit_views.overview, name="overview"),
    path("presidiebesok/", visit_views.presidium_plan_view, name="presidium_plan"),
    path("enheter/<slug:unit_slug>/dokument/", visit_views.unit_documents, name="unit_documents"),
    path("dokument/<int:pk>/", visit_views.document_file, name="document_file"),
    path("ny/<slug:unit_slug>/", visit_views.new_request, name="new"),
    path("<int:pk>/", visit_views.detail, name="detail"),
    path("<int:pk>/fragor/<int:question_pk>/svara/", visit_views.answer, name="answer"),
    path("<int:pk>/<slug:action_slug>/", visit_views.act, name="act"),
]

"""Activities on Mina sidor, mounted at /mina-sidor/aktiviteter/ by visits/urls.py."""

from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("ny/<slug:unit_slug>/", views.record, name="record"),
    path("<int:pk>/ta-bort/", views.remove, name="remove"),
]

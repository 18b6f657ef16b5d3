"""Newsletters on Mina sidor, mounted at /mina-sidor/nyhetsbrev/ by visits/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.newsletter_list, name="newsletter_list"),
    path("nytt/", views.newsletter_create, name="newsletter_create"),
    path("<int:pk>/", views.newsletter_detail, name="newsletter_detail"),
    path("<int:pk>/bilaga.pdf", views.newsletter_pdf, name="newsletter_pdf"),
]

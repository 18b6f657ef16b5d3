"""Feedback handling on Mina sidor, mounted at /mina-sidor/synpunkter/ by visits/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.feedback_list, name="feedback_list"),
    path("<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("<int:pk>/svara/", views.feedback_answer, name="feedback_answer"),
    path("<int:pk>/avsluta/", views.feedback_close, name="feedback_close"),
]

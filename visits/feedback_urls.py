from django.urls import path

from . import feedback_views, newsletter_views

urlpatterns = [
    path("mina-sidor/synpunkter/", feedback_views.feedback_list, name="feedback_list"),
    path("mina-sidor/synpunkter/<int:pk>/", feedback_views.feedback_detail, name="feedback_detail"),
    path("mina-sidor/synpunkter/<int:pk>/svara/", feedback_views.feedback_answer, name="feedback_answer"),
    path("mina-sidor/synpunkter/<int:pk>/avsluta/", feedback_views.feedback_close, name="feedback_close"),
    path("mina-sidor/nyhetsbrev/", newsletter_views.newsletter_list, name="newsletter_list"),
    path("mina-sidor/nyhetsbrev/nytt/", newsletter_views.newsletter_create, name="newsletter_create"),
    path("mina-sidor/nyhetsbrev/<int:pk>/", newsletter_views.newsletter_detail, name="newsletter_detail"),
    path("mina-sidor/nyhetsbrev/<int:pk>/bilaga.pdf", newsletter_views.newsletter_pdf, name="newsletter_pdf"),
]

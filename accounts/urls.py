from django.urls import path

from . import views

urlpatterns = [
    path("logga-in/oidc/", views.OIDCStartView.as_view(), name="oidc_authentication_init"),
    path("logga-in/oidc/callback/", views.OIDCCallbackView.as_view(), name="oidc_authentication_callback"),
    path("utloggad/", views.logged_out, name="logged_out"),
    path("konto/verifiera/", views.verify, name="two_factor_verify"),
    path("konto/tvastegsverifiering/", views.setup, name="two_factor_setup"),
    path("konto/tvastegsverifiering/reservkoder/", views.recovery_codes, name="two_factor_recovery_codes"),
    path("konto/tvastegsverifiering/stang-av/", views.turn_off, name="two_factor_turn_off"),
]

from django.urls import path

from . import views

# Registered at the identity provider exactly as they are, so they stay out of the language prefix.
provider_urlpatterns = [
    path("logga-in/oidc/", views.OIDCStartView.as_view(), name="oidc_authentication_init"),
    path("logga-in/oidc/callback/", views.OIDCCallbackView.as_view(), name="oidc_authentication_callback"),
]

urlpatterns = [
    path("utloggad/", views.logged_out, name="logged_out"),
    path("konto/verifiera/", views.verify, name="two_factor_verify"),
    path("konto/tvastegsverifiering/", views.setup, name="two_factor_setup"),
    path("konto/tvastegsverifiering/reservkoder/", views.recovery_codes, name="two_factor_recovery_codes"),
    path("konto/tvastegsverifiering/stang-av/", views.turn_off, name="two_factor_turn_off"),
    path("konto/sprak/", views.language, name="account_language"),
]

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Inloggning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, second_factor  # noqa: F401  (system checks, login signal)

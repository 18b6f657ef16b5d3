from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Kontaktpolitiker")

    def ready(self):
        # The rooms' views register what their pages serve (cms.page_views).
        for room in ("register", "requests", "reports", "feedback", "evaluation"):
            import_module(f"visits.{room}.views")

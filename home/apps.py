from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Webbplats")

    def ready(self):
        # The views register what the styrdokument index serves (cms.page_views).
        from . import views  # noqa: F401

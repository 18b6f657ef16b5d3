from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Utbildning")

    def ready(self):
        # The views register what the programme page serves (cms.page_views).
        from . import views  # noqa: F401

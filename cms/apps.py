from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Insyn")

    def ready(self):
        # The page cache's invalidation signals must be connected in every process (task
        # worker, publish_scheduled, imports, migrate), not only in the web workers.
        from . import checks, page_cache  # noqa: F401
        # Logins happen in tests and management commands before any middleware is loaded.
        from . import sessions  # noqa: F401
        from .translations import ensure_locales

        # Turning a language on is a setting: its Wagtail locale appears at the next migrate.
        post_migrate.connect(ensure_locales, sender=self)

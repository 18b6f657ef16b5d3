"""Wagtail looks for an app's hooks here; each room registers its own admin parts."""

from .evaluation import wagtail_hooks as evaluation_hooks  # noqa: F401
from .feedback import wagtail_hooks as feedback_hooks  # noqa: F401
from .newsletters import wagtail_hooks as newsletter_hooks  # noqa: F401
from .register import wagtail_hooks as register_hooks  # noqa: F401
from .reports import wagtail_hooks as report_hooks  # noqa: F401
from .requests import wagtail_hooks as request_hooks  # noqa: F401
from .requests.activities import wagtail_hooks as activity_hooks  # noqa: F401

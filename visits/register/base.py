"""What every register row carries."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stamped(models.Model):
    """When a register row was made and last changed (open data reports them; rows from
    before the fields existed carry the time of the migration that added them)."""

    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True

"""When each feed address was first answered with its current ETag: its Last-Modified."""

import hashlib
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServedFeed(models.Model):
    """One row per feed address (a digest of base, path and language: personal keys are not
    stored). In the database rather than the cache, so every worker gives the same date."""

    key = models.CharField(_("adress (sha-256)"), max_length=64, unique=True)
    etag = models.CharField(_("ETag"), max_length=64)
    since = models.DateTimeField(_("först levererad"))

    class Meta:
        verbose_name = _("levererat kalenderflöde")
        verbose_name_plural = _("levererade kalenderflöden")

    def __str__(self):
        return f"{self.etag} ({self.since:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def first_served(cls, address, etag, now=None):
        """When `address` was first answered with `etag`. A new ETag gets a time at least a
        second after the one before, so a client that sends only If-Modified-Since never
        keeps old data, even after two changes within one second."""
        key = hashlib.sha256(address.encode()).hexdigest()
        now = (now or timezone.now()).replace(microsecond=0)
        row = cls.objects.filter(key=key).values("etag", "since").first()
        if row is None:
            # bulk_create sends no post_save, which would clear the page cache (cms/page_cache.py).
            cls.objects.bulk_create([cls(key=key, etag=etag, since=now)], ignore_conflicts=True)
            return now
        if row["etag"] == etag:
            return row["since"]
        since = max(now, row["since"] + timedelta(seconds=1))
        # Conditional on the ETag read: of two workers that see the change at once, one writes.
        cls.objects.filter(key=key, etag=row["etag"]).update(etag=etag, since=since)
        return since

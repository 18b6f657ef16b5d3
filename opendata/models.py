"""What open data needs to know that the other apps' rows do not say: when an object that
clients may hold was deleted (a tombstone), when an object's published form changed because
something it shows changed elsewhere (a touch), and the digest of the System and Body
objects, which are made from settings rather than rows."""

from django.db import IntegrityError, models, transaction
from django.utils import timezone


class Tombstone(models.Model):
    """A deleted object: OParl keeps its id, created and the time of deletion."""

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    created = models.DateTimeField()
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_tombstone_per_object")]

    def __str__(self):
        return f"{self.kind} {self.object_id} (borttagen {self.deleted_at:%Y-%m-%d %H:%M})"

    @classmethod
    def record(cls, kind, object_id, created, at=None):
        at = at or timezone.now()
        cls.objects.bulk_create(
            [cls(kind=kind, object_id=object_id, created=created or at, deleted_at=at)],
            update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=["deleted_at"],
        )


class Touch(models.Model):
    """The last time an object's published form changed through another row (a membership
    of a person, the publication state of the page that shows it, a view restriction)."""

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_touch_per_object")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.at:%Y-%m-%d %H:%M})"

    @classmethod
    def record(cls, kind, object_ids, at=None):
        at = at or timezone.now()
        rows = [cls(kind=kind, object_id=object_id, at=at) for object_id in set(object_ids) if object_id]
        if rows:
            cls.objects.bulk_create(rows, update_conflicts=True, unique_fields=["kind", "object_id"],
                                    update_fields=["at"])


class Snapshot(models.Model):
    """The digest of an object made from settings (System, Body): `modified` is the first
    time a different content was served, so it changes exactly when the content does."""

    key = models.CharField(max_length=40, unique=True)
    digest = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)
    modified = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key

    @classmethod
    def stamp(cls, key, digest):
        """(created, modified) for the content with `digest`, recording a change when it differs."""
        snapshot = cls.objects.filter(key=key).first()
        if snapshot is None:
            try:
                with transaction.atomic():
                    return cls.objects.create(key=key, digest=digest).stamps
            except IntegrityError:  # another request made it first
                snapshot = cls.objects.get(key=key)
        if snapshot.digest != digest:
            now = timezone.now()
            # Conditional on the digest read, so two requests never both move `modified`.
            cls.objects.filter(pk=snapshot.pk, digest=snapshot.digest).update(digest=digest, modified=now)
            snapshot = cls.objects.get(pk=snapshot.pk)
        return snapshot.stamps

    @property
    def stamps(self):
        return self.created, self.modified

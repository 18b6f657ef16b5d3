from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutboxMessage(models.Model):
    """A mail saved together with the record that caused it, and sent by the task queue."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckades, försöks igen")

    recipients = models.JSONField(pgettext_lazy("flertal", "mottagare"), default=list)
    subject = models.CharField(_("ämne"), max_length=255)
    body = models.TextField(_("text"))
    reply_to = models.EmailField(_("svara till"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("påbörjat"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")

    def __str__(self):
        return f"{self.subject} → {', '.join(self.recipients)}"

"""Review reminders for governing documents: the dashboard list and the daily mail."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.mail import queue_mail_in_language

from .models import GoverningDocumentPage, GoverningDocumentReviewReminder

REVIEW_NOTICE_DAYS = 60


def documents_due_for_review(today=None):
    return GoverningDocumentPage.objects.due_for_review(today, within_days=REVIEW_NOTICE_DAYS)


def reminder_text(document, today):
    if document.next_review_on < today:
        when = _("skulle ha reviderats senast %(date)s") % {"date": document.next_review_on.isoformat()}
    else:
        when = _("ska revideras senast %(date)s") % {"date": document.next_review_on.isoformat()}
    subject = _("Påminnelse: %(title)s %(when)s") % {"title": document.title, "when": when}
    body = _(
        "Hej!\n\nStyrdokumentet ”%(title)s” (diarienummer %(diary)s, antaget av %(body)s) %(when)s.\n"
        "Dokumentansvarig: %(role)s.\n\nSe dokumentet: %(url)s\n\n"
        "Det här meddelandet skickas en gång per dokument och revideringsdatum."
    ) % {
        "title": document.title,
        "diary": document.diary_number,
        "body": document.adopted_by.name,
        "when": when,
        "role": document.owner_role,
        "url": document.full_url or "",
    }
    return subject, body


def send_review_reminders(today=None):
    """Queue one reminder per document and review date; returns how many were queued now."""
    today = today or timezone.localdate()
    already = GoverningDocumentReviewReminder.objects.values_list("page_id", "review_on")
    sent = set(already)
    queued = 0
    for document in documents_due_for_review(today):
        if (document.pk, document.next_review_on) in sent:
            continue
        try:
            with transaction.atomic():
                GoverningDocumentReviewReminder.objects.create(
                    page=document, review_on=document.next_review_on, recipient=document.owner_email
                )
                # A role's mailbox reads the site's language.
                queue_mail_in_language([document.owner_email], lambda: reminder_text(document, today))
        except IntegrityError:
            continue  # another run queued it at the same moment
        queued += 1
    return queued

"""The one way Insyn sends mail: save it in the outbox and let the task queue deliver it.

A caller saves its own record and calls `queue_mail` inside one `transaction.atomic()`;
with the database task backend the queued task is a row in the same transaction, so the
record, the message and the task are stored together or not at all.

Mail that Django or Wagtail sends by itself (moderation and workflow notices) takes the same
way: `OutboxEmailBackend` is Django's EMAIL_BACKEND, and only the task that delivers an outbox
message talks to the mail server, through `INSYN_DELIVERY_EMAIL_BACKEND`.
Messages go out in the recipient's language: `queue_mail_in_language` composes the message once
per language among the recipients, with that language active.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django_tasks import task

from .models import OutboxMessage

# A message claimed this long ago without being marked sent is assumed lost with its worker.
STALE_CLAIM = timedelta(minutes=15)


def queue_mail(recipients, subject, body, reply_to=""):
    recipients = sorted({address.strip() for address in recipients if address and address.strip()})
    if not recipients:
        return None
    # A line break in a header makes Django refuse to send: the message would stay in the outbox.
    subject = " ".join(str(subject).split())[:255]
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            recipients=recipients, subject=subject, body=body, reply_to=reply_to
        )
        send_outbox_message.enqueue(message.pk)
    return message


class OutboxEmailBackend(BaseEmailBackend):
    """Django's mail API into the outbox: a mail server that is down delays the message, and
    the web request that caused it neither waits for the server nor loses the message."""

    def send_messages(self, email_messages):
        queued = 0
        for email in email_messages:
            reply_to = email.reply_to[0] if email.reply_to else ""
            # Blind copies each get their own message, so no recipient sees them.
            batches = [[*email.to, *email.cc]] + [[address] for address in email.bcc]
            results = [queue_mail(batch, email.subject, email.body, reply_to=reply_to) for batch in batches]
            queued += any(results)
        return queued
def recipient_languages(recipients):
    """{address: language} for users, addresses and (address, language) pairs.

    A user gets the language of their account (Wagtail's preferred language, which they choose on
    Mina sidor or in the admin), Swedish when they chose none; a bare address (a registry, a role's
    mailbox) the site's language; a pair its own (a resident who wrote in English)."""
    default = settings.LANGUAGE_CODE
    known = {code for code, _name in settings.LANGUAGES}
    chosen = user_languages([r for r in recipients if hasattr(r, "pk") and getattr(r, "email", "")])
    languages = {}
    for recipient in recipients:
        if hasattr(recipient, "pk"):
            address, language = getattr(recipient, "email", ""), chosen.get(recipient.pk, default)
        elif isinstance(recipient, tuple):
            address, language = recipient
        else:
            address, language = recipient, default
        address = (address or "").strip()
        if address and (address not in languages or hasattr(recipient, "pk")):
            languages[address] = language if language in known else default
    return languages


def user_languages(users):
    """{user id: the language of their account} for the users who chose one (one query)."""
    from wagtail.users.models import UserProfile

    ids = [user.pk for user in users if user is not None]
    if not ids:
        return {}
    return dict(UserProfile.objects.filter(user__in=ids).exclude(preferred_language="")
                .values_list("user_id", "preferred_language"))


def queue_mail_in_language(recipients, compose, reply_to=""):
    """Queue one message per language among `recipients` (users, addresses or (address, language)
    pairs): `compose()` returns (subject, body) and is called with each language active, so its
    gettext calls, dates and links (`reverse`) come out in that language. Returns the messages."""
    by_language = {}
    for address, language in recipient_languages(recipients).items():
        by_language.setdefault(language, []).append(address)
    messages = []
    for language in sorted(by_language, key=lambda code: (code != settings.LANGUAGE_CODE, code)):
        with translation.override(language):
            subject, body = compose()
            message = queue_mail(by_language[language], str(subject), str(body), reply_to=reply_to)
        if message is not None:
            messages.append(message)
    return messages


def deliver(message_id):
    """Send one outbox message unless it is sent or being sent. Returns True when sent now."""
    now = timezone.now()
    with transaction.atomic():
        # The conditional update is the claim: two workers cannot both win it.
        claimed = OutboxMessage.objects.filter(
            pk=message_id, status__in=[OutboxMessage.Status.QUEUED, OutboxMessage.Status.FAILED]
        ).update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.recipients,
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={"Message-ID": f"<outbox-{message.pk}@{settings.WAGTAIL_SITE_NAME.lower()}>"},
        connection=get_connection(settings.INSYN_DELIVERY_EMAIL_BACKEND),
    )
    try:
        email.send(fail_silently=False)
    except Exception as error:  # any transport failure: keep the message for the next sweep
        OutboxMessage.objects.filter(pk=message_id).update(
            status=OutboxMessage.Status.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


@task()
def send_outbox_message(message_id):
    """The task the worker runs for each queued message."""
    return deliver(message_id)


def messages_to_retry(now=None):
    """Failed messages with attempts left, and claims whose worker died."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.FAILED, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        | Q(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
        | Q(status=OutboxMessage.Status.QUEUED, created_at__lt=now - STALE_CLAIM)
    )


def requeue_unsent(now=None):
    """Enqueue again what is unsent; run by `manage.py retry_mail` (cron or the dev loop)."""
    count = 0
    for message in messages_to_retry(now).only("pk", "status"):
        with transaction.atomic():
            if message.status == OutboxMessage.Status.SENDING:
                OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)
            send_outbox_message.enqueue(message.pk)
        count += 1
    return count

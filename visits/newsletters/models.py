"""Newsletters (rektorsbrev): a unit manager writes to the unit's contact politicians and
the committee's presidium. Recipients come from the register when it is sent, so nobody
keeps a mailing list when mandates change."""

from functools import partial

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.mail import queue_mail_in_language, user_languages
from cms.private_files import PrivateStorage, unguessable_name
from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit


def recipients_by_unit(units, today=None):
    """{unit id: [(politician, reason), ...]}: who each unit's newsletter goes to today. The
    unit's contact politicians in the current mandate period and the chair and vice chairs of
    its committee whose membership covers today; each politician once, by name, with the
    reasons as Swedish labels. Three queries however many units."""
    today = today or timezone.localdate()
    units = list(units)
    period = MandatePeriod.objects.current(today)
    people = {unit.pk: {} for unit in units}
    related = ("politician__party", "politician__user")
    if period is not None:
        for assignment in ContactAssignment.objects.filter(unit__in=units, period=period).select_related(*related):
            entry = people[assignment.unit_id].setdefault(assignment.politician_id, [assignment.politician, []])
            entry[1].insert(0, gettext("kontaktpolitiker"))
    committees = {}
    for unit in units:
        committees.setdefault(unit.committee_id, []).append(unit.pk)
    presidium = (Membership.objects.current(today).presidium().filter(committee_id__in=committees)
                 .select_related(*related).order_by("role"))
    for membership in presidium:
        for unit_id in committees[membership.committee_id]:
            entry = people[unit_id].setdefault(membership.politician_id, [membership.politician, []])
            entry[1].append(membership.get_role_display())
    return {
        unit_id: [(politician, ", ".join(reasons)) for politician, reasons in
                  sorted(found.values(), key=lambda entry: (entry[0].last_name, entry[0].first_name, entry[0].pk))]
        for unit_id, found in people.items()
    }


def newsletter_recipients(unit, today=None):
    """The politicians a unit's newsletter goes to today, with why (see recipients_by_unit)."""
    return recipients_by_unit([unit], today)[unit.pk]


def politician_address(politician):
    """Work e-mail from the register, or the address of the politician's login."""
    if politician.email:
        return politician.email
    return politician.user.email if politician.user_id and politician.user.email else ""


class Reach(models.TextChoices):
    """How a newsletter reaches a recipient, shown to the manager before sending."""

    MAIL = "mail", _("får brevet med e-post")
    MY_PAGES = "my_pages", _("ingen e-postadress: läser brevet på Mina sidor")
    NONE = "none", _("varken e-postadress eller inloggning: brevet når inte fram")


def reach(politician):
    if politician_address(politician):
        return Reach.MAIL
    return Reach.MY_PAGES if politician.user_id else Reach.NONE


class NewsletterQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("unit__committee", "author").prefetch_related(
            Prefetch("recipients", queryset=NewsletterRecipient.objects.select_related("politician__party"))
        )

    def managed_by(self, user):
        """A manager sees the newsletters of the units they lead now, whoever wrote them."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(unit__manager=user)

    def sent_to(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipients__politician__user=user).distinct()

    def visible_to(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(unit__manager=user) | Q(recipients__politician__user=user)).distinct()


def attachment_name(instance, filename):
    """The upload's own name is not kept: it could name a person, and it would make the path guessable."""
    return unguessable_name("nyhetsbrev", "pdf")


class Newsletter(models.Model):
    MAX_PDF_BYTES = 10 * 1024 * 1024

    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="newsletters")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrivet av"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("text"))
    # Only the newsletter's readers may open it: outside the public media folder (cms/private_files.py).
    pdf = models.FileField(_("bilaga (PDF)"), upload_to=attachment_name, storage=PrivateStorage(), blank=True)
    sent_at = models.DateTimeField(_("skickat"), default=timezone.now)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("nyhetsbrev")
        verbose_name_plural = pgettext_lazy("flertal", "nyhetsbrev")

    def __str__(self):
        return f"{self.title} ({self.unit})"

    def get_absolute_url(self):
        return reverse("newsletter_detail", args=[self.pk])

    def pdf_url(self):
        return reverse("newsletter_pdf", args=[self.pk]) if self.pdf else ""

    @classmethod
    def send(cls, unit, author, title, text, pdf=None, today=None, sent_at=None, deliver=True):
        """Store the newsletter, its recipients as the register says today, and one outbox
        message per recipient, all in one transaction. `deliver=False` (demo content only)
        stores the same records without mail."""
        with transaction.atomic():
            newsletter = cls.objects.create(
                unit=unit, author=author, title=title, text=text, pdf=pdf or "", sent_at=sent_at or timezone.now()
            )
            link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + newsletter.get_absolute_url()
            rows = []
            # The record names the reasons in Swedish; each mail in its recipient's language.
            with translation.override(settings.LANGUAGE_CODE):
                recipients = newsletter_recipients(unit, today=today)
            languages = user_languages([politician.user for politician, _reason in recipients if politician.user_id])
            reasons = {settings.LANGUAGE_CODE: {politician.pk: reason for politician, reason in recipients}}
            for language in set(languages.values()) - set(reasons):
                with translation.override(language):
                    reasons[language] = {politician.pk: reason for politician, reason in newsletter_recipients(unit, today)}

            def compose(politician):
                reason = reasons.get(translation.get_language(), reasons[settings.LANGUAGE_CODE])[politician.pk]
                values = {"text": text, "reason": reason, "unit": unit.name, "link": link}
                return (
                    gettext("Nyhetsbrev från %(unit)s: %(title)s") % {"unit": unit.name, "title": title},
                    gettext(
                        "%(text)s\n\n—\nSkickat till dig som %(reason)s för %(unit)s. "
                        "Brevet finns också på Mina sidor: %(link)s\n"
                    ) % values,
                )

            for politician, reason in recipients:
                address = politician_address(politician)
                message = None
                if deliver and address:
                    language = languages.get(politician.user_id, settings.LANGUAGE_CODE)
                    sent = queue_mail_in_language([(address, language)], partial(compose, politician),
                                                  reply_to=unit.public_email)
                    message = sent[0] if sent else None
                rows.append(
                    NewsletterRecipient(
                        newsletter=newsletter, politician=politician, name=politician.full_name,
                        reason=reason, email=address, mailed=message is not None if deliver else bool(address),
                    )
                )
            NewsletterRecipient.objects.bulk_create(rows)
        return newsletter

    def mailed_count(self):
        """How many recipients a mail was queued for; the others read it on Mina sidor."""
        return sum(1 for recipient in self.recipients.all() if recipient.mailed)

    @admin_display(description=pgettext_lazy("flertal", "mottagare"))
    def recipient_names(self):
        return ", ".join(f"{r.name} ({r.reason})" for r in self.recipients.all())

    def can_be_read_by(self, user):
        return Newsletter.objects.visible_to(user).filter(pk=self.pk).exists()


class NewsletterRecipient(models.Model):
    """Who a newsletter went to, as the register said when it was sent."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="recipients")
    politician = models.ForeignKey(
        Politician, verbose_name=_("politiker"), null=True, on_delete=models.SET_NULL, related_name="newsletters_received"
    )
    name = models.CharField(_("namn"), max_length=200)
    reason = models.CharField(_("som"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    mailed = models.BooleanField(_("e-post köad"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mottagare")
        verbose_name_plural = pgettext_lazy("flertal", "mottagare")
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "politician"], name="one_row_per_newsletter_recipient")
        ]

    def __str__(self):
        return f"{self.name} ({self.reason})"


__all__ = ["Newsletter", "NewsletterRecipient", "newsletter_recipients", "recipients_by_unit"]

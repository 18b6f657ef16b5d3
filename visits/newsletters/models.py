"""Newsletters (rektorsbrev): a unit manager writes to the unit's contact politicians and
the committee's presidium. Recipients come from the register when it is sent, so nobody
keeps a mailing list when mandates change."""

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
from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit


def newsletter_recipients(unit, today=None):
    """The politicians a unit's newsletter goes to today: the unit's contact politicians in
    the current mandate period and the chair and vice chairs of the unit's committee whose
    membership covers today. Each politician once, with the reasons as Swedish labels (the record;
    the mail names them in the recipient's language, `recipient_reason`)."""
    today = today or timezone.localdate()
    period = MandatePeriod.objects.current(today)
    contacts = Q(pk__in=[])
    if period is not None:
        contacts = Q(
            pk__in=ContactAssignment.objects.filter(unit=unit, period=period).values("politician_id")
        )
    presidium = Membership.objects.current(today).presidium().filter(committee_id=unit.committee_id)
    politicians = (
        Politician.objects.filter(contacts | Q(pk__in=presidium.values("politician_id")))
        .select_related("party", "user")
        .prefetch_related(
            Prefetch("memberships", queryset=presidium, to_attr="presidium_roles"),
            Prefetch(
                "contact_assignments",
                queryset=ContactAssignment.objects.filter(unit=unit, period=period) if period else
                ContactAssignment.objects.none(),
                to_attr="unit_assignments",
            ),
        )
        .order_by("last_name", "first_name")
    )
    with translation.override(settings.LANGUAGE_CODE):
        return [(politician, recipient_reason(politician)) for politician in politicians]


def recipient_reason(politician):
    """Why a politician gets the letter, in the active language (from `newsletter_recipients`'s prefetch)."""
    reasons = [str(membership.get_role_display()) for membership in politician.presidium_roles]
    if politician.unit_assignments:
        reasons.insert(0, gettext("kontaktpolitiker"))
    return ", ".join(reasons)


def politician_address(politician):
    """Work e-mail from the register, or the address of the politician's login."""
    if politician.email:
        return politician.email
    return politician.user.email if politician.user_id and politician.user.email else ""


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


class Newsletter(models.Model):
    MAX_PDF_BYTES = 10 * 1024 * 1024

    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="newsletters")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrivet av"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("text"))
    pdf = models.FileField(_("bilaga (PDF)"), upload_to="nyhetsbrev/%Y/", blank=True)
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
            rows = []
            recipients = newsletter_recipients(unit, today=today)
            languages = user_languages([politician.user for politician, _reason in recipients if politician.user_id])
            for politician, reason in recipients:
                address = politician_address(politician)
                rows.append(
                    NewsletterRecipient(
                        newsletter=newsletter, politician=politician, name=politician.full_name,
                        reason=reason, email=address,
                    )
                )
                if deliver:
                    language = languages.get(politician.user_id, settings.LANGUAGE_CODE)
                    queue_mail_in_language(
                        [(address, language)], newsletter.mail_for(politician), reply_to=unit.public_email
                    )
            NewsletterRecipient.objects.bulk_create(rows)
        return newsletter

    def mail_for(self, politician):
        """The composer of one recipient's mail (`queue_mail_in_language` calls it in their language)."""

        def compose():
            link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_absolute_url()
            values = {"text": self.text, "reason": recipient_reason(politician), "unit": self.unit.name, "link": link}
            return (
                gettext("Nyhetsbrev från %(unit)s: %(title)s") % {"unit": self.unit.name, "title": self.title},
                gettext(
                    "%(text)s\n\n—\nSkickat till dig som %(reason)s för %(unit)s. "
                    "Brevet finns också på Mina sidor: %(link)s\n"
                ) % values,
            )

        return compose

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

    class Meta:
        ordering = ["name"]
        verbose_name = _("mottagare")
        verbose_name_plural = pgettext_lazy("flertal", "mottagare")
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "politician"], name="one_row_per_newsletter_recipient")
        ]

    def __str__(self):
        return f"{self.name} ({self.reason})"


__all__ = ["Newsletter", "NewsletterRecipient", "newsletter_recipients"]

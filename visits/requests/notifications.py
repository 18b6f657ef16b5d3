"""Mail at each step of a visit, queued in the same transaction as the change.

The messages name the unit, the time and the politicians (public by their office) and
link to the visit; free text (purpose, reasons, questions) stays behind the login, so no
personal data about residents or staff ever leaves in a mail. Each recipient reads it in the
language of their account (`cms.mail.queue_mail_in_language`).
"""

import contextlib
import contextvars

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.mail import queue_mail_in_language

# The demo builds its history through the real transitions but must not mail anyone.
_muted = contextvars.ContextVar("visit_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def visit_url(visit):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("visit_requests:detail", args=[visit.pk])


def user_address(user):
    return user.email if user is not None and user.email else ""


def politician_address(politician):
    """The politician as a mail recipient: their account (and its language) when it has an address,
    else the register's address (in Swedish)."""
    if politician.user_id and politician.user.email:
        return politician.user
    return politician.email


def _when(visit):
    if not visit.starts_at:
        return ""
    starts = timezone.localtime(visit.starts_at)
    ends = timezone.localtime(visit.ends_at)
    return _("%(day)s kl. %(start)s–%(end)s") % {
        "day": formats.date_format(starts, "l j F Y"),
        "start": starts.strftime("%H:%M"),
        "end": ends.strftime("%H:%M"),
    }


def _politician_addresses(visit, exclude_user=None):
    return [
        politician_address(p)
        for p in visit.politicians
        if not (exclude_user is not None and p.user_id == exclude_user.pk)
    ]


def _manager_addresses(visit):
    return [visit.unit.manager] if visit.unit.manager_id else []


def _head_addresses(visit):
    head = visit.unit.committee.head_of_administration
    return [head] if head is not None else []


def _everyone_but(visit, actor):
    """Everybody involved in the visit except the one who acted."""
    addresses = _politician_addresses(visit, exclude_user=actor)
    if not visit.is_manager(actor):
        addresses += _manager_addresses(visit)
    if visit.routed_via_administration and not visit.is_head_of_administration(actor):
        addresses += _head_addresses(visit)
    return addresses


# step -> (subject, first line, who gets it)
STEPS = {
    "submitted": (
        gettext_lazy("Ny besöksförfrågan till %(unit)s"),
        gettext_lazy("%(name)s vill besöka %(unit)s (%(kind)s)."),
        lambda visit, actor: (
            (_head_addresses(visit) if visit.routed_via_administration else _manager_addresses(visit))
            + _politician_addresses(visit, exclude_user=actor)
        ),
    ),
    "forwarded": (
        gettext_lazy("Besöksförfrågan till %(unit)s att besluta om"),
        gettext_lazy("Förvaltningschefen har skickat förfrågan från %(name)s om att besöka %(unit)s vidare till dig."),
        lambda visit, actor: _manager_addresses(visit) + _politician_addresses(visit),
    ),
    "accepted": (
        gettext_lazy("Besöket på %(unit)s är bokat"),
        gettext_lazy("Besöket på %(unit)s är bokat %(when)s."),
        lambda visit, actor: _politician_addresses(visit, exclude_user=actor) + (
            [] if visit.is_manager(actor) else _manager_addresses(visit)
        ),
    ),
    "proposed": (
        gettext_lazy("Ny tid föreslagen för besöket på %(unit)s"),
        gettext_lazy("Enhetschefen föreslår %(when)s för besöket på %(unit)s. Godta tiden eller återkalla förfrågan."),
        lambda visit, actor: [politician_address(visit.requested_by)],
    ),
    "declined": (
        gettext_lazy("Besöket på %(unit)s är avböjt"),
        gettext_lazy("Enhetschefen har avböjt besöket på %(unit)s. Skälet står på besökets sida."),
        lambda visit, actor: _politician_addresses(visit),
    ),
    "withdrawn": (
        gettext_lazy("Besöksförfrågan till %(unit)s är återkallad"),
        gettext_lazy("%(name)s har återkallat förfrågan om att besöka %(unit)s."),
        lambda visit, actor: _manager_addresses(visit),
    ),
    "cancelled": (
        gettext_lazy("Besöket på %(unit)s är inställt"),
        gettext_lazy("Besöket på %(unit)s är inställt. Skälet står på besökets sida."),
        lambda visit, actor: _everyone_but(visit, actor),
    ),
    "held": (
        gettext_lazy("Besöket på %(unit)s är genomfört"),
        gettext_lazy("Besöket på %(unit)s är markerat som genomfört. Skriv din rapport på Mina sidor."),
        lambda visit, actor: _politician_addresses(visit),
    ),
    "reported": (
        gettext_lazy("Besöket på %(unit)s är rapporterat"),
        gettext_lazy("Rapporten om besöket på %(unit)s är inskickad."),
        lambda visit, actor: _manager_addresses(visit),
    ),
    "question": (
        gettext_lazy("Frågor inför besöket på %(unit)s"),
        gettext_lazy("%(name)s har skickat frågor inför besöket %(when)s. Läs och besvara dem på besökets sida."),
        lambda visit, actor: _manager_addresses(visit),
    ),
    "answered": (
        gettext_lazy("Svar på dina frågor inför besöket på %(unit)s"),
        gettext_lazy("Enhetschefen har svarat på en fråga inför besöket %(when)s."),
        lambda visit, actor: [],
    ),
}


def notify_step(step, visit, actor=None, recipients=None):
    """Queue the mail for one step; the caller's transaction saves it with the change."""
    if _muted.get():
        return None
    subject, first_line, recipients_for = STEPS[step]

    def compose():
        values = {
            "unit": visit.unit.name,
            "name": visit.requested_by.full_name,
            "kind": visit.get_kind_display(),
            "when": _when(visit),
        }
        body = "\n\n".join(
            [
                _("Hej!"),
                first_line % values,
                _("Läs mer och gör nästa steg här:") + "\n" + visit_url(visit),
                _("Det här meddelandet skickades automatiskt från Insyn."),
            ]
        )
        return subject % values, body

    addresses = recipients if recipients is not None else recipients_for(visit, actor)
    return queue_mail_in_language(addresses, compose)

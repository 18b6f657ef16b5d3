"""Mail at each step of a visit, queued in the same transaction as the change.

The messages name the unit, the time and the politicians (public by their office) and
link to the visit; free text (purpose, reasons, plans, questions) stays behind the login, so
no personal data about residents or staff ever leaves in a mail. A manager gets their own
mail, which ends with a link to the editors' guide for managers when one is published. Each
recipient reads it in the language of their account (`cms.mail.queue_mail_in_language`).
"""

import contextlib
import contextvars

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.mail import queue_mail_in_language
from visits.register.guide import manager_guide_paragraph

from .eligibility import secretaries as secretary_users
from .eligibility import user_name

# The demo builds its history through the real transitions but must not mail anyone.
_muted = contextvars.ContextVar("visit_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted():
    return _muted.get()


def visit_url(visit):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("visit_requests:detail", args=[visit.pk])


def user_address(user):
    """A user as a mail recipient (mailed in their account's language), or "" without an address."""
    return user if user is not None and user.email else ""


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


# Who gets a step's mail. Each takes (visit, actor) and returns recipients: users (mailed in
# their language) or addresses.


def politicians(visit, actor):
    return [politician_address(p) for p in visit.politicians]


def politicians_but_actor(visit, actor):
    return [politician_address(p) for p in visit.politicians if not (actor is not None and p.user_id == actor.pk)]


def requester(visit, actor):
    return [politician_address(visit.requested_by)]


def companions(visit, actor):
    return [politician_address(p) for p in visit.politicians[1:]]


def manager(visit, actor):
    """The manager who decides (named when forwarding, else the unit's)."""
    return [user_address(visit.deciding_manager)]


def manager_but_actor(visit, actor):
    return [] if visit.is_manager(actor) else manager(visit, actor)


def head(visit, actor):
    return [user_address(visit.unit.committee.head_of_administration)]


def head_but_actor(visit, actor):
    if not visit.routed_via_administration or visit.is_head_of_administration(actor):
        return []
    return head(visit, actor)


def secretaries(visit, actor):
    return list(secretary_users().exclude(email=""))


def secretaries_without_manager(visit, actor):
    """The secretaries, where they decide because the request has no manager."""
    return [] if visit.deciding_manager else secretaries(visit, actor)


MANAGER_GROUPS = (manager, manager_but_actor)

REFERRED_TEXT = (
    gettext_lazy("Besöksförfrågan till %(unit)s hos nämndsekreterarna"),
    gettext_lazy(
        "%(unit)s har ingen enhetschef som kan ta emot förfrågan från %(name)s (%(kind)s). Den ligger nu hos "
        "nämndsekreterarna, som ser till att ansvarig chef får den."
    ),
)

# step -> (subject, first line, who gets it)
STEPS = {
    "submitted": (
        gettext_lazy("Ny besöksförfrågan till %(unit)s"),
        gettext_lazy("%(name)s vill besöka %(unit)s (%(kind)s)."),
        lambda visit: (head,) if visit.routed_via_administration else (manager,),
    ),
    # Handed on later (by the head of administration): the politicians are told too.
    "referred": (*REFERRED_TEXT, lambda visit: (secretaries, politicians_but_actor)),
    # Sent straight to the secretaries: the politicians get the receipt and the companions' mail.
    "submitted_referred": (*REFERRED_TEXT, lambda visit: (secretaries,)),
    # The receipt and the companions' mail follow every new request; %(next)s is who decides.
    "receipt": (
        gettext_lazy("Din besöksförfrågan till %(unit)s är skickad"),
        gettext_lazy("Din förfrågan om att besöka %(unit)s (%(kind)s) är skickad. %(next)s Du får ett mejl när den är besvarad."),
        lambda visit: (requester,),
    ),
    "companion": (
        gettext_lazy("Du är med på en besöksförfrågan till %(unit)s"),
        gettext_lazy(
            "%(name)s har skickat en förfrågan om att besöka %(unit)s (%(kind)s) och tagit med dig. %(next)s "
            "Du får ett mejl när besöket är bokat."
        ),
        lambda visit: (companions,),
    ),
    "forwarded": (
        gettext_lazy("Besöksförfrågan till %(unit)s att besluta om"),
        gettext_lazy("Förfrågan från %(name)s om att besöka %(unit)s är skickad vidare till %(manager)s."),
        lambda visit: (manager, politicians),
    ),
    "accepted": (
        gettext_lazy("Besöket på %(unit)s är bokat"),
        gettext_lazy("Besöket på %(unit)s är bokat %(when)s."),
        lambda visit: (politicians_but_actor, manager_but_actor),
    ),
    "proposed": (
        gettext_lazy("Ny tid föreslagen för besöket på %(unit)s"),
        gettext_lazy("Enhetschefen föreslår %(when)s för besöket på %(unit)s. Godta tiden eller återkalla förfrågan."),
        lambda visit: (requester,),
    ),
    "declined": (
        gettext_lazy("Besöket på %(unit)s är avböjt"),
        gettext_lazy("Enhetschefen har avböjt besöket på %(unit)s. Skälet står på besökets sida."),
        lambda visit: (politicians,),
    ),
    "withdrawn": (
        gettext_lazy("Besöksförfrågan till %(unit)s är återkallad"),
        gettext_lazy("%(name)s har återkallat förfrågan om att besöka %(unit)s."),
        lambda visit: (manager, secretaries_without_manager),
    ),
    "cancelled": (
        gettext_lazy("Besöket på %(unit)s är inställt"),
        gettext_lazy("Besöket på %(unit)s är inställt. Skälet står på besökets sida."),
        lambda visit: (politicians_but_actor, manager_but_actor, head_but_actor),
    ),
    "held": (
        gettext_lazy("Besöket på %(unit)s är genomfört"),
        gettext_lazy("Besöket på %(unit)s är markerat som genomfört. Skriv din rapport på Mina sidor."),
        lambda visit: (politicians,),
    ),
    "reported": (
        gettext_lazy("Besöket på %(unit)s är rapporterat"),
        gettext_lazy("Rapporten om besöket på %(unit)s är inskickad."),
        lambda visit: (manager,),
    ),
    "joined": (
        gettext_lazy("Fler från presidiet kommer till %(unit)s"),
        gettext_lazy("%(actor)s från nämndens presidium är med på besöket på %(unit)s %(when)s."),
        lambda visit: (requester, manager),
    ),
    "question": (
        gettext_lazy("Frågor inför besöket på %(unit)s"),
        gettext_lazy("%(name)s har skickat frågor inför besöket %(when)s. Läs och besvara dem på besökets sida."),
        lambda visit: (manager,),
    ),
    "answered": (
        gettext_lazy("Svar på dina frågor inför besöket på %(unit)s"),
        gettext_lazy("Enhetschefen har svarat på en fråga inför besöket %(when)s."),
        lambda visit: (),
    ),
}


def next_step(visit):
    """Who answers a request now, said in the receipt and the companions' mail."""
    if visit.state == visit.S.REFERRED:
        return _("Nämndsekreterarna ser till att ansvarig chef får den.")
    if visit.routed_via_administration and visit.state == visit.S.REQUESTED:
        return _("Förvaltningschefen %(name)s skickar den vidare till ansvarig chef.") % {
            "name": user_name(visit.unit.committee.head_of_administration)}
    return _("%(name)s bestämmer om och när besöket blir av.") % {"name": user_name(visit.deciding_manager)}


def mail_body(first_line, url, for_manager=False):
    parts = [_("Hej!"), first_line, _("Läs mer och gör nästa steg här:") + "\n" + url]
    guide = manager_guide_paragraph() if for_manager else ""
    if guide:
        parts.append(guide)
    parts.append(_("Det här meddelandet skickades automatiskt från Insyn."))
    return "\n\n".join(parts)


def notify_new_request(visit, actor):
    """A new request: its mail to whoever answers first, a receipt to the requester and a mail
    to each companion (none without companions)."""
    notify_step("submitted_referred" if visit.state == visit.S.REFERRED else "submitted", visit, actor)
    notify_step("receipt", visit, actor)
    notify_step("companion", visit, actor)


def _by_address(recipients):
    """{address: recipient}: one mail per address, and a user's account wins over a bare address."""
    found = {}
    for recipient in recipients:
        address = getattr(recipient, "email", recipient)
        if address and (address not in found or hasattr(recipient, "pk")):
            found[address] = recipient
    return found


def notify_step(step, visit, actor=None, recipients=None):
    """Queue the mail for one step, composed in each recipient's language; the caller's
    transaction saves it with the change. The manager's copy is a mail of its own, with the
    link to the guide for managers."""
    if _muted.get():
        return []
    subject, first_line, groups_for = STEPS[step]
    url = visit_url(visit)

    def composer(for_manager=False):
        def compose():
            values = {
                "unit": visit.unit.name,
                "name": visit.requested_by.full_name,
                "kind": visit.get_kind_display(),
                "when": _when(visit),
                "manager": user_name(visit.deciding_manager),
                "actor": user_name(actor),
                "next": next_step(visit),
            }
            return subject % values, mail_body(first_line % values, url, for_manager)

        return compose

    if recipients is not None:
        return queue_mail_in_language(list(_by_address(recipients).values()), composer())
    to_managers, to_others = {}, {}
    for group in groups_for(visit):
        (to_managers if group in MANAGER_GROUPS else to_others).update(_by_address(group(visit, actor)))
    for address in to_managers:
        to_others.pop(address, None)
    messages = []
    if to_managers:
        messages += queue_mail_in_language(list(to_managers.values()), composer(for_manager=True))
    if to_others:
        messages += queue_mail_in_language(list(to_others.values()), composer())
    return messages

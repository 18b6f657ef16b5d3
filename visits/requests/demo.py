"""Demo visits for Ådala kommun: a visit in every state, one routed through the head of
administration of Kultur- och fritidsnämnden, a third visit in a year marked unpaid, a
presidium visit with a public invitation and questions sent ahead. Built through the
model's own transitions (with mail muted), so the history is real. Idempotent."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms import roles
from visits.register.models import Politician, Unit

from .models import VisitRequest
from .notifications import muted
from .questions import VisitQuestion, VisitQuestionsFormField, VisitQuestionsFormPage

QUESTION_FIELDS = [
    ("Vad vill du att enheten förbereder inför besöket?", "multiline", True,
     "Till exempel något du vill se eller en fråga om verksamhetens mål."),
    ("Vilka frågor vill du ställa till ledningen eller personalen?", "multiline", False,
     "Skriv inga namn eller uppgifter om enskilda barn, elever eller boende."),
]


def ensure_questions_page(home):
    page = VisitQuestionsFormPage.objects.child_of(home).filter(slug="fragor-infor-besok").first()
    if page is None:
        page = home.add_child(
            instance=VisitQuestionsFormPage(
                title="Frågor inför besök",
                slug="fragor-infor-besok",
                show_in_menus=False,
                intro="<p>Skicka dina frågor i god tid, så att enheten kan förbereda sig. "
                "Enhetschefen ser frågorna på besökets sida och kan svara kort.</p>",
                thank_you_text="<p>Enhetschefen har fått ett meddelande om dina frågor.</p>",
            )
        )
        for order, (label, field_type, required, help_text) in enumerate(QUESTION_FIELDS):
            VisitQuestionsFormField.objects.create(
                page=page, sort_order=order, label=label, field_type=field_type, required=required, help_text=help_text
            )
    if not PageViewRestriction.objects.filter(page=page).exists():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def local(year, month, day, hour):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def at_nine(days_from_now):
    day = timezone.localdate() + datetime.timedelta(days=days_from_now)
    return local(day.year, day.month, day.day, 9)


def ask(politician, unit, purpose, wished, year, **kwargs):
    return VisitRequest.submit(
        politician=politician, unit=unit, kind=kwargs.pop("kind", VisitRequest.Kind.CONTACT),
        wished_times=wished, purpose=purpose, year=year, by=politician.user, **kwargs,
    )


def let_secretaries_follow_visits():
    """Committee secretaries follow all requests and export the compensation ledger in the admin."""
    group = Group.objects.filter(name=roles.SECRETARIES).first()
    if group is not None:
        group.permissions.add(Permission.objects.get(content_type__app_label="visits", codename="view_visitrequest"))


@transaction.atomic
def build(home, users):
    page = ensure_questions_page(home)
    let_secretaries_follow_visits()
    if VisitRequest.objects.exists():
        return
    manager, head = users.get("enhetschef"), users.get("forvaltningschef")
    paula = Politician.objects.filter(user=users.get("politiker")).first()
    per = Politician.objects.filter(user=users.get("politiker2")).first()
    units = {unit.slug: unit for unit in Unit.objects.select_related("committee")}
    needed = ["forskolan-blabaret", "backaskolan", "strandskolan", "stadsbiblioteket", "fritidsgarden-kompassen"]
    if None in (manager, head, paula, per) or any(slug not in units for slug in needed):
        return
    # The demo manager also runs one youth centre, so a request routed through the
    # head of administration can go all the way to a decision.
    Unit.objects.filter(pk=units["fritidsgarden-kompassen"].pk, manager__isnull=True).update(manager=manager)
    units["fritidsgarden-kompassen"].manager = manager
    blabaret, backa = units["forskolan-blabaret"], units["backaskolan"]
    year = timezone.localdate().year
    with muted():
        # Two paid visits this year, then a third that is flagged unpaid before it is sent.
        past = timezone.localdate() > datetime.date(year, 2, 20)
        slots = [(1, 15), (2, 12)] if past else [(4, 15), (5, 13)]
        paid = []
        for month, day in slots:
            visit = ask(paula, blabaret, "Se hur förskolan arbetar med språkutveckling och utevistelse.",
                        "Gärna en förmiddag", year)
            visit.accept(manager, local(year, month, day, 9))
            paid.append(visit)
        if past:
            paid[0].mark_held(paula.user)
            paid[0].mark_reported(paula.user)
            paid[1].mark_held(manager)
        ask(paula, blabaret, "Följa upp förra besöket om utemiljön.", "Under hösten", year,
            companions=[per], confirm_unpaid=True)

        # A presidium visit at a workplace meeting, with an invitation to the public.
        starts = at_nine(21)
        presidium = ask(paula, backa, "Presidiebesök på arbetsplatsträff: mål, budget och kvalitet.",
                        "En eftermiddag i månaden som kommer", starts.year, kind=VisitRequest.Kind.PRESIDIUM,
                        public_invitation=True, invitation_place="Skolans matsal",
                        invitation_topic="Skolans mål, budget och kvalitet – kom och träffa presidiet")
        presidium.accept(manager, starts.replace(hour=14), starts.replace(hour=17))
        fields = list(page.form_fields.order_by("sort_order"))
        answered = VisitQuestion.objects.create(
            page=page, visit=presidium, author=paula,
            form_data={fields[0].clean_name: "Hur följer ni upp målen för läsförståelse?"},
        )
        answered.answer_with(manager, "Vi visar resultaten från de nationella proven på mötet.")
        VisitQuestion.objects.create(
            page=page, visit=presidium, author=paula,
            form_data={fields[0].clean_name: "Hur ser budgeten ut för läromedel nästa år?"},
        )

        # Per: a proposed time, a declined request and a cancelled visit.
        proposed_at = at_nine(10)
        proposal = ask(per, blabaret, "Träffa personalen och höra om arbetet med inskolning.",
                       "Vecka 2 eller 3", proposed_at.year)
        proposal.propose(manager, proposed_at.replace(hour=13), proposed_at.replace(hour=16),
                         message="Förmiddagarna är fulla. Passar en eftermiddag?")
        declined = ask(per, blabaret, "Se den nya gården.", "Nästa vecka", year)
        declined.decline(manager, "Gården byggs om just nu. Välkommen tillbaka när den är klar.")
        cancelled_at = at_nine(30)
        cancelled = ask(per, blabaret, "Besöka under temaveckan.", "Temaveckan", cancelled_at.year)
        cancelled.accept(manager, cancelled_at)
        cancelled.cancel(manager, "Personalen är på utbildning den dagen. Hör av dig om en ny tid.")

        # Paula withdraws after a proposed time that does not suit her.
        withdrawn_at = at_nine(12)
        withdrawn = ask(paula, backa, "Följa en lektion i årskurs 4.", "En tisdag", withdrawn_at.year)
        withdrawn.propose(manager, withdrawn_at, message="Tisdagar är svåra, kan du en torsdag?")
        withdrawn.withdraw(paula.user)

        # Kultur- och fritidsnämnden routes requests through the head of administration.
        library = units["stadsbiblioteket"]
        reader = library.contact_assignments.select_related("politician").first().politician
        ask(reader, library, "Se hur biblioteket arbetar med lässtimulans för unga.", "Under våren", year)
        youth = units["fritidsgarden-kompassen"]
        leader = youth.contact_assignments.select_related("politician").first().politician
        forwarded = ask(leader, youth, "Träffa ungdomsrådet och se lokalerna.", "En kväll i veckan", year)
        forwarded.forward(head)

        # An old request nobody has answered: the admin dashboard shows it.
        strand = units["strandskolan"]
        waiting = strand.contact_assignments.select_related("politician").first().politician
        ask(waiting, strand, "Se hur skolan arbetar med trygghet på rasterna.", "När det passar", year,
            now=timezone.now() - datetime.timedelta(days=20))

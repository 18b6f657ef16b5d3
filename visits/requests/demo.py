"""Demo visits for Ådala kommun, built through the model's own transitions (with mail muted) so
the history is real, on weekdays that are not holidays. Idempotent.

- Contact visits in every state; a third visit in a year marked unpaid; an evening visit whose
  time outside working hours the manager confirmed; plans for the booked visits.
- Kultur- och fritidsnämnden routes requests through the head of administration: one waits for
  the head, one is forwarded to the manager, one to a unit without a manager is handed to the
  committee secretaries; a direct request to a unit without a manager lies with the secretaries.
- Barn- och utbildningsnämndens presidium visits of the year: one held, three planned (one with
  a public invitation and questions sent ahead, one with the secretaries), the rest missing, and
  the documents the managers attached for them.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms import roles
from visits.register.documents import UnitDocument
from visits.register.models import Membership, Politician, Unit

from .models import VisitRequest
from .notifications import muted
from .questions import VisitQuestion, VisitQuestionsFormField, VisitQuestionsFormPage
from .timing import next_workday, previous_workday

QUESTION_FIELDS = [
    ("Vad vill du att enheten förbereder inför besöket?", "multiline", True,
     "Till exempel något du vill se eller en fråga om verksamhetens mål."),
    ("Vilka frågor vill du ställa till ledningen eller personalen?", "multiline", False,
     "Skriv inga namn eller uppgifter om enskilda barn, elever eller boende."),
]

PRESIDIUM_PLAN = (
    "14.00 Arbetsplatsträff i matsalen: rektorn går igenom aktivitetsplanen och budgetuppföljningen.\n"
    "15.00 Samtal med personalen i tre grupper om mål och kvalitet.\n"
    "16.00 Öppet möte för vårdnadshavare och andra som vill träffa presidiet."
)

# kind, title, lines of text: the documents managers attach before the presidium's visit
DOCUMENTS = {
    "backaskolan": [
        (UnitDocument.Kind.ACTIVITY_PLAN, "Aktivitetsplan {year}",
         ["Mål 1: Alla elever ska kunna läsa med flyt i årskurs 3.", "Mål 2: Tryggare raster med fler vuxna ute."]),
        (UnitDocument.Kind.BUDGET_FOLLOW_UP, "Budgetuppföljning efter augusti {year}",
         ["Prognos: ett litet överskott på läromedel.", "Vikariekostnaderna är högre än budgeterat."]),
    ],
    "forskolan-myrstacken": [
        (UnitDocument.Kind.ACTIVITY_PLAN, "Aktivitetsplan {year}", ["Mål: mer tid utomhus och språklekar varje dag."]),
        (UnitDocument.Kind.BUDGET_FOLLOW_UP, "Budgetuppföljning efter april {year}", ["Budgeten håller."]),
        (UnitDocument.Kind.USER_SURVEY, "Vårdnadshavarenkät {year}",
         ["92 procent känner sig trygga med förskolan.", "Önskemål: mer information om dagen."]),
    ],
}


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


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def workday_in(days):
    """The first working day `days` from today or later."""
    return next_workday(timezone.localdate() + datetime.timedelta(days=days))


def workday_ago(days):
    """The last working day at least `days` ago, or None when that is not in this year."""
    day = previous_workday(timezone.localdate() - datetime.timedelta(days=days))
    return day if day.year == timezone.localdate().year else None


def ask(politician, unit, purpose, wished, year, **kwargs):
    return VisitRequest.submit(
        politician=politician, unit=unit, kind=kwargs.pop("kind", VisitRequest.Kind.CONTACT),
        wished_times=wished, purpose=purpose, year=year, by=politician.user, **kwargs,
    )


def simple_pdf(title, lines):
    """A one-page PDF with a title and a few lines of text (Helvetica, WinAnsi for å, ä, ö)."""
    def text(value):
        return value.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    stream = b"BT /F1 16 Tf 72 760 Td (" + text(title) + b") Tj /F1 11 Tf"
    for line in lines:
        stream += b" 0 -24 Td (" + text(line) + b") Tj"
    stream += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n"
    return pdf + str(xref).encode() + b"\n%%EOF\n"


def attach_documents(units, manager, year):
    for slug, documents in DOCUMENTS.items():
        unit = units[slug]
        for kind, title, lines in documents:
            title = title.format(year=year)
            if not UnitDocument.objects.filter(unit=unit, title=title).exists():
                document = UnitDocument(unit=unit, kind=kind, title=title, uploaded_by=unit.manager or manager)
                document.file.save("dokument.pdf", ContentFile(simple_pdf(f"{unit.name}: {title}", lines)), save=False)
                document.save()


def let_secretaries_follow_visits():
    """Committee secretaries follow all requests and export the compensation ledger in the admin."""
    group = Group.objects.filter(name=roles.SECRETARIES).first()
    if group is not None:
        group.permissions.add(Permission.objects.get(content_type__app_label="visits", codename="view_visitrequest"))


def presidium(committee_short_name, role):
    membership = Membership.objects.current().filter(committee__short_name=committee_short_name, role=role).first()
    return membership.politician if membership else None


@transaction.atomic
def build(home, users):
    page = ensure_questions_page(home)
    let_secretaries_follow_visits()
    if VisitRequest.objects.exists():
        return
    manager, head = users.get("enhetschef"), users.get("forvaltningschef")
    paula = Politician.objects.filter(user=users.get("politiker")).first()
    per = Politician.objects.filter(user=users.get("politiker2")).first()
    units = {unit.slug: unit for unit in Unit.objects.select_related("committee", "manager")}
    needed = ["forskolan-blabaret", "forskolan-myrstacken", "backaskolan", "norrbyskolan", "strandskolan",
              "forskolan-lillan", "lillans-skola", "stadsbiblioteket", "fritidsgarden-kompassen",
              "fritidsgarden-lyktan", "kulturhuset-valvet"]
    if None in (manager, head, paula, per) or any(slug not in units for slug in needed):
        return
    # The demo manager also runs one youth centre, so a request routed through the
    # head of administration can go all the way to a decision.
    Unit.objects.filter(pk=units["fritidsgarden-kompassen"].pk, manager__isnull=True).update(manager=manager)
    units["fritidsgarden-kompassen"].manager = manager
    year = timezone.localdate().year
    with muted():
        contact_visits(units, manager, paula, per, year)
        administration_routes(units, head, year)
        presidium_visits(units, manager, paula, page, year)
        attach_documents(units, manager, year)


def first_contact(unit, index=0):
    return list(unit.contact_assignments.select_related("politician__user").order_by("politician__last_name"))[
        index].politician


def contact_visits(units, manager, paula, per, year):
    blabaret, backa = units["forskolan-blabaret"], units["backaskolan"]
    # Two paid visits this year, then a third that is flagged unpaid before it is sent.
    past = timezone.localdate() > datetime.date(year, 2, 20)
    slots = [(1, 15), (2, 12)] if past else [(4, 15), (5, 13)]
    paid = []
    for month, day in slots:
        visit = ask(paula, blabaret, "Se hur förskolan arbetar med språkutveckling och utevistelse.",
                    "Gärna en förmiddag", year)
        visit.accept(manager, at(next_workday(datetime.date(year, month, day)), 9),
                     plan="09.00 Rundvandring inne och ute.\n10.00 Samtal med arbetslaget om språkutvecklingen.")
        paid.append(visit)
    if past:
        paid[0].mark_held(paula.user)
        paid[0].mark_reported(paula.user)
        paid[1].mark_held(manager)
    # Per: a proposed time, a declined request and a cancelled visit.
    proposed_day = workday_in(10)
    proposal = ask(per, blabaret, "Träffa personalen och höra om arbetet med inskolning.",
                   "Vecka 2 eller 3", proposed_day.year)
    proposal.propose(manager, at(proposed_day, 13), at(proposed_day, 16),
                     message="Förmiddagarna är fulla. Passar en eftermiddag?",
                     plan="13.00 Inskolningsgruppen.\n14.30 Samtal med förskolechefen.")
    declined = ask(per, blabaret, "Se den nya gården.", "Nästa vecka", year)
    declined.decline(manager, "Gården byggs om just nu. Välkommen tillbaka när den är klar.")
    cancelled_day = workday_in(30)
    cancelled = ask(per, blabaret, "Besöka under temaveckan.", "Temaveckan", cancelled_day.year)
    cancelled.accept(manager, at(cancelled_day, 9))
    cancelled.cancel(manager, "Personalen är på utbildning den dagen. Hör av dig om en ny tid.")

    # Per comes along on Paula's third visit: unpaid for her, his second paid visit this year.
    ask(paula, blabaret, "Följa upp förra besöket om utemiljön.", "Under hösten", year,
        companions=[per], confirm_unpaid=True)

    # Paula withdraws after a proposed time that does not suit her.
    withdrawn_day = workday_in(12)
    withdrawn = ask(paula, backa, "Följa en lektion i årskurs 4.", "En tisdag", withdrawn_day.year)
    withdrawn.propose(manager, at(withdrawn_day, 9), message="Tisdagar är svåra, kan du en torsdag?")
    withdrawn.withdraw(paula.user)

    # A parents' evening: outside ordinary working hours, so the manager confirmed the time.
    myrstacken = units["forskolan-myrstacken"]
    evening_day = workday_in(16)
    evening = ask(first_contact(myrstacken), myrstacken, "Vara med på föräldramötet och höra vårdnadshavarnas frågor.",
                  "En kväll när det är föräldramöte", evening_day.year, hours="2")
    evening.accept(manager, at(evening_day, 18), at(evening_day, 20), confirm_time=True,
                   plan="18.00 Föräldramöte i stora rummet.\n19.15 Fika och frågor till kontaktpolitikerna.")

    # An old request nobody has answered: the admin dashboard shows it.
    strand = units["strandskolan"]
    ask(first_contact(strand), strand, "Se hur skolan arbetar med trygghet på rasterna.", "När det passar", year,
        now=timezone.now() - datetime.timedelta(days=20))

    # A direct request to a unit without a manager lies with the committee secretaries.
    lillan_school = units["lillans-skola"]
    ask(first_contact(lillan_school), lillan_school, "Se hur den lilla skolan samarbetar med förskolan.",
        "En förmiddag i vår", year)


def administration_routes(units, head, year):
    """Kultur- och fritidsnämnden: requests go through the head of administration."""
    library = units["stadsbiblioteket"]
    ask(first_contact(library), library, "Se hur biblioteket arbetar med lässtimulans för unga.", "Under våren", year)
    lyktan = units["fritidsgarden-lyktan"]
    ask(first_contact(lyktan), lyktan, "Träffa ungdomarna och höra vad de saknar i Lillån.", "En eftermiddag", year)
    youth = units["fritidsgarden-kompassen"]
    forwarded = ask(first_contact(youth), youth, "Träffa ungdomsrådet och se lokalerna.", "En kväll i veckan", year)
    forwarded.forward(head)
    culture = units["kulturhuset-valvet"]
    referred = ask(first_contact(culture), culture, "Se utställningshallen och prata om sommarens program.",
                   "I maj", year)
    referred.refer(head, "Kulturchefstjänsten är vakant. Kan ni ta reda på vem som ansvarar just nu?")


def presidium_visits(units, manager, paula, page, year):
    """Barn- och utbildningsnämndens presidium: chair Agneta, vice chairs Paula and Leila."""
    chair = presidium("BUN", Membership.Role.CHAIR)
    second = presidium("BUN", Membership.Role.SECOND_VICE_CHAIR)
    if chair is None or second is None:
        return
    kind = VisitRequest.Kind.PRESIDIUM

    # Held this year at Myrstacken's workplace meeting; Paula joined.
    held_day = workday_ago(40)
    if held_day is not None:
        held = ask(chair, units["forskolan-myrstacken"], "Presidiebesök på arbetsplatsträffen: mål, budget och kvalitet.",
                   "En arbetsplatsträff under hösten", year, kind=kind, companions=[second])
        held.join(paula.user)
        held.accept(manager, at(held_day, 13), at(held_day, 15), plan="13.00 Arbetsplatsträff.\n14.00 Rundvandring.")
        held.mark_held(manager)

    # Planned: Paula's visit to Backaskolan, with the public invited to a meeting of its own.
    day = workday_in(21)
    visit = ask(paula, units["backaskolan"], "Presidiebesök på arbetsplatsträff: mål, budget och kvalitet.",
                "En eftermiddag i månaden som kommer", day.year, kind=kind, public_invitation=True,
                invitation_place="Skolans matsal",
                invitation_topic="Skolans mål, budget och kvalitet – kom och träffa presidiet",
                invitation_starts_at=at(day, 16), invitation_ends_at=at(day, 17))
    visit.accept(manager, at(day, 14), at(day, 17), plan=PRESIDIUM_PLAN)
    fields = list(page.form_fields.order_by("sort_order"))
    answered = VisitQuestion.objects.create(
        page=page, visit=visit, author=paula,
        form_data={fields[0].clean_name: "Hur följer ni upp målen för läsförståelse?"},
    )
    answered.answer_with(manager, "Vi visar resultaten från de nationella proven på mötet.")
    VisitQuestion.objects.create(
        page=page, visit=visit, author=paula,
        form_data={fields[0].clean_name: "Hur ser budgeten ut för läromedel nästa år?"},
    )

    # Planned: asked for, not yet booked; the one at Förskolan Lillån (no manager) lies with the secretaries.
    ask(chair, units["norrbyskolan"], "Presidiebesök på arbetsplatsträff: mål, budget och kvalitet.",
        "En arbetsplatsträff i början av nästa termin", year, kind=kind)
    ask(second, units["forskolan-lillan"], "Presidiebesök: träffa personalen och följa upp aktivitetsplanen.",
        "Någon eftermiddag", year, kind=kind)

"""Demo reports for Ådala kommun: the report form with default questions, submitted and
numbered reports on held visits by `politiker` and `politiker2`, one correction and one
draft. Built through the model's own methods with mail muted. Idempotent."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms import roles
from visits.register.models import Politician, Unit
from visits.requests.models import VisitRequest
from visits.requests.notifications import muted
from visits.requests.timing import next_workday

from .models import VisitReport, VisitReportFormField, VisitReportFormPage

# Our own wording of the seeds' topics: (label, required, help text).
QUESTIONS = [
    ("Hur upplever barn, elever, vårdnadshavare eller besökare trygghet och trivsel?", True,
     "Beskriv vad du såg och hörde. Skriv inga namn, åldrar eller uppgifter om hälsa."),
    ("Vilka idéer om hur verksamheten kan utvecklas fick du höra från dem?", False, ""),
    ("Vilket stöd känner personal och chef från förvaltningen och nämnden?", False, ""),
    ("Är enhetens uppdrag tydligt, och hur hänger det ihop med kommunens mål?", False, ""),
    ("Vilka förbättringsförslag kom personal och chef med?", False, ""),
    ("Presidiebesök: vad kom fram om mål, budget och kvalitet?", False,
     "Fyll i om det var ett presidiebesök."),
    ("Något mer som nämnden bör känna till?", False, ""),
]


def ensure_report_page(home):
    page = VisitReportFormPage.objects.child_of(home).filter(slug="besoksrapport").first()
    if page is None:
        page = home.add_child(instance=VisitReportFormPage(
            title="Besöksrapport", slug="besoksrapport", show_in_menus=False,
            intro="<p>Skriv vad du såg och hörde under besöket. Rapporten blir en allmän handling när du "
                  "skickar in den: skriv om verksamheten, inte om enskilda barn, elever, boende eller anställda.</p>",
        ))
        for order, (label, required, help_text) in enumerate(QUESTIONS):
            VisitReportFormField.objects.create(page=page, sort_order=order, label=label, field_type="multiline",
                                                required=required, help_text=help_text)
    if not PageViewRestriction.objects.filter(page=page).exists():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def answers(page, *texts):
    fields = list(page.form_fields.order_by("sort_order"))
    return {field.clean_name: text for field, text in zip(fields, texts) if text}


def held_visit(politician, unit, month, day, purpose):
    year = timezone.localdate().year
    starts = timezone.make_aware(datetime.datetime.combine(next_workday(datetime.date(year, month, day)),
                                                           datetime.time(9)))
    visit = VisitRequest.submit(politician=politician, unit=unit, kind=VisitRequest.Kind.CONTACT,
                                wished_times="En förmiddag", purpose=purpose, year=year, confirm_unpaid=True,
                                by=politician.user)
    visit.accept(unit.manager, starts)
    return visit.mark_held(politician.user)


def let_secretaries_read_reports():
    """Committee secretaries read the reports and the summary in the admin."""
    group = Group.objects.filter(name=roles.SECRETARIES).first()
    if group is not None:
        group.permissions.add(Permission.objects.get(content_type__app_label="visits", codename="view_visitreport"))


@transaction.atomic
def build(home, users):
    page = ensure_report_page(home)
    let_secretaries_read_reports()
    if VisitReport.objects.exists():
        return
    paula = Politician.objects.filter(user=users.get("politiker")).first()
    per = Politician.objects.filter(user=users.get("politiker2")).first()
    visits = list(VisitRequest.objects.involving(paula).filter(
        state__in=(VisitRequest.State.HELD, VisitRequest.State.REPORTED)).order_by("starts_at"))
    units = {unit.slug: unit for unit in Unit.objects.select_related("manager")}
    if paula is None or per is None or len(visits) < 2 or "forskolan-blabaret" not in units:
        return
    reported, held = visits[0], visits[1]
    with muted():
        first = VisitReport.save_draft(visit=reported, author=paula, page=page, form_data=answers(
            page,
            "Barnen verkade trygga. Vårdnadshavarna vi mötte i hallen var nöjda med inskolningen.",
            "Personalen vill bygga ett odlingsprojekt på gården tillsammans med barnen.",
            "Stödet från förvaltningen upplevs som bra, men nämnden syns sällan.",
            "Uppdraget är tydligt; kopplingen till kommunens mål om språkutveckling lyfts fram.",
            "Fler vikarier i början av terminen.",
        ))
        first.submit(paula.user)
        correction = VisitReport.save_draft(visit=reported, author=paula, page=page, form_data=dict(
            first.form_data, **answers(page, "Barnen verkade trygga. Vårdnadshavarna vi mötte var nöjda "
                                             "med inskolningen och utevistelsen.")))
        correction.submit(paula.user)

        per_visit = held_visit(per, units["forskolan-blabaret"], 3, 10, "Se hur förskolan arbetar med utevistelse.")
        VisitReport.save_draft(visit=per_visit, author=per, page=page, form_data=answers(
            page,
            "Trygg stämning. Barnen visade gärna sin gård.",
            "Barnen önskade fler cyklar.",
            "Personalen saknar återkoppling från nämnden efter tidigare besök.",
            "Uppdraget känns tydligt för de flesta i arbetslaget.",
            "Bättre ljuddämpning i matsalen.",
        )).submit(per.user)

        # A draft Paula has started on her other held visit.
        VisitReport.save_draft(visit=held, author=paula, page=page, form_data=answers(
            page, "Lugnt och tryggt under förmiddagen.",
        ))

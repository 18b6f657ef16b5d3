"""Demo feedback for Ådala kommun: the /synpunkter/ form page and feedback in every state and
kind. Idempotent; it sends no mail (the records are written as if handled earlier)."""

import datetime

from django.db import transaction
from django.utils import timezone

from cms.demo import child_page
from visits.register.models import Unit

from .models import FeedbackFormPage, FeedbackSubmission

K = FeedbackSubmission.Kind
S = FeedbackSubmission.State

# unit slug (or None), kind, state, days ago, text, name, contact, answer
FEEDBACK = [
    ("backaskolan", K.PRAISE, S.CLOSED, 200,
     "Tack för temaveckan om vattnet i ån! Vår son pratar fortfarande om mätningarna.",
     "Lena", "lena.exempel@example.org", "Tack för att du hörde av dig. Vi gör temaveckan igen i vår."),
    ("backaskolan", K.COMPLAINT, S.ANSWERED, 30,
     "Det är trångt och stökigt vid cykelstället när skoldagen börjar.",
     "", "forälder.backa@example.org", "Vi har flyttat ett av cykelställen och har en vuxen ute 07.45–08.15."),
    ("backaskolan", K.QUESTION, S.RECEIVED, 3,
     "När kommer schemat för höstterminens lovskola?", "Amir", "amir.exempel@example.org", ""),
    ("forskolan-blabaret", K.SUGGESTION, S.RECEIVED, 6,
     "Skulle det gå att ha ett föräldramöte på kvällstid också?", "", "", ""),
    ("forskolan-blabaret", K.PRAISE, S.CLOSED, 400,
     "Fina utflykter till skogen hela hösten.", "Mormor Britt", "", ""),
    ("stadsbiblioteket", K.SUGGESTION, S.ANSWERED, 60,
     "Längre öppettider på lördagar, gärna till 16.", "", "lasare@example.org",
     "Från mars har vi öppet till 16 på lördagar."),
    ("fritidsgarden-kompassen", K.COMPLAINT, S.RECEIVED, 12,
     "Musikrummet är ofta låst fast det ska vara öppet.", "Elvira", "", ""),
    (None, K.QUESTION, S.RECEIVED, 2,
     "Vem ska jag vända mig till om snöröjningen vid skolvägen?", "", "undrande@example.org", ""),
]


def ensure_form_page(home):
    return child_page(
        home,
        FeedbackFormPage,
        "synpunkter",
        title="Lämna synpunkter",
        show_in_menus=True,
        search_description="Berätta vad du tycker om en förskola, skola, ett bibliotek eller "
        "en annan verksamhet i Ådala kommun.",
        intro="<p>Har du beröm, klagomål, ett förslag eller en fråga om en av kommunens verksamheter? "
        "Skriv till oss här. Chefen för verksamheten läser det du skriver och svarar om du vill.</p>",
        thank_you_text="<p>Tack! Chefen för verksamheten läser din synpunkt. "
        "Lämnade du en e-postadress får du svar dit.</p>",
    )


@transaction.atomic
def build(home, users):
    page = ensure_form_page(home)
    units = {unit.slug: unit for unit in Unit.objects.all()}
    manager = users.get("enhetschef")
    secretary = users.get("namndsekreterare")
    now = timezone.now()
    for slug, kind, state, days, text, name, contact, answer in FEEDBACK:
        if FeedbackSubmission.objects.filter(page=page, text=text).exists():
            continue
        unit = units.get(slug) if slug else None
        handler = manager if unit is not None and unit.manager_id else secretary
        received = now - datetime.timedelta(days=days)
        item = FeedbackSubmission.objects.create(
            page=page, form_data={}, unit=unit, kind=kind, text=text, name=name, contact=contact, state=state
        )
        if answer:
            item.answer, item.answered_at, item.answered_by = answer, received + datetime.timedelta(days=2), handler
        if state == S.CLOSED:
            item.closed_at, item.closed_by = received + datetime.timedelta(days=3), handler
        item.save()
        # submit_time is auto_now_add: set the demo's date afterwards.
        FeedbackSubmission.objects.filter(pk=item.pk).update(submit_time=received)

    return page

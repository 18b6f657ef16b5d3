"""Demo evaluation for Ådala kommun: the questionnaire page at /utvardering/ and the evaluation
Barn- och utbildningsnämnden sent for this year, with some answers in. The demo login `politiker`
has not answered, so Mina sidor shows the link. Idempotent; no mail is sent."""

import datetime

from django.db import transaction
from django.utils import timezone

from cms.demo import child_page
from visits.register.models import Committee

from .models import Evaluation, EvaluationAnswer, EvaluationFormField, EvaluationFormPage, EvaluationRecipient

QUESTIONS = [
    ("Hur mycket kontakt har du haft med enheten eller kontaktpolitikerna i år?", "radio", True,
     "Mycket\nEn del\nLite\nIngen", "Räkna besök, möten, brev och andra kontakter."),
    ("Hur tydligt är det vad kontaktpolitikerna ska göra?", "radio", True,
     "Mycket tydligt\nGanska tydligt\nOtydligt\nVet inte", ""),
    ("Vem har störst ansvar för att kontakten fungerar?", "radio", True,
     "Kontaktpolitikerna\nEnhetschefen\nPersonalen\nAlla lika mycket", ""),
    ("Hur har ni hållit kontakten?", "checkboxes", False,
     "Besök\nRektorsbrev eller nyhetsbrev\nE-post eller telefon\nMöten och evenemang", "Välj alla som stämmer."),
    ("Vad fungerar bra, och vad vill du ändra?", "multiline", False, "",
     "Skriv inga uppgifter om enskilda barn, elever eller anställda."),
]

# (contact, clear, responsibility, ways, free text) for the first recipients who answered
ANSWERS = [
    ("Lite", "Ganska tydligt", "Kontaktpolitikerna", ["Besök", "Rektorsbrev eller nyhetsbrev"],
     "Rektorsbreven gör att jag vet vad som händer. Svårt att hinna besöka på dagtid."),
    ("En del", "Mycket tydligt", "Alla lika mycket", ["Besök", "Möten och evenemang"], ""),
    ("Ingen", "Otydligt", "Kontaktpolitikerna", [], "Vi behöver en gemensam plan för året."),
    ("Mycket", "Ganska tydligt", "Enhetschefen", ["Besök", "E-post eller telefon", "Möten och evenemang"],
     "Bra med återkoppling i nämnden efter besöken."),
]


def ensure_page(home):
    page = child_page(
        home, EvaluationFormPage, "utvardering",
        title="Utvärdering av kontaktpolitikerprogrammet",
        show_in_menus=False,
        search_description="Den årliga utvärderingen av kontaktpolitikerprogrammet.",
        intro="<p>Varje år frågar nämnden sina kontaktpolitiker och enhetschefer hur kontakten har fungerat. "
        "Svaren sammanställs utan namn och är en del av den årliga uppföljningen av policyn för mål, roller "
        "och verksamhetsbesök.</p>",
        thank_you_text="<p>Tack för dina svar! Nämndsekreteraren sammanställer dem till nämndens uppföljning.</p>",
    )
    if not page.form_fields.exists():
        for order, (label, field_type, required, choices, help_text) in enumerate(QUESTIONS):
            EvaluationFormField.objects.create(page=page, sort_order=order, label=label, field_type=field_type,
                                               required=required, choices=choices, help_text=help_text)
    return page


@transaction.atomic
def build(home, users):
    page = ensure_page(home)
    committee = Committee.objects.filter(short_name="BUN").first()
    year = timezone.localdate().year
    if committee is None or Evaluation.objects.filter(committee=committee, year=year).exists():
        return page
    evaluation = Evaluation.send(page=page, committee=committee, year=year, by=users.get("namndsekreterare"),
                                 now=timezone.now() - datetime.timedelta(days=10), deliver=False)
    names = [question["clean_name"] for question in evaluation.questions]
    paula = users.get("politiker")
    answering = [r for r in evaluation.recipients.order_by("name") if r.user is None or r.user != paula]
    answering.sort(key=lambda r: r.role != EvaluationRecipient.Role.MANAGER)  # the manager first
    for days_ago, (recipient, answer) in enumerate(zip(answering, ANSWERS), start=2):
        EvaluationAnswer.submit(recipient, dict(zip(names, answer)), now=timezone.now() - datetime.timedelta(days=days_ago))
    return page

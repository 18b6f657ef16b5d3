"""Plain builders for the evaluation tests; the register comes from visits.register.tests.world."""

from visits.evaluation.models import EvaluationFormField, EvaluationFormPage

QUESTIONS = [
    ("Hur mycket kontakt har du haft under året?", "radio", True, "Mycket\nEn del\nLite\nIngen"),
    ("Hur har ni haft kontakt?", "checkboxes", False, "Besök\nE-post\nNyhetsbrev\nMöten"),
    ("Vad fungerar bra och vad kan bli bättre?", "multiline", False, ""),
]


def make_evaluation_page(home, questions=QUESTIONS, slug="utvardering"):
    page = EvaluationFormPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = home.add_child(instance=EvaluationFormPage(
            title="Utvärdering av kontaktpolitiker", slug=slug,
            intro="<p>Nämnden frågar varje år kontaktpolitiker och enhetschefer hur programmet fungerar.</p>",
            thank_you_text="<p>Tack! Svaren sammanställs utan namn.</p>"))
        for order, (label, field_type, required, choices) in enumerate(questions):
            EvaluationFormField.objects.create(page=page, sort_order=order, label=label, field_type=field_type,
                                               required=required, choices=choices)
    return page


def field_names(page):
    return [field.clean_name for field in page.form_fields.order_by("sort_order")]

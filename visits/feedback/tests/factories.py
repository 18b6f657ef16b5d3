"""Plain builders for the feedback tests (no fixture framework); the register comes from
visits.register.tests.world."""

from visits.feedback.models import FeedbackFormPage, FeedbackSubmission


def make_form_page(home):
    page = FeedbackFormPage.objects.child_of(home).filter(slug="synpunkter").first()
    if page is None:
        page = home.add_child(instance=FeedbackFormPage(title="Lämna synpunkter", slug="synpunkter"))
    return page


def make_feedback(page, unit=None, kind=FeedbackSubmission.Kind.COMPLAINT, contact="boende@example.org", **fields):
    return FeedbackSubmission.objects.create(
        page=page, form_data=fields.pop("form_data", {}), unit=unit, kind=kind, text=fields.pop("text", "Det är trångt vid cykelstället."),
        contact=contact, **fields
    )

from .feedback import FeedbackFormField, FeedbackFormPage, FeedbackSubmission, feedback_statistics
from .newsletters import Newsletter, NewsletterRecipient, newsletter_recipients
from .pages import UnitIndexPage
from .register import (
    Committee,
    ContactAssignment,
    MandatePeriod,
    Membership,
    Party,
    PartyBloc,
    Politician,
    Unit,
)
from .requests import VisitEvent, VisitRequest
from .visit_questions import VisitQuestion, VisitQuestionsFormField, VisitQuestionsFormPage

__all__ = [
    "Committee",
    "ContactAssignment",
    "FeedbackFormField",
    "FeedbackFormPage",
    "FeedbackSubmission",
    "MandatePeriod",
    "Membership",
    "Newsletter",
    "NewsletterRecipient",
    "Party",
    "PartyBloc",
    "Politician",
    "Unit",
    "UnitIndexPage",
    "VisitEvent",
    "VisitQuestion",
    "VisitQuestionsFormField",
    "VisitQuestionsFormPage",
    "VisitRequest",
    "feedback_statistics",
    "newsletter_recipients",
]

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
from .reports import ReportCounter, VisitReport, VisitReportFormField, VisitReportFormPage
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
    "ReportCounter",
    "Unit",
    "UnitIndexPage",
    "VisitEvent",
    "VisitQuestion",
    "VisitQuestionsFormField",
    "VisitQuestionsFormPage",
    "VisitReport",
    "VisitReportFormField",
    "VisitReportFormPage",
    "VisitRequest",
    "feedback_statistics",
    "newsletter_recipients",
]

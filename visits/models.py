"""Django finds the app's models here; the rooms import each other's modules directly, never this one."""

from .evaluation.models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationFormField,
    EvaluationFormPage,
    EvaluationRecipient,
)
from .feedback.models import FeedbackFormField, FeedbackFormPage, FeedbackSubmission
from .newsletters.models import Newsletter, NewsletterRecipient
from .register.models import Committee, ContactAssignment, MandatePeriod, Membership, Party, PartyBloc, Politician, Unit
from .register.pages import UnitIndexPage
from .reports.models import ReportCounter, VisitReport, VisitReportFormField, VisitReportFormPage
from .requests.activities.models import Activity
from .requests.models import VisitEvent, VisitRequest
from .requests.questions import VisitQuestion, VisitQuestionsFormField, VisitQuestionsFormPage

__all__ = [
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationFormField",
    "EvaluationFormPage",
    "EvaluationRecipient",
    "Activity",
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
]

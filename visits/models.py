"""Django finds the app's models here; the rooms import each other's modules directly, never this one."""

from .feedback.models import FeedbackFormField, FeedbackFormPage, FeedbackSubmission
from .newsletters.models import Newsletter, NewsletterRecipient
from .register.documents import UnitDocument
from .register.guide import ManagerGuideSettings
from .register.models import Committee, ContactAssignment, MandatePeriod, Membership, Party, PartyBloc, Politician, Unit
from .register.pages import UnitIndexPage
from .reports.models import ReportCounter, VisitReport, VisitReportFormField, VisitReportFormPage
from .requests.models import VisitCompanion, VisitEvent, VisitRequest
from .requests.questions import VisitQuestion, VisitQuestionsFormField, VisitQuestionsFormPage

__all__ = [
    "Committee",
    "ContactAssignment",
    "FeedbackFormField",
    "FeedbackFormPage",
    "FeedbackSubmission",
    "ManagerGuideSettings",
    "MandatePeriod",
    "Membership",
    "Newsletter",
    "NewsletterRecipient",
    "Party",
    "PartyBloc",
    "Politician",
    "ReportCounter",
    "Unit",
    "UnitDocument",
    "UnitIndexPage",
    "VisitCompanion",
    "VisitEvent",
    "VisitQuestion",
    "VisitQuestionsFormField",
    "VisitQuestionsFormPage",
    "VisitReport",
    "VisitReportFormField",
    "VisitReportFormPage",
    "VisitRequest",
]

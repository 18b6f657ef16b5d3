from .governing_documents import (
    DocumentStatus,
    GoverningDocumentDecision,
    GoverningDocumentIndexPage,
    GoverningDocumentPage,
    GoverningDocumentReviewReminder,
    GoverningDocumentSettings,
    GoverningDocumentType,
)
from .site import AccessibilityStatementPage, HomePage, SiteSettings, StandardPage

__all__ = [
    "AccessibilityStatementPage",
    "DocumentStatus",
    "GoverningDocumentDecision",
    "GoverningDocumentIndexPage",
    "GoverningDocumentPage",
    "GoverningDocumentReviewReminder",
    "GoverningDocumentSettings",
    "GoverningDocumentType",
    "HomePage",
    "SiteSettings",
    "StandardPage",
]

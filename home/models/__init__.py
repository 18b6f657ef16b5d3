from .site import AccessibilityStatementPage, HomePage, SiteSettings, StandardPage

__all__ = ["AccessibilityStatementPage", "HomePage", "SiteSettings", "StandardPage"]

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .documents import REVIEW_NOTICE_DAYS, documents_due_for_review
from .models import GoverningDocumentType


class GoverningDocumentTypeViewSet(SnippetViewSet):
    model = GoverningDocumentType
    icon = "doc-full"
    menu_label = _("Dokumenttyper")
    list_display = ["name", "slug"]


register_snippet(GoverningDocumentTypeViewSet)


class ReviewReminderPanel(Component):
    """Dashboard list of governing documents due for review within 60 days or overdue."""

    name = "governing_documents_review"
    template_name = "home/governing_review_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["documents"] = documents_due_for_review()
        context["notice_days"] = REVIEW_NOTICE_DAYS
        context["today"] = timezone.localdate()
        return context


@hooks.register("construct_homepage_panels")
def add_review_reminder_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(ReviewReminderPanel())

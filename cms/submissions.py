"""Wagtail's form submissions views for Insyn's form pages, whose submissions are records
(feedback, questions sent ahead, reports): the export goes through the one neutraliser, and
nothing in the listing offers to delete them (templates/wagtailforms/ says why instead).

Each form page's `get_submissions_list_view_class()` returns this view or a subclass, through
`cms.page_views` so that models import no views."""

from wagtail.contrib.forms.views import SubmissionsListView

from .exports import NeutralisingExportMixin


class RecordSubmissionsListView(NeutralisingExportMixin, SubmissionsListView):
    pass

"""Admin and Mina sidor for newsletters: the administration reads every unit's newsletters and
who they went to; managers write them, politicians read what they received."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms.exports import NeutralisingExportMixin
from cms.modeladmin import AdministrationPolicy
from visits.register.models import Unit

from .models import Newsletter

register_permission_policy(Newsletter, AdministrationPolicy(Newsletter, ["view", "export"]))


class NewsletterIndexView(NeutralisingExportMixin, IndexView):
    def get_base_queryset(self):
        return Newsletter.objects.select_related("unit", "author")


class NewsletterViewSet(ModelViewSet):
    """Read-only: the administration sees every unit's newsletters and who they went to."""

    model = Newsletter
    name = "nyhetsbrev"
    url_namespace = "newsletter_admin"
    icon = "mail"
    menu_label = gettext_lazy("Nyhetsbrev")
    menu_order = 261
    add_to_admin_menu = True
    index_view_class = NewsletterIndexView
    inspect_view_enabled = True
    inspect_view_fields = ["unit", "author", "sent_at", "title", "text", "recipient_names"]
    form_fields = ["title"]
    list_display = ["title", "unit", "author", "sent_at"]
    list_filter = ["unit"]
    list_export = ["sent_at", "unit", "title", "text"]
    export_filename = "nyhetsbrev"
    search_fields = ["title", "text"]
    search_backend_name = None


newsletter_viewset = NewsletterViewSet()


@hooks.register("register_admin_viewset")
def register_newsletter_viewset():
    return newsletter_viewset


def manager_newsletter_section(request):
    units = list(Unit.objects.managed_by(request.user).active().order_by("name"))
    if not units:
        return None
    return {
        "id": "nyhetsbrev-enheter",
        "title": _("Nyhetsbrev till kontaktpolitiker"),
        "template": "visits/newsletters/my_pages_manager.html",
        "order": 35,
        "units": units,
        "newsletters": list(Newsletter.objects.managed_by(request.user).for_listing()[:10]),
    }


def politician_newsletter_section(request):
    received = list(Newsletter.objects.sent_to(request.user).select_related("unit")[:10])
    if not received:
        return None
    return {
        "id": "nyhetsbrev",
        "title": _("Nyhetsbrev från enheter"),
        "template": "visits/newsletters/my_pages_politician.html",
        "order": 15,
        "newsletters": received,
    }


hooks.register("insyn_my_pages_sections", manager_newsletter_section)
hooks.register("insyn_my_pages_sections", politician_newsletter_section)

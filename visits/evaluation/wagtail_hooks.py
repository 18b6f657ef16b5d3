"""Admin and Mina sidor for the evaluation: the menu item and views for the secretaries, the
questionnaire kept out of Wagtail's Forms menu (answers are read on the results page), and a
reminder on Mina sidor for a logged-in recipient. Imported by visits/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms import roles

from . import views
from .models import EvaluationFormPage, invitations_for


@hooks.register("register_admin_urls")
def evaluation_urls():
    return [
        path("utvardering/", views.evaluation_index, name="evaluation_index"),
        path("utvardering/<int:pk>/", views.evaluation_results_view, name="evaluation_results"),
    ]


class EvaluationMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_administration(request.user)


@hooks.register("register_admin_menu_item")
def evaluation_menu_item():
    return EvaluationMenuItem(_("Utvärdering"), reverse("evaluation_index"), icon_name="list-ul", order=314)


@hooks.register("filter_form_submissions_for_user")
def hide_evaluation_from_form_submissions(user, editable_forms):
    return editable_forms.not_type(EvaluationFormPage)


@hooks.register("insyn_my_pages_sections")
def evaluation_invitations(request):
    invitations = list(invitations_for(request.user))
    if not invitations:
        return None
    return {
        "id": "utvardering",
        "title": _("Utvärdering att besvara"),
        "template": "visits/evaluation/my_pages.html",
        "order": 5,
        "invitations": invitations,
    }

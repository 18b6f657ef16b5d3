from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from accounts import provider
from cms.roles import role_labels

from .forms import LoginForm, SearchForm

SEARCH_PAGE_SIZE = 10


def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        # `.public()`: pages behind login or password never show up, not even their titles.
        matches = Page.objects.live().public().specific().search(form.cleaned_data["q"])
        paginator = Paginator(matches, SEARCH_PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("sida", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    return render(request, "home/search.html", {"form": form, "results": results})


class LoginView(auth_views.LoginView):
    template_name = "home/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sso": provider.enabled(),
            "password_for_all": provider.password_login_for_all(),
        }


class LogoutView(auth_views.LogoutView):
    """Ends the local session and, after a login through the provider, the provider's too."""

    template_name = "home/logged_out.html"

    def post(self, request, *args, **kwargs):
        through_provider = request.session.get(provider.SESSION_LOGIN_METHOD) == "oidc"
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if through_provider and provider.enabled():
            provider_logout = provider.logout_url(request, id_token)
            if provider_logout:
                return redirect(provider_logout)
        return response


@login_required
def my_pages(request):
    # Each app adds its own part of "Mina sidor" through this hook, so `home` never
    # imports the register or the training programme.
    sections = []
    for section_for in hooks.get_hooks("insyn_my_pages_sections"):
        section = section_for(request)
        if section:
            sections.append(section)
    sections.sort(key=lambda s: s.get("order", 100))
    return render(
        request,
        "home/my_pages.html",
        {"roles": role_labels(request.user), "sections": sections, "page_title": _("Mina sidor")},
    )

import secrets

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from cms import memo
from cms.page_views import serves
from cms.roles import role_labels

from .forms import LoginForm, SearchForm
from .governing_forms import GoverningDocumentFilterForm
from .models import GoverningDocumentIndexPage

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


class LogoutView(auth_views.LogoutView):
    template_name = "home/logged_out.html"


@login_required
def my_pages(request):
    # Each app adds its own part of "Mina sidor" through this hook, so `home` never
    # imports the register or the training programme.
    sections = []
    for section_for in hooks.get_hooks("insyn_my_pages_sections"):
        section = rendered_section(request, section_for)
        if section:
            sections.append(section)
    sections.sort(key=lambda s: s["order"])
    return render(
        request,
        "home/my_pages.html",
        {"roles": role_labels(request.user), "sections": sections, "page_title": _("Mina sidor")},
    )


def rendered_section(request, section_for):
    """One part of Mina sidor as HTML, kept for this user until the next write to a watched
    table or INSYN_MY_PAGES_CACHE_SECONDS (an upcoming visit becomes a past one with time),
    see cms.memo.per_user. The CSRF token of the part's forms is put in afresh each time."""
    name = (f"my-pages:{section_for.__module__}.{section_for.__qualname__}:{request.get_host()}:"
            f"{get_language()}:{request.get_full_path()}")
    section = memo.per_user(request.user, name, lambda: _render_section(request, section_for),
                            settings.INSYN_MY_PAGES_CACHE_SECONDS)
    if section is None:
        return None
    html = section["html"]
    if section["csrf"] in html:
        html = html.replace(section["csrf"], get_token(request))
    return {**section, "html": mark_safe(html)}  # noqa: S308 (rendered by our own templates)


def _render_section(request, section_for):
    section = section_for(request)
    if not section:
        return None
    placeholder = secrets.token_hex(16)
    html = render_to_string(section["template"], {"section": section, "csrf_token": placeholder}, request=request)
    return {"id": str(section["id"]), "title": str(section["title"]), "order": section.get("order", 100),
            "html": str(html), "csrf": placeholder}


@serves(GoverningDocumentIndexPage, "listing_context")
def governing_documents_context(page, request):
    """The styrdokument index: the filters from the address, 25 documents a page."""
    form = GoverningDocumentFilterForm(request.GET, index_page=page)
    page_obj = Paginator(page.documents(**form.filters()), page.DOCUMENTS_PER_PAGE).get_page(request.GET.get("sida"))
    return {"filter_form": form, "page_obj": page_obj, "documents": page_obj.object_list,
            "document_count": page_obj.paginator.count}

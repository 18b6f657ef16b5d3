import secrets

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from accounts import provider
from cms import memo
from cms.i18n import default_language
from cms.page_views import serves
from cms.roles import role_labels
from cms.translations import language_of, localize_pages, original_of, originals

from .forms import LoginForm, SearchForm
from .governing_forms import GoverningDocumentFilterForm
from .models import DocumentStatus, GoverningDocumentIndexPage, GoverningDocumentPage

SEARCH_PAGE_SIZE = 10
SEARCH_LIMIT = 200  # per kind of match; more is not a search result but a listing


def search(request):
    """Pages (live and public only) by full text and by the start of their titles, and what the
    apps add through the hook `insyn_search_results` (units, politicians, training sessions)."""
    form = SearchForm(request.GET or None)
    results, hits = None, []
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        paginator = Paginator(in_visitors_language(matching_pages(query)), SEARCH_PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("sida", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
        label_replaced_documents(results.object_list)
        localize_pages(results.object_list, request)
        hits = [hit for results_for in hooks.get_hooks("insyn_search_results") for hit in results_for(query)]
    return render(request, "home/search.html", {"form": form, "results": results, "hits": hits})


def matching_pages(query):
    # `.public()`: pages behind login or password never show up, not even their titles.
    pages = Page.objects.live().public().specific()
    found = list(pages.search(query)[:SEARCH_LIMIT])
    # Words are matched whole (stemmed on PostgreSQL); the start of a title also matches,
    # so "kontakt" finds "Kontaktpolitiker".
    seen = {page.pk for page in found}
    found += [page for page in pages.autocomplete(query)[:SEARCH_LIMIT] if page.pk not in seen]
    return found


def in_visitors_language(pages):
    """The pages of the visitor's language: in Swedish the Swedish pages; in another language its
    translations and the Swedish pages not yet translated into it, never a translation whose Swedish
    original is private (a copy keeps only the restrictions it had when it was made)."""
    language = get_language()
    if language == default_language():
        return [page for page in pages if language_of(page) == language]
    # An alias in this language shows Swedish text: the Swedish page stands for it.
    pages = [page for page in pages if language_of(page) == default_language()
             or (language_of(page) == language and not page.alias_of_id)]
    keys = {page.translation_key for page in pages}
    translated = set(Page.objects.live().filter(translation_key__in=keys, locale__language_code=language)
                     .values_list("translation_key", flat=True))
    private = set(originals(Page.objects.not_public()).filter(translation_key__in=keys)
                  .values_list("translation_key", flat=True))
    return [
        page for page in pages
        if not (language_of(page) == language and page.translation_key in private)
        and not (language_of(page) != language and page.translation_key in translated)
    ]


def label_replaced_documents(pages):
    """A styrdokument (or its translation) whose Swedish original has been replaced is labelled so."""
    documents = {page: original_of(page) for page in pages if isinstance(page, GoverningDocumentPage)}
    if documents:
        statuses = dict(
            GoverningDocumentPage.objects.with_status(timezone.localdate())
            .filter(pk__in=[original.pk for original in documents.values()]).values_list("pk", "status")
        )
        for page, original in documents.items():
            page.replaced = statuses.get(original.pk) == DocumentStatus.REPLACED


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
    form = GoverningDocumentFilterForm(request.GET, index_page=original_of(page))
    page_obj = Paginator(page.documents(**form.filters()), page.DOCUMENTS_PER_PAGE).get_page(request.GET.get("sida"))
    # The documents are the Swedish originals; each shows its translation's title and summary.
    for document, shown in zip(page_obj.object_list, localize_pages(page_obj.object_list, request, specific=True)):
        document.shown = shown
    return {"filter_form": form, "page_obj": page_obj, "documents": page_obj.object_list,
            "document_count": page_obj.paginator.count}

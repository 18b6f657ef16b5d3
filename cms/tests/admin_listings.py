"""Every listing of the admin, found in the URL configuration, and the parameters each one reads.

Wagtail's listings and choosers (pages, images, documents, users, reports, snippets, our model
viewsets), wagtail-modeladmin's indexes, and the listings that need an object (a page's children,
a form page's submissions). The parameters are what the listing's own page offers: the names of
its filter and search fields and the query keys of its links (sorting, paging)."""

import re
from urllib.parse import parse_qsl, urlsplit

from wagtail.admin.views.chooser import BrowseView, SearchView
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.generic.chooser import BaseChooseView
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page
from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

from .permission_matrix import walk

LISTING_VIEWS = (BaseListingView, BaseChooseView, BrowseView, SearchView, ModelAdminIndexView)
# Wagtail's page explorer and page search are routed by a function, not a listing class.
LISTING_KEYS = {"wagtailadmin_explore_root", "wagtailadmin_pages:search"}
# Asked with every listing: paging, sorting and search, whether the page shows them or not.
COMMON_PARAMETERS = {"p", "ordering", "o", "q", "page", "collection_id", "page_type", "multiple"}
NOT_PARAMETERS = {"csrfmiddlewaretoken", "next"}


def listing_routes():
    """Admin routes without path arguments whose view is a listing or a chooser."""
    routes = {}
    for key, route, callback in walk():
        if not route.startswith("admin/") or "<" in route:
            continue
        view_class = getattr(callback, "view_class", None)
        if (view_class and issubclass(view_class, LISTING_VIEWS)) or key in LISTING_KEYS or key.endswith("_modeladmin_index"):
            routes[key] = "/" + route.replace("^", "").replace("$", "")
    return routes


def listing_urls():
    """Every listing's URL, the ones that need an object filled in from the database."""
    urls = sorted(set(listing_routes().values()))
    for page in Page.objects.filter(depth__gt=1).order_by("path")[:3]:
        urls += [f"/admin/pages/{page.pk}/", f"/admin/choose-page/{page.pk}/"]
    for page in Page.objects.specific().filter(depth__gt=1):
        if isinstance(page, FormMixin):
            urls.append(f"/admin/forms/submissions/{page.pk}/")
    return urls


def parameters(html):
    """The query parameters a listing's page offers: field names and the keys of its links."""
    names = set(re.findall(r'\bname="([^"]+)"', html))
    for href in re.findall(r'href="([^"]*\?[^"]*)"', html):
        names |= {key for key, _value in parse_qsl(urlsplit(href.replace("&amp;", "&")).query, keep_blank_values=True)}
    return sorted((names | COMMON_PARAMETERS) - NOT_PARAMETERS)

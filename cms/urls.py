from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.urls import provider_urlpatterns
from home import views as home_views

from . import translations
from .sitemap import Sitemap

# Addresses that are the same in every language: the admin, files, open data, the sitemap and
# the identity provider's callbacks (registered at the provider as they are).
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap}}, name="sitemap"),
    path("", include(provider_urlpatterns)),
    path("", include("opendata.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages for people: Swedish at the root, every other language under its prefix (/en/…).
urlpatterns += i18n_patterns(
    path("sok/", home_views.search, name="search"),
    path("logga-in/", home_views.LoginView.as_view(), name="login"),
    path("logga-ut/", home_views.LogoutView.as_view(), name="logout"),
    path("mina-sidor/", home_views.my_pages, name="my_pages"),
    path("", include("accounts.urls")),
    # Wagtail's own unstyled login for restricted pages: send it to the site's login (same lockout, same language, accessible).
    path("_util/login/", RedirectView.as_view(pattern_name="login", query_string=True), name="frontend_login"),
    path("", include("visits.urls")),
    path("", include("training.urls")),
    # Wagtail's password form before the pages (its address would match the pages' pattern).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's pages, routed in the visitor's language (cms/translations.py); wagtail.urls after
    # them only for the names its code reverses.
    re_path(wagtail_urls.serve_pattern, translations.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

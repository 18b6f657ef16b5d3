from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sok/", home_views.search, name="search"),
    path("logga-in/", home_views.LoginView.as_view(), name="login"),
    path("logga-ut/", home_views.LogoutView.as_view(), name="logout"),
    path("mina-sidor/", home_views.my_pages, name="my_pages"),
    path("", include("accounts.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Wagtail's own unstyled login for restricted pages: send it to the site's login (same lockout, Swedish, accessible).
    path("_util/login/", RedirectView.as_view(pattern_name="login", query_string=True), name="frontend_login"),
    path("", include("opendata.urls")),
    path("", include("visits.urls")),
    path("", include("training.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

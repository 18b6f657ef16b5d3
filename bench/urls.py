from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    # The yardstick: Django renders a static template through the same server and middleware.
    path("__bench__/bare/", TemplateView.as_view(template_name="bench/bare.html")),
    path("", include("cms.urls")),
]

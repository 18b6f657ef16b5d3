from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("oparl/dcat", views.catalogue, name="catalogue"),
    path("oparl/dcat.<slug:fmt>", views.catalogue, name="dcat"),
    path("enheter/kontaktpolitiker.csv", views.contact_politicians_csv, name="register_csv"),
    path("oparl/v1.1/", views.system, name="system"),
    path("oparl/v1.1/body/", views.body_list, name="body_list"),
    path("oparl/v1.1/body/<int:pk>/", views.body, name="body"),
    path("oparl/v1.1/location/<slug:kind>/<int:pk>/", views.location, name="location"),
    path("oparl/v1.1/<slug:collection>/", views.object_list, name="list"),
    path("oparl/v1.1/<slug:collection>/<int:pk>/", views.object_detail, name="object"),
    path("oparl/v1.1/<slug:collection>/<slug:kind>/<int:pk>/", views.object_detail, name="object_of_kind"),
]

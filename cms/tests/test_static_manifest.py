"""Every static file a page names is in the manifest that production serves from.

Production serves static files by their hashed names from `collectstatic`'s manifest; a
template (ours, Wagtail's, wagtail-modeladmin's or Django's helpers) naming a file that was
not collected is a 500 with a strict manifest. Here `collectstatic` runs with the production
settings into a temporary folder, and every page of the permission matrix, every admin listing
and Wagtail's own admin pages are rendered from that manifest, strict."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import override_settings

from cms.testing import client_for

from .admin_listings import listing_urls
from .test_permission_matrix import all_cases
from .test_settings import PRODUCTION_ENV, run_manage

ROLES = ("anonymous", "politiker", "enhetschef", "namndsekreterare", "admin")


@pytest.fixture(scope="module")
def production_static(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    result = run_manage("collectstatic", "--no-input", "-v0", env={**PRODUCTION_ENV, "INSYN_STATIC_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    assert (root / "staticfiles.json").exists()
    return root


def wagtail_admin_urls(demo):
    home, document = demo["public_page"].get_parent(), demo["document"]
    return [
        "/admin/", "/admin/account/", f"/admin/pages/{home.pk}/edit/", f"/admin/pages/{demo['public_page'].pk}/edit/",
        f"/admin/pages/add/home/standardpage/{home.pk}/", f"/admin/documents/edit/{document.pk}/",
        "/admin/images/add/", "/admin/documents/add/", f"/admin/users/{demo['users']['politiker'].pk}/",
        "/admin/snippets/visits/unit/add/", "/admin/snippets/training/trainingsession/add/",
    ]


def test_every_page_names_only_collected_static_files(demo, production_static):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    served = override_settings(STATIC_ROOT=Path(production_static), STORAGES=storages, WHITENOISE_USE_FINDERS=False,
                               WHITENOISE_AUTOREFRESH=False, WHITENOISE_MANIFEST_STRICT=True)
    missing = []
    with served:
        assert staticfiles_storage.manifest_strict
        gets = [case.url for _key, case in all_cases(demo) if case.method == "get"]
        for role in ROLES:
            client = client_for(None if role == "anonymous" else demo["users"][role])
            urls = gets + (listing_urls() + wagtail_admin_urls(demo) if role == "admin" else [])
            for url in urls:
                try:
                    response = client.get(url)
                except ValueError as error:
                    missing.append(f"{role} {url}: {error}")
                    continue
                if response.status_code >= 500:
                    missing.append(f"{role} {url}: {response.status_code}")
    assert not missing, "\n".join(missing)

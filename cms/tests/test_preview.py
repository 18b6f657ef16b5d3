"""The editor's preview panel: the admin may frame its own preview of a page, nobody else may
frame the site's pages."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms import roles
from home.models import StandardPage
from visits.register.tests.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(site_home):
    return site_home.add_child(instance=StandardPage(title="Om kontaktpolitiker", slug="om"))


def frame_ancestors(response):
    policy = response.headers.get("Content-Security-Policy", "")
    return [part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors")]


def test_the_preview_in_the_editors_panel_may_be_framed_by_the_site_itself(client, page):
    editor = make_user("redaktor", groups=[roles.EDITORS], is_superuser=True)
    client.force_login(editor)

    url = f"/admin/pages/{page.pk}/edit/preview/"
    form = nested_form_data({"title": "Om kontaktpolitiker", "slug": "om", "intro": "", "body": streamfield([])})
    assert client.post(url, form).json()["is_valid"]  # the panel posts the form, then loads the preview
    response = client.get(url, {"in_preview_panel": "true"})

    assert response.status_code == 200 and "Om kontaktpolitiker" in response.content.decode()
    assert frame_ancestors(response) == ["frame-ancestors 'self'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_the_published_page_may_be_framed_by_nobody(client, page):
    response = client.get(page.url)

    assert frame_ancestors(response) == ["frame-ancestors 'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"

import pytest
from wagtail.models import Page

from visits.register.pages import UnitIndexPage
from visits.register.tests.factories import make_register, make_unit

pytestmark = pytest.mark.django_db


def test_only_one_directory_page_can_exist(site_home):
    assert UnitIndexPage.can_create_at(site_home)
    site_home.add_child(instance=UnitIndexPage(title="Enheter", slug="enheter"))

    assert not UnitIndexPage.can_create_at(Page.objects.get(pk=site_home.pk))


def test_directory_without_a_current_period_still_lists_units(client, directory):
    register = make_register()
    register["period"].contact_assignments.all().delete()
    register["period"].memberships.all().delete()
    register["period"].party_blocs.all().delete()
    register["period"].delete()
    make_unit(name="Ekskolan")

    html = client.get("/enheter/").content.decode()
    unit_html = client.get(f"/enheter/{register['units'][0].slug}/").content.decode()

    assert "Ekskolan" in html
    assert "Enheten har inga kontaktpolitiker utsedda just nu." in unit_html


def test_editor_can_edit_the_directory_page_in_the_admin(client, directory):
    from visits.register.tests.factories import make_user

    client.force_login(make_user("admin", is_superuser=True))

    response = client.get(f"/admin/pages/{directory.pk}/edit/")

    assert response.status_code == 200
    assert "Ingress" in response.content.decode() or "ingress" in response.content.decode()

"""The demo styrdokument: four documents, one replaced, built again without changes."""

import pytest
from django.core.management import call_command
from django.test import Client

from home.models import DocumentStatus, GoverningDocumentPage

pytestmark = pytest.mark.django_db


def test_demo_builds_four_documents_and_can_run_twice(settings):
    settings.INSYN_ALLOW_DEMO_USERS = True
    call_command("seed_demo")
    call_command("seed_demo")

    statuses = dict(GoverningDocumentPage.objects.with_status().values_list("slug", "status"))
    assert statuses == {
        "riktlinjer-for-kontaktpolitiker-2019": DocumentStatus.REPLACED,
        "riktlinjer-for-kontaktpolitiker": DocumentStatus.IN_FORCE,
        "utbildningsprogram-for-fortroendevalda": DocumentStatus.IN_FORCE,
        "policy-for-mal-roller-och-verksamhetsbesok": DocumentStatus.IN_FORCE,
    }
    html = Client().get("/styrdokument/utbildningsprogram-for-fortroendevalda/").content.decode()
    assert 'href="/styrdokument/riktlinjer-for-kontaktpolitiker/"' in html  # link block to another document
    assert "Kommunfullmäktige" in html


def test_the_demo_policys_yearly_review_links_to_the_evaluation_and_a_decision_may_lack_a_paragraph(settings):
    settings.INSYN_ALLOW_DEMO_USERS = True
    call_command("seed_demo")

    html = Client().get("/styrdokument/policy-for-mal-roller-och-verksamhetsbesok/").content.decode()

    assert '<a href="/utvardering/">den årliga utvärderingen av kontaktpolitikerna</a>' in html
    assert '<td data-label="Paragraf">–</td><td data-label="Beslut">Uppföljningen knuten till den årliga utvärderingen' in html
    assert "KS.2025.061" in html


def test_demo_fails_loudly_without_the_registers_committees(site_home):
    from home.demo import build_governing_documents

    with pytest.raises(LookupError, match="BUN|KF"):
        build_governing_documents(home=site_home, users={})


def test_admin_can_open_the_editor_for_both_page_types(admin_client, settings):
    settings.INSYN_ALLOW_DEMO_USERS = True
    call_command("seed_demo")
    index = GoverningDocumentPage.objects.get(slug="riktlinjer-for-kontaktpolitiker").get_parent()

    assert admin_client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200
    for document in GoverningDocumentPage.objects.all():
        assert admin_client.get(f"/admin/pages/{document.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/add/home/governingdocumentpage/{index.pk}/").status_code == 200

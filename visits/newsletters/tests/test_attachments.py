"""A newsletter's attachment belongs to a restricted record: it is stored outside the public
media folder under a name nobody can guess, and only the newsletter's readers get it, through
the view that checks them (streamed by Django, or handed to nginx with X-Accel-Redirect)."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.views import static

from cms.testing import client_for
from visits.newsletters.models import Newsletter
from visits.register.tests.world import make_register, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def register(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return make_register()


@pytest.fixture
def newsletter(register):
    response = client_for(register["manager"]).post("/mina-sidor/nyhetsbrev/nytt/", {
        "unit": "testskolan", "title": "Rektorsbrev", "text": "Se bilagan.",
        "pdf": SimpleUploadedFile("Elevlista Anna Andersson.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    return Newsletter.objects.get()


def served_from_media(name, settings):
    """What anything serving media/ gives for a path: Django's static view in development, a proxy's alias."""
    try:
        static.serve(RequestFactory().get("/"), name, document_root=settings.MEDIA_ROOT)
    except Http404:
        return False
    return True


def test_an_attachment_is_stored_outside_the_public_media_folder_under_a_name_nobody_can_guess(newsletter, settings):
    stored = Path(newsletter.pdf.path)
    assert stored.read_bytes() == PDF
    assert Path(settings.PRIVATE_MEDIA_ROOT) in stored.parents
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert "Anna" not in newsletter.pdf.name and "Elevlista" not in newsletter.pdf.name
    assert len(stored.stem) >= 32
    assert not served_from_media(newsletter.pdf.name, settings)
    with pytest.raises(NotImplementedError):
        _ = newsletter.pdf.url  # no public address to link to by mistake


def test_only_the_newsletters_readers_get_the_attachment(newsletter, register):
    url = f"/mina-sidor/nyhetsbrev/{newsletter.pk}/bilaga.pdf"
    for reader in (register["manager"], register["member_a"].user, register["chair"].user):
        response = client_for(reader).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"] == f'inline; filename="nyhetsbrev-{newsletter.pk}.pdf"'
    for outsider in (register["substitute"].user, make_user("annanrektor")):
        assert client_for(outsider).get(url).status_code == 404
    response = client_for(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_behind_nginx_the_view_checks_the_reader_and_the_proxy_sends_the_file(newsletter, register, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_privat/"
    url = f"/mina-sidor/nyhetsbrev/{newsletter.pk}/bilaga.pdf"
    response = client_for(register["member_a"].user).get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_privat/{newsletter.pdf.name}"
    assert response["Cache-Control"] == "private, no-store"
    refused = client_for(register["substitute"].user).get(url)
    assert refused.status_code == 404 and not refused.has_header("X-Accel-Redirect")


def test_a_missing_file_is_a_404_not_an_error(newsletter, register):
    newsletter.pdf.storage.delete(newsletter.pdf.name)
    assert client_for(register["manager"]).get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/bilaga.pdf").status_code == 404


def test_attachments_stored_in_media_before_move_to_the_private_folder(register, settings,
                                                                        django_capture_on_commit_callbacks):
    """The data migration: files under their original names in media/ move, and the old path answers nothing."""
    old = default_storage.save("nyhetsbrev/2026/Elevlista_Anna.pdf", ContentFile(PDF))
    sent = Newsletter.send(register["unit"], register["manager"], "Brev", "Text", deliver=False)
    Newsletter.objects.filter(pk=sent.pk).update(pdf=old)
    assert served_from_media(old, settings)
    migration = importlib.import_module("visits.migrations.0007_private_newsletter_attachments")

    with django_capture_on_commit_callbacks(execute=True):
        migration.to_private(apps, None)

    moved = Newsletter.objects.get(pk=sent.pk).pdf
    assert moved.name != old and "Anna" not in moved.name
    assert Path(settings.PRIVATE_MEDIA_ROOT) in Path(moved.path).parents and Path(moved.path).read_bytes() == PDF
    assert not default_storage.exists(old) and not served_from_media(old, settings)
    response = client_for(register["manager"]).get(f"/mina-sidor/nyhetsbrev/{sent.pk}/bilaga.pdf")
    assert b"".join(response.streaming_content) == PDF

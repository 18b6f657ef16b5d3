"""Uploads are limited to allowed types and sizes, and rich text from the editor is escaped:
Wagtail's image and document uploads refuse other files with a Swedish message and store
nothing; a script typed into rich text is stored and shown as text."""

import json

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import event, given
from hypothesis import strategies as st

from cms.tests.strategies import SCRIPT, assert_no_server_error, fuzz, is_swedish, odd_text, rolled_back

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<html><script>alert(1)</script></html>"
def valid_png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


DANGEROUS_EXTENSIONS = ["html", "htm", "svg", "js", "exe", "php", "xhtml", "xml", "sh", "bat"]


def test_upload_limits_are_set_in_the_settings():
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert not set(django_settings.WAGTAILDOCS_EXTENSIONS) & set(DANGEROUS_EXTENSIONS)
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS  # an SVG can carry script


def test_images_allow_only_bitmap_formats():
    from wagtail.images.utils import get_allowed_image_extensions

    assert set(get_allowed_image_extensions()) <= {"avif", "gif", "jpg", "jpeg", "png", "webp"}


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


FILES = st.tuples(
    st.one_of(st.sampled_from(DANGEROUS_EXTENSIONS + ["png", "PNG", "jpg", "pdf", "txt", "png.html", "html.png", ""]),
              odd_text.map(lambda text: text.replace("/", "").replace("\x00", "")[:20])),
    st.sampled_from([valid_png(), PNG, PDF, SVG, HTML, b"", b"\x00" * 100, b"GIF89a", b"\xff\xd8\xff\xe0" + b"0" * 50]),
)


def upload_name(extension):
    return "fil." + extension if extension else "fil"


@fuzz(30)
@given(file=FILES)
def test_an_image_upload_of_any_kind_is_an_image_or_a_swedish_message(admin_client, file, settings, tmp_path):
    from wagtail.images import get_image_model
    from wagtail.images.utils import get_allowed_image_extensions

    settings.MEDIA_ROOT = tmp_path

    Image = get_image_model()
    extension, content = file
    with rolled_back():
        response = admin_client.post("/admin/images/add/", {
            "title": "Bild", "file": SimpleUploadedFile(upload_name(extension), content), "collection": "1"})
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 302:
            image = Image.objects.get()
            assert image.file.name.rsplit(".", 1)[-1].lower() in get_allowed_image_extensions()
            assert content == valid_png()
        else:
            assert response.status_code == 200 and not Image.objects.exists()
            errors = [m for messages in response.context["form"].errors.values() for m in messages]
            assert errors and all(is_swedish(m) for m in errors), errors


@fuzz(30)
@given(file=FILES)
def test_a_document_upload_of_any_kind_is_a_document_or_a_swedish_message(admin_client, file, settings, tmp_path):
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    extension, content = file
    with rolled_back():
        response = admin_client.post("/admin/documents/add/", {
            "title": "Dokument", "file": SimpleUploadedFile(upload_name(extension), content), "collection": "1"})
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 302:
            document = Document.objects.get()
            assert document.file_extension.lower() in django_settings.WAGTAILDOCS_EXTENSIONS
        else:
            assert response.status_code == 200 and not Document.objects.exists()
            errors = [m for messages in response.context["form"].errors.values() for m in messages]
            assert errors and all(is_swedish(m) for m in errors), errors


@pytest.mark.parametrize("kind", ["images", "documents"])
def test_an_upload_over_the_size_limit_is_refused_in_swedish(admin_client, settings, tmp_path, kind):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    name, content = ("stor.png", PNG + b"\x00" * 2048) if kind == "images" else ("stor.pdf", PDF + b"0" * 2048)
    response = admin_client.post(f"/admin/{kind}/add/", {
        "title": "Stor", "file": SimpleUploadedFile(name, content), "collection": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors and all(is_swedish(m) for m in errors), errors


def test_a_text_document_with_markup_is_served_as_a_download_not_a_page(admin_client, settings, tmp_path):
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(title="Text", file=SimpleUploadedFile("fil.txt", HTML))
    response = admin_client.get(document.url)
    assert response.status_code == 200
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment")


@fuzz(30)
@given(text=odd_text)
def test_text_typed_into_rich_text_is_stored_and_shown_as_text(text):
    from wagtail.admin.rich_text import DraftailRichTextArea
    from wagtail.rich_text import expand_db_html

    text = (text + SCRIPT).replace("\x00", "")
    contentstate = {"blocks": [{"key": "a", "type": "unstyled", "depth": 0, "text": text,
                                "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}
    stored = DraftailRichTextArea(features=["bold", "italic", "link"]).value_from_datadict(
        {"intro": json.dumps(contentstate)}, {}, "intro")
    assert "<script" not in stored.lower()
    assert "<script" not in expand_db_html(stored).lower()


@pytest.mark.parametrize("content, stored", [(None, True), (PNG, False), (PNG[:40], False)])
def test_a_damaged_image_is_refused_in_swedish_and_a_whole_one_is_stored(admin_client, settings, tmp_path,
                                                                         content, stored):
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    response = admin_client.post("/admin/images/add/", {
        "title": "Bild", "file": SimpleUploadedFile("bild.png", content or valid_png()), "collection": "1"})
    assert get_image_model().objects.exists() == stored
    if not stored:
        assert response.status_code == 200
        errors = response.context["form"].errors["file"]
        assert errors and all(is_swedish(m) for m in errors), errors

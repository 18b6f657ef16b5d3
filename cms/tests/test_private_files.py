"""The private folder for files of restricted records is never where media/ or static/ is served from."""

from django.core.checks import run_checks

from cms.checks import private_media_outside_public_folders


def test_a_private_folder_inside_media_stops_the_site_at_its_checks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "privat"
    errors = private_media_outside_public_folders(None)
    assert [error.id for error in errors] == ["insyn.E001"]
    assert "INSYN_PRIVATE_MEDIA_ROOT" in errors[0].hint


def test_the_default_private_folder_passes_the_checks():
    assert not [message for message in run_checks() if message.id == "insyn.E001"]

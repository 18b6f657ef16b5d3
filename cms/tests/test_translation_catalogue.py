"""Every string Insyn shows has its English translation.

The test runs makemessages over a copy of the sources into a copy of locale/en, exactly as a
developer would run it in the checkout:

    .venv/bin/python manage.py makemessages -l en --no-obsolete --add-location=file \\
        --ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests

and fails, naming them, if that would leave an entry untranslated or fuzzy in locale/en.
"""

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
IGNORED = [".venv", "node_modules", "bench", "tests"]
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
CATALOGUE = Path("locale") / "en" / "LC_MESSAGES" / "django.po"


def copy_sources(target):
    """The files makemessages reads (what its ignore patterns leave), and the English catalogue."""
    skip = set(IGNORED) | {".git", "locale", "staticfiles", "media", "__pycache__"}
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if path.suffix in SOURCE_SUFFIXES and path.is_file() and not skip & set(relative.parts[:-1]):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)
    (target / CATALOGUE).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / CATALOGUE, target / CATALOGUE)


def entries(*args, catalogue):
    result = subprocess.run(["msgattrib", "--no-obsolete", *args, str(catalogue)], capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""']


def test_makemessages_finds_nothing_untranslated_or_fuzzy_in_english(tmp_path, settings, monkeypatch):
    copy_sources(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=["en"], ignore_patterns=IGNORED, no_obsolete=True, add_location="file", verbosity=0)

    catalogue = tmp_path / CATALOGUE
    untranslated = entries("--untranslated", catalogue=catalogue)
    fuzzy = entries("--only-fuzzy", catalogue=catalogue)
    assert not untranslated, f"Untranslated in locale/en (run makemessages and translate them): {untranslated}"
    assert not fuzzy, f"Fuzzy in locale/en (check the translation and remove the fuzzy flag): {fuzzy}"
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalogue)], check=True)


def test_the_check_notices_a_new_string(tmp_path, settings, monkeypatch):
    copy_sources(tmp_path)
    (tmp_path / "home" / "added_by_someone.py").write_text(
        'from django.utils.translation import gettext as _\n\nLABEL = _("En alldeles ny text")\n'
    )
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=["en"], ignore_patterns=IGNORED, no_obsolete=True, add_location="file", verbosity=0)

    assert entries("--untranslated", catalogue=tmp_path / CATALOGUE) == ['msgid "En alldeles ny text"']

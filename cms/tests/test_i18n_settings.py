"""Languages are a setting: Swedish always and first, English with Insyn's own translation, and a
minority language turned on with INSYN_LANGUAGES plus its .po file."""

import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale

from cms.languages import admin_languages, site_languages
from cms.translations import ensure_locales


def codes(languages):
    return [code for code, _name in languages]


def test_swedish_comes_first_and_is_always_on():
    assert codes(site_languages("en,fi")) == ["sv", "en", "fi"]
    assert codes(site_languages("")) == ["sv"]
    assert codes(site_languages("sv, EN, en")) == ["sv", "en"]


def test_an_unknown_language_stops_start_up_with_a_message():
    with pytest.raises(ImproperlyConfigured, match="INSYN_LANGUAGES: okänt språk xx"):
        site_languages("sv,xx")


def test_the_admin_offers_only_the_languages_wagtail_speaks():
    assert codes(admin_languages(site_languages("sv,en,fi,fit,se,smj,sma"))) == ["sv", "en", "fi"]


PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fit\\n"

msgid "Sök"
msgstr "Sök på meänkieli (test)"

msgid "Den här sidan finns inte på ditt språk ännu, så den visas på svenska."
msgstr "Ei vielä meänkielelä (test)"
"""


@pytest.fixture
def meankieli(settings, tmp_path):
    """Meänkieli turned on as a municipality would: the setting and a compiled .po file."""
    folder = tmp_path / "fit" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(PO)
    subprocess.run(["msgfmt", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    settings.LANGUAGES = site_languages("sv,en,fit")
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES


@pytest.mark.django_db
def test_a_minority_language_is_a_setting_plus_its_translation(client, site_home, meankieli):
    ensure_locales()
    body = client.get("/fit/om-kontaktpolitiker/").content.decode()
    statement = client.get("/tillganglighet/").content.decode()

    assert Locale.objects.filter(language_code="fit").exists()
    assert '<html lang="fit">' in body
    assert ">Sök på meänkieli (test)</a>" in body and "Ei vielä meänkielelä (test)" in body
    assert '<a href="/om-kontaktpolitiker/" hreflang="sv" lang="sv">Svenska</a>' in body
    assert '<a href="/en/om-kontaktpolitiker/" hreflang="en" lang="en">English</a>' in body
    assert '<span lang="fit">Meänkieli</span>' in statement

"""The languages Insyn can speak, and the ones a municipality turns on (`INSYN_LANGUAGES`).

Read by the settings, so it imports no model. Swedish is the site's language and always on;
English comes with Insyn's own translation. Finnish, Meänkieli and the Sami languages are the
national minority languages with administrative areas (lag 2009:724): a municipality in such an
area turns its language on with the setting and adds the translation as `.po` files (README).
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

DEFAULT = "sv"


def gettext_noop(message):
    """Marks a name for makemessages. Django's own gettext_noop reads the settings, which are
    being imported when this module is."""
    return message


# code: (name in Swedish, marked for translation; name in English; the language's own name;
# whether Wagtail's admin speaks it)
KNOWN = {
    "sv": (gettext_noop("Svenska"), "Swedish", "Svenska", True),
    "en": (gettext_noop("Engelska"), "English", "English", True),
    "fi": (gettext_noop("Finska"), "Finnish", "Suomi", True),
    "fit": (gettext_noop("Meänkieli"), "Meänkieli", "Meänkieli", False),
    "se": (gettext_noop("Nordsamiska"), "Northern Sami", "Davvisámegiella", False),
    "smj": (gettext_noop("Lulesamiska"), "Lule Sami", "Julevsámegiella", False),
    "sma": (gettext_noop("Sydsamiska"), "Southern Sami", "Åarjelsaemien gïele", False),
}


def site_languages(setting):
    """`LANGUAGES` from a comma-separated list of codes such as "sv,en,fi"; Swedish comes first."""
    codes = [code.strip().lower() for code in (setting or "").split(",") if code.strip()]
    unknown = [code for code in codes if code not in KNOWN]
    if unknown:
        raise ImproperlyConfigured(
            f"INSYN_LANGUAGES: okänt språk {', '.join(unknown)}. Insyn känner till {', '.join(KNOWN)}."
        )
    codes = [DEFAULT] + [code for code in dict.fromkeys(codes) if code != DEFAULT]
    register_language_info()
    return [(code, gettext_lazy(KNOWN[code][0])) for code in codes]


def admin_languages(languages):
    """The site's languages that Wagtail's admin is translated into, for the admin's own choice."""
    return [(code, KNOWN[code][2]) for code, _name in languages if KNOWN[code][3]]


def register_language_info():
    """Django knows Finnish but not Meänkieli or the Sami languages: tell it their names, so that
    `get_language_info` and the language switcher work for them as for any other language."""
    for code, (_swedish, english, own, _admin) in KNOWN.items():
        LANG_INFO.setdefault(code, {"bidi": False, "code": code, "name": english, "name_local": own})

"""The visitor's language comes from the address alone.

Swedish lives at the root (`/styrdokument/`), every other language under its prefix
(`/en/…`). Neither the browser's Accept-Language nor a cookie changes it: a Swedish address
always answers in Swedish, so a link, a bookmark, the page cache and a screen reader all agree
on the language. A visitor who chose English stays in English because every link on an
English page leads to an English address. Mail goes out in the language of the recipient's
account instead (`cms.mail.queue_mail_in_language`).
"""

from django.conf import settings
from django.utils import translation


def default_language():
    return settings.LANGUAGE_CODE


def site_language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_from_path(path):
    return translation.get_language_from_path(path) or default_language()


def strip_language_prefix(path):
    """`/en/mina-sidor/` → `/mina-sidor/`; a Swedish path is returned as it is."""
    code = translation.get_language_from_path(path)
    if code and code != default_language():
        return path[len(code) + 1 :] or "/"
    return path


def with_language_prefix(path, language):
    """The same place in another language: `/mina-sidor/` → `/en/mina-sidor/` and back."""
    path = strip_language_prefix(path)
    if language == default_language():
        return path
    return f"/{language}{path}"


class LanguageMiddleware:
    """Activates the language of the address for the request (replaces Django's LocaleMiddleware,
    which would also read Accept-Language and add `Vary: Accept-Language` to every answer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_path(request.path_info)
        request.LANGUAGE_CODE = language
        # override(), not activate(): the language must not outlive the request in this thread.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

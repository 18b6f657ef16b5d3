"""Password rules beside Django's: no keyboard runs, not the municipality's own name.

Both are the first guesses of anyone who tries passwords against a municipality's site, and
Django's list of common passwords knows neither a Swedish keyboard nor Ådala.
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Rows of a Swedish keyboard, the digits and the alphabet: a run is a stretch of one of these,
# forwards or backwards.
SEQUENCES = ["1234567890+", "qwertyuiopå", "asdfghjklöä", "<zxcvbnm,.-", "abcdefghijklmnopqrstuvwxyzåäö"]
SHORTEST_RUN = 4
# What must be left of a password when its runs are taken out.
LEAST_REST = 8
# Words of a name that are not the name itself.
GENERIC_WORDS = {"kommun", "stad", "region", "landskap", "län"}


def fold(text):
    """Lower case without accents ('Ådala' → 'adala'), so a variant is caught too."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _pairs():
    pairs = set()
    for sequence in SEQUENCES:
        for row in (sequence, sequence[::-1]):
            pairs.update(zip(row, row[1:]))
    return pairs


NEIGHBOURS = _pairs()


def without_runs(password):
    """The password with every keyboard or alphabet run of four or more characters taken out."""
    text = password.casefold()
    rest, start = [], 0
    while start < len(text):
        end = start + 1
        while end < len(text) and (text[end - 1], text[end]) in NEIGHBOURS:
            end += 1
        if end - start < SHORTEST_RUN:
            rest.append(text[start:end])
        start = end
    return "".join(rest)


class KeyboardRunValidator:
    def validate(self, password, user=None):
        if len(without_runs(password)) < LEAST_REST:
            raise ValidationError(
                _("Lösenordet bygger för mycket på en följd av tangenter eller bokstäver, som qwerty eller 123456."),
                code="password_keyboard_run",
            )

    def get_help_text(self):
        return _("Lösenordet får inte bygga på tangentföljder som qwerty eller 123456.")


class MunicipalityNameValidator:
    def names(self):
        words = fold(getattr(settings, "INSYN_MUNICIPALITY_NAME", "")).split()
        return [word for word in words if len(word) >= 3 and word not in GENERIC_WORDS]

    def validate(self, password, user=None):
        folded = fold(password)
        if any(name in folded for name in self.names()):
            raise ValidationError(_("Lösenordet får inte innehålla kommunens namn."), code="password_municipality_name")

    def get_help_text(self):
        return _("Lösenordet får inte innehålla kommunens namn.")

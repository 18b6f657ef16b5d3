"""Warnings about personal data in a report before it becomes a public record.

The checks are deliberately simple and err on the side of asking: the author reads the
warning and either edits the text or confirms that it is fine. Nothing is blocked.
"""

import datetime
import re

from django.utils.translation import gettext as _

# YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN (not inside longer numbers).
PERSONNUMMER = re.compile(r"(?<![\d])(?:(\d{2}))?(\d{2})(\d{2})(\d{2})[-+]?(\d{3})(\d)(?![\d])")
# A capitalised name followed by an age: "Kalle, 8 år", "Anna 7 år", "Omar (10 år)".
NAME_WITH_AGE = re.compile(r"\b([A-ZÅÄÖÉ][a-zåäöéü]+)\s*[,(]?\s*(\d{1,3})\s*år\b")
HEALTH_WORDS = (
    "diagnos", "adhd", "autism", "asperger", "sjukdom", "sjuk", "medicin", "medicinering",
    "epilepsi", "diabetes", "depression", "ångest", "allergi", "funktionsnedsättning", "psykisk",
    "missbruk", "dyslexi", "cancer",
)
HEALTH = re.compile(r"\b(" + "|".join(HEALTH_WORDS) + r")\w*", re.IGNORECASE)
# Words that start a sentence or name a role, not a person ("Eleverna 7 år" is not a name).
NOT_NAMES = {"Barn", "Barnen", "Elever", "Eleverna", "Elev", "Ungdomar", "Pojkar", "Flickor", "Alla", "Cirka", "Ca"}


def luhn_ok(digits):
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _valid_date(century, yy, mm, dd):
    month, day = int(mm), int(dd)
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    year = int((century or "20") + yy)
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def find_personnummer(text):
    found = []
    for match in PERSONNUMMER.finditer(text or ""):
        century, yy, mm, dd, serial, check = match.groups()
        if century and century not in ("18", "19", "20"):
            continue
        if _valid_date(century, yy, mm, dd) and luhn_ok(yy + mm + dd + serial + check):
            found.append(match.group(0))
    return found


def find_names_with_age(text):
    return [m.group(0) for m in NAME_WITH_AGE.finditer(text or "") if m.group(1) not in NOT_NAMES]


def find_health_words(text):
    return [m.group(0) for m in HEALTH.finditer(text or "")]


def warnings_for(texts):
    """Swedish warnings for a list of (label, text) pairs; an empty list means nothing found."""
    warnings = []
    for label, text in texts:
        if not isinstance(text, str):
            continue
        for number in find_personnummer(text):
            warnings.append(_("”%(label)s”: det som ser ut som ett personnummer (%(value)s).")
                            % {"label": label, "value": number})
        for phrase in find_names_with_age(text):
            warnings.append(_("”%(label)s”: ett namn med ålder (%(value)s).") % {"label": label, "value": phrase})
        words = sorted({word.lower() for word in find_health_words(text)})
        if words:
            warnings.append(_("”%(label)s”: ord om hälsa (%(value)s).") % {"label": label, "value": ", ".join(words)})
    return warnings

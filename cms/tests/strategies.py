"""Hypothesis strategies and checks shared by the fuzz tests of every app.

Every fuzz test is derandomized (the same examples on every run, so CI is repeatable) and
runs each example inside a savepoint that is rolled back, because pytest-django's database
fixture is per test function, not per Hypothesis example."""

import re
from contextlib import contextmanager

from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def fuzz(max_examples=30):
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


SCRIPT = "<script>alert('insyn')</script>"
# Characters that break naive code: controls, bidi overrides, zero-width, combining marks,
# a BOM, non-characters, the highest code points, emoji sequences.
ODD_CHARACTERS = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\t", "\n", "\r",
    "\u0301", "\u0336", "\u202e", "\u200f", "\u200b", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff",
    "\U0010ffff", "\U000e0001", "\U0001f600", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\u0627\u0644", "ß",
    "Å", "ä", "Ö", "%", "'", '"', "\\", "<", ">", "&", "{{", "}}", "{%", "%s", "=",
]
EDGE_STRINGS = [
    "", " ", "\x00", "a\x00b", SCRIPT, "' OR 1=1 --", "=HYPERLINK(\"http://x\")", "../../etc/passwd",
    "%00", "\r\nBcc: x@example.org", "Åsa ÖÄ" * 3, "\u202eetxet", "e\u0301" * 20, "\U0001f600" * 30,
]

plain_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
odd_text = st.one_of(
    plain_text,
    st.lists(st.sampled_from(ODD_CHARACTERS), min_size=1, max_size=30).map("".join),
    st.sampled_from(EDGE_STRINGS),
    # Overlong: past every max_length on the site (the longest is 20,000).
    st.builds(lambda char, n: char * n, st.sampled_from(["a", "Å", "\U0001f600", "e\u0301"]),
              st.sampled_from([101, 201, 256, 1001, 2001, 5001, 20_001])),
)
wrong_dates = st.sampled_from([
    "2026-02-30", "2026-02-29", "0000-01-01", "0001-01-01", "99999-01-01", "2026-13-01", "2026-00-10",
    "31/12/2026", "2026-02-30T10:00", "2026-01-01T25:61", "9999-12-31T23:59", "1970-01-01T00:00",
    "2026-03-29T02:30", "-2026-01-01", "igår", "",
])
odd_numbers = st.one_of(
    st.integers().map(str),
    st.sampled_from(["-1", "0", "-0", "1e999", "1E-999", "NaN", "Infinity", "-inf", "99999999999999999999999999",
                     "2,5", "2.5", "0x10", "½", "\u0661\u0662", "1_000", " 3 ", "3\x00", "2" * 500]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
# Integers at the edges of the database's columns: PostgreSQL's 32-bit integer, 64 bits, beyond.
edge_integers = st.sampled_from([
    2**31 - 1, 2**31, -(2**31) - 1, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**20, 10**400,
]).map(str)
odd_value = st.one_of(odd_text, odd_numbers, wrong_dates)
# What an admin listing's filters get: ids and choices past every column, NULs, and the rest.
filter_value = st.one_of(odd_value, edge_integers, st.sampled_from(["\x00", "1\x00", "%00", "0", "-1", "true", "on"]))
# A single value, a list where one value is expected, or (through `form_data`) nothing at all.
odd_field = st.one_of(odd_value, st.lists(odd_value, min_size=2, max_size=3))


# Charsets a form post may name: none, UTF-8 spelled several ways, others Python knows (some
# only as bytes-to-bytes codecs), and names nothing knows.
charsets = st.sampled_from([
    None, "utf-8", "UTF-8", "utf8", '"utf-8"', "latin-1", "iso-8859-1", "windows-1252", "utf-16", "utf-16-be",
    "utf-32", "utf-7", "cp037", "idna", "punycode", "unicode_escape", "rot13", "base64", "zlib", "hex", "bz2",
    "uu", "quopri", "x-unknown", "", "utf-8; charset=latin-1", "\u00e5\u00e4\u00f6",
])
# Bodies of a form post: valid, invalid UTF-8, percent escapes of invalid bytes, a UTF-16 encoding.
form_bodies = st.one_of(
    st.builds(lambda text: f"a={text}".encode(), plain_text),
    st.sampled_from([b"a=%C3%A5", b"a=%FF%FE", b"a=\xff\xfe\x00", "a=å".encode("utf-16"), b"%", b"&&==&", b"a=" + b"%" * 50]),
    st.binary(max_size=200),
)


def form_data(*names, **fixed):
    """A dict with any subset of `names` set to odd values (missing fields included);
    `fixed` values are always present (e.g. an action the form needs)."""
    return st.fixed_dictionaries(fixed, optional={name: odd_field for name in names})


def with_script(strategy):
    """Mix the script marker into text, so escaping is tested on whatever gets stored."""
    return st.one_of(strategy, strategy.map(lambda text: text + SCRIPT))


@contextmanager
def rolled_back():
    """One Hypothesis example's writes are undone before the next example."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(ange|skriv|välj|fyll|filen|inte|eller|högst|minst|saknar|giltig\w*|finns|ingen|det|den|som|kan|måste|för|tomt|kolumn\w*|rad\w*|och|till)\b", re.I)


def is_swedish(message):
    return bool(SWEDISH.search(str(message)))


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:2000]


def assert_unescaped_script_absent(response):
    """Whatever was stored and shown again, the marker never comes back as live markup."""
    if response.get("Content-Type", "").startswith("text/html"):
        assert SCRIPT not in response.content.decode("utf-8", "replace")


def assert_swedish_field_errors(response, form_key="form", tied=True):
    """The rejected form's every error is Swedish and, with `tied`, shown in the page next to
    its field (`<field id>_error`, as templates/includes/field.html writes it; `tied="admin"`
    for Wagtail's admin field template)."""
    assert_swedish_form_errors(response.context[form_key], response.content.decode(), tied=tied)


def assert_swedish_form_errors(form, html, tied=True):
    assert form.errors, "the form was rejected, so it must say why"
    for name, errors in form.errors.items():
        for message in errors:
            assert is_swedish(message), f"{name}: {message!r} is not Swedish"
            assert escape(message) in html, f"{name}: {message!r} is not shown"
        if tied == "admin" and name != "__all__":
            # Wagtail's admin field template marks the field and puts the message inside it.
            assert "w-field--error" in html, f"{name}: the error is not shown at the field"
        elif tied and name != "__all__":
            assert f'id="{form[name].auto_id}_error"' in html, f"{name}: the error is not tied to the field"


def cleaned(text):
    """What a Django CharField keeps of a submitted text."""
    return text.strip()


def last(value):
    """The value a form field reads when a list was posted for one field."""
    return value[-1] if isinstance(value, list) else value


def mutated(base, *names, drop=2):
    """`base` (a valid submission) with any of `names` replaced by odd values and up to
    `drop` of its fields left out, so some examples pass and reach the model."""
    names = names or tuple(base)
    keys = sorted(set(base) | set(names))
    return st.tuples(form_data(*names), st.sets(st.sampled_from(keys), max_size=drop)).map(
        lambda pair: {key: value for key, value in {**base, **pair[0]}.items() if key not in pair[1]}
    )

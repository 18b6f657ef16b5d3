"""The personal-data warnings: true positives and the false positives they must not give."""

import pytest

from visits.reports.personal_data import (
    find_health_words,
    find_names_with_age,
    find_personnummer,
    luhn_ok,
    warnings_for,
)


@pytest.mark.parametrize("text", [
    "Eleven 811218-9876 var där.", "811218+9876", "8112189876", "19811218-9876", "198112189876",
    "Samordningsnummer 811278-9873",
])
def test_a_personnummer_with_a_valid_check_digit_is_found(text):
    assert find_personnummer(text)


@pytest.mark.parametrize("text", [
    "811218-9875",  # wrong check digit
    "811318-9876",  # no month 13
    "Ring 0701234567 eller 08-123 456 78",
    "Diarienummer BUN 2026/0001",
    "År 2026 kom 1200 besökare.",
    "12345678901234",  # part of a longer number
])
def test_numbers_that_are_not_personnummer_are_not_flagged(text):
    assert find_personnummer(text) == []


def test_luhn():
    assert luhn_ok("8112189876") and not luhn_ok("8112189875")


@pytest.mark.parametrize("text,found", [
    ("Kalle, 8 år, berättade om rasten.", ["Kalle, 8 år"]),
    ("Vi pratade med Anna 7 år.", ["Anna 7 år"]),
    ("Omar (10 år) visade gården.", ["Omar (10 år"]),
])
def test_a_name_with_an_age_is_found(text, found):
    assert find_names_with_age(text) == found


@pytest.mark.parametrize("text", [
    "Eleverna 9 år gamla hade idrott.", "Skolan har funnits i 40 år.", "barn 5 år och äldre", "Under tre år",
])
def test_ages_without_a_name_are_not_flagged(text):
    assert find_names_with_age(text) == []


def test_health_words_are_found_in_any_case_and_form():
    assert [w.lower() for w in find_health_words("En elev med ADHD och en annan med diagnos. Medicinering.")] == [
        "adhd", "diagnos", "medicinering"]
    assert find_health_words("Barnen trivs och leker på gården.") == []


def test_warnings_name_the_question_and_what_was_found():
    warnings = warnings_for([("Trygghet", "Kalle, 8 år, har autism. 811218-9876"), ("Idéer", "Fler cyklar.")])
    assert len(warnings) == 3
    assert all(w.startswith("”Trygghet”") for w in warnings)
    assert warnings_for([("Idéer", "Fler cyklar.")]) == []

"""What every CSV and XLSX export of the site shares."""

import re

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 does not allow: an XLSX cannot carry them (openpyxl raises on them).
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class NeutralisingExportMixin:
    """For Wagtail's SpreadsheetExportMixin views (modeladmin, viewsets, form submissions): no
    exported cell can start a formula, the headings included (editors word form questions)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == "xlsx" and isinstance(value, str):
            value = ILLEGAL_XML.sub("", value)  # a pasted control character must not make the export fail
        return neutralise(value)

    def get_heading(self, queryset, field):
        return neutralise(ILLEGAL_XML.sub("", super().get_heading(queryset, field)))


def neutralise(value):
    """Make a text cell that a spreadsheet would run as a formula plain text; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


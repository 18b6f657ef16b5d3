"""What every CSV and XLSX export of the site shares."""

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class NeutralisingExportMixin:
    """For Wagtail's SpreadsheetExportMixin views: no exported cell can start a formula."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


def neutralise(value):
    """Make a text cell that a spreadsheet would run as a formula plain text; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value

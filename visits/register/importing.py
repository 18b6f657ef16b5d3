"""Import and export of the register as spreadsheets (XLSX or CSV).

An import is all or nothing: every row is checked (and saved inside one transaction so
later lists can refer to earlier ones); if any row is bad the transaction is rolled back
and every bad row is reported with its line number and reason."""

import codecs
import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from cms.exports import FORMULA_PREFIXES, neutralise

from .models import Committee, ContactAssignment, MandatePeriod, Membership, Party, Politician, Unit

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
# list name -> columns, in the order they are exported. The first column of each list
# also tells a CSV file's list apart.
LISTS = {
    "enheter": ["enhet", "namn", "typ", "nämnd", "chef", "cheftitel", "adress", "epost", "aktiv"],
    "politiker": [
        "politiker", "förnamn", "efternamn", "parti", "användare", "telefon", "epost",
        "samtycke_foto", "samtycke_telefon", "samtycke_epost",
    ],
    "uppdrag": ["politiker", "nämnd", "mandatperiod", "roll", "från", "till"],
    "kontaktpolitiker": ["politiker", "enhet", "mandatperiod"],
}
REQUIRED = {
    "enheter": {"enhet", "namn", "typ", "nämnd"},
    "politiker": {"politiker", "förnamn", "efternamn", "parti"},
    "uppdrag": {"politiker", "nämnd", "mandatperiod", "roll"},
    "kontaktpolitiker": {"politiker", "enhet", "mandatperiod"},
}
YES = {"ja", "j", "1", "sant", "true", "x"}
NO = {"nej", "n", "0", "falskt", "false", ""}


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} fel")
        self.errors = errors


@dataclass
class RowError:
    sheet: str
    line: int
    message: str

    def __str__(self):
        return _("%(sheet)s, rad %(line)d: %(message)s") % {"sheet": self.sheet, "line": self.line, "message": self.message}


@dataclass
class ImportResult:
    counts: dict = field(default_factory=dict)


class RowProblem(Exception):
    pass


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Undo neutralise() so an exported file imports unchanged.
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        text = text[1:]
    return text


def _date(value, column):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        raise RowProblem(
            _("”%(value)s” i kolumnen %(column)s är inget datum. Skriv datum som ÅÅÅÅ-MM-DD.")
            % {"value": _text(value), "column": column}
        ) from None


def _lookup(model, value, column, **lookup):
    try:
        return model.objects.get(**lookup)
    except model.DoesNotExist:
        raise RowProblem(
            _("%(what)s ”%(value)s” finns inte i registret (kolumnen %(column)s).")
            % {"what": capfirst(model._meta.verbose_name), "value": value, "column": column}
        ) from None


def _choice(choices, value, column):
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in (key.lower(), str(label).lower()):
            return key
    allowed = ", ".join(str(label) for _key, label in choices)
    raise RowProblem(
        _("”%(value)s” är inget giltigt värde i kolumnen %(column)s. Välj något av: %(allowed)s.")
        % {"value": value, "column": column, "allowed": allowed}
    )


def _user(username, column):
    if not username:
        return None
    User = get_user_model()
    return _lookup(User, username, column, **{User.USERNAME_FIELD: username})


def _validation_message(error):
    if hasattr(error, "message_dict"):
        parts = []
        for name, messages in error.message_dict.items():
            parts.extend(messages)
        return " ".join(parts)
    return " ".join(error.messages)


def _save(instance):
    try:
        instance.full_clean()
    except ValidationError as error:
        raise RowProblem(_validation_message(error)) from None
    instance.save()


def import_unit(row):
    slug = row["enhet"] or slugify(row["namn"])
    unit = Unit.objects.filter(slug=slug).first() or Unit(slug=slug)
    unit.name = row["namn"]
    unit.kind = _choice(Unit.Kind.choices, row["typ"], "typ")
    unit.committee = _lookup(Committee, row["nämnd"], "nämnd", short_name__iexact=row["nämnd"])
    unit.manager = _user(row.get("chef", ""), "chef")
    unit.manager_title = row.get("cheftitel", "")
    unit.address = row.get("adress", "")
    unit.public_email = row.get("epost", "")
    active = row.get("aktiv", "").lower()
    if active not in YES | NO:
        raise RowProblem(_("Skriv ja eller nej i kolumnen aktiv."))
    unit.active = active in YES or active == ""
    _save(unit)


def import_politician(row):
    slug = row["politiker"] or slugify(f"{row['förnamn']} {row['efternamn']}")
    politician = Politician.objects.filter(slug=slug).first() or Politician(slug=slug)
    politician.first_name = row["förnamn"]
    politician.last_name = row["efternamn"]
    politician.party = _lookup(Party, row["parti"], "parti", abbreviation__iexact=row["parti"])
    politician.user = _user(row.get("användare", ""), "användare")
    politician.phone = row.get("telefon", "")
    politician.email = row.get("epost", "")
    politician.photo_consent_on = _date(row.get("samtycke_foto"), "samtycke_foto")
    politician.phone_consent_on = _date(row.get("samtycke_telefon"), "samtycke_telefon")
    politician.email_consent_on = _date(row.get("samtycke_epost"), "samtycke_epost")
    _save(politician)


def import_membership(row):
    politician = _lookup(Politician, row["politiker"], "politiker", slug=row["politiker"])
    committee = _lookup(Committee, row["nämnd"], "nämnd", short_name__iexact=row["nämnd"])
    period = _lookup(MandatePeriod, row["mandatperiod"], "mandatperiod", name=row["mandatperiod"])
    role = _choice(Membership.Role.choices, row["roll"], "roll")
    starts_on = _date(row.get("från"), "från") or period.starts_on
    ends_on = _date(row.get("till"), "till") or period.ends_on
    existing = Membership.objects.filter(
        politician=politician, committee=committee, period=period, starts_on=starts_on
    ).first()
    membership = existing or Membership(politician=politician, committee=committee, period=period)
    membership.role, membership.starts_on, membership.ends_on = role, starts_on, ends_on
    _save(membership)


def import_assignment(row):
    politician = _lookup(Politician, row["politiker"], "politiker", slug=row["politiker"])
    unit = _lookup(Unit, row["enhet"], "enhet", slug=row["enhet"])
    period = _lookup(MandatePeriod, row["mandatperiod"], "mandatperiod", name=row["mandatperiod"])
    if not ContactAssignment.objects.filter(politician=politician, unit=unit, period=period).exists():
        _save(ContactAssignment(politician=politician, unit=unit, period=period))


IMPORTERS = {
    "enheter": import_unit,
    "politiker": import_politician,
    "uppdrag": import_membership,
    "kontaktpolitiker": import_assignment,
}


def _header(cells):
    return [_text(cell).lower() for cell in cells]


def _rows_to_dicts(sheet, rows, errors):
    """(line, dict) pairs from a list's raw rows; header problems become errors."""
    if not rows:
        return []
    header = _header(rows[0])
    missing = REQUIRED[sheet] - set(header)
    if missing:
        errors.append(RowError(sheet, 1, _("Kolumner saknas: %(columns)s.") % {"columns": ", ".join(sorted(missing))}))
        return []
    unknown = [name for name in header if name and name not in LISTS[sheet]]
    if unknown:
        errors.append(RowError(sheet, 1, _("Okända kolumner: %(columns)s.") % {"columns": ", ".join(unknown)}))
        return []
    parsed = []
    for line, cells in enumerate(rows[1:], start=2):
        values = {name: _text(cells[i]) if i < len(cells) else "" for i, name in enumerate(header) if name}
        for name in ("samtycke_foto", "samtycke_telefon", "samtycke_epost", "från", "till"):
            # Keep real dates from XLSX cells; _date() handles both.
            if name in header and header.index(name) < len(cells) and isinstance(cells[header.index(name)], datetime.date):
                values[name] = cells[header.index(name)]
        if any(values.values()):
            parsed.append((line, values))
    return parsed


def guess_list(header_cells):
    header = set(_header(header_cells))
    for name in ("enheter", "politiker", "uppdrag", "kontaktpolitiker"):
        if header == set(LISTS[name]) or (REQUIRED[name] <= header and header <= set(LISTS[name])):
            return name
    return None


def read_workbook(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportFailed([RowError(_("filen"), 1, _("Filen kunde inte läsas som en XLSX-arbetsbok."))]) from None
    sheets = {}
    for worksheet in workbook.worksheets:
        rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
        name = worksheet.title.strip().lower()
        if name not in LISTS and rows:
            name = guess_list(rows[0])
        if name is None:
            raise ImportFailed([RowError(worksheet.title, 1, _(
                "Bladet är inget av enheter, politiker, uppdrag eller kontaktpolitiker."
            ))])
        sheets[name] = rows
    workbook.close()
    return sheets


def read_csv(data):
    # Excel's "Unicode text" is UTF-16 with a byte order mark; read as cp1252 it would be full of NULs.
    encodings = ("utf-16",) if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFailed([RowError(_("filen"), 1, _("Filen kunde inte läsas som text. Spara den som CSV (UTF-8)."))])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    name = guess_list(rows[0]) if rows else None
    if name is None:
        raise ImportFailed([RowError(_("filen"), 1, _(
            "Rubrikraden passar ingen lista. Se README för kolumnerna i enheter, politiker, uppdrag och kontaktpolitiker."
        ))])
    return {name: rows}


def refuse_nul(sheets):
    """PostgreSQL cannot store a NUL character in text: name every row that has one."""
    errors = [
        RowError(name, line, _("Raden innehåller ett otillåtet tecken (NUL). Ta bort det och importera igen."))
        for name, rows in sheets.items()
        for line, row in enumerate(rows, start=1)
        if any(isinstance(cell, str) and "\x00" in cell for cell in row)
    ]
    if errors:
        raise ImportFailed(errors)
    return sheets


def read_file(filename, data):
    if len(data) > MAX_BYTES:
        raise ImportFailed([RowError(_("filen"), 1, _("Filen är större än 5 MB."))])
    if filename.lower().endswith(".xlsx"):
        return refuse_nul(read_workbook(data))
    if filename.lower().endswith(".csv"):
        return refuse_nul(read_csv(data))
    raise ImportFailed([RowError(_("filen"), 1, _("Välj en fil som slutar på .xlsx eller .csv."))])


def import_register(filename, data):
    """Imports a file; returns counts per list, or raises ImportFailed listing every bad row."""
    sheets = read_file(filename, data)
    errors = []
    counts = {}
    with transaction.atomic():
        for name in LISTS:  # units and politicians first: later lists refer to them
            if name not in sheets:
                continue
            if len(sheets[name]) > MAX_ROWS + 1:
                errors.append(RowError(name, 1, _("Listan har fler än %(max)d rader.") % {"max": MAX_ROWS}))
                continue
            rows = _rows_to_dicts(name, sheets[name], errors)
            for line, row in rows:
                missing = [column for column in sorted(REQUIRED[name]) if not row.get(column)]
                if missing:
                    errors.append(RowError(name, line, _("Tomt i kolumnen %(columns)s.") % {"columns": ", ".join(missing)}))
                    continue
                try:
                    with transaction.atomic():
                        IMPORTERS[name](row)
                except RowProblem as problem:
                    errors.append(RowError(name, line, str(problem)))
            counts[name] = len(rows)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportFailed(errors)
    return ImportResult(counts=counts)


def export_rows(name, period=None):
    """The rows of one list (header first), in the import's columns, cells neutralised."""
    if name == "enheter":
        rows = (
            [u.slug, u.name, u.kind, u.committee.short_name, u.manager.get_username() if u.manager else "",
             u.manager_title, u.address, u.public_email, "ja" if u.active else "nej"]
            for u in Unit.objects.select_related("committee", "manager").order_by("name")
        )
    elif name == "politiker":
        rows = (
            [p.slug, p.first_name, p.last_name, p.party.abbreviation, p.user.get_username() if p.user else "",
             p.phone, p.email, _iso(p.photo_consent_on), _iso(p.phone_consent_on), _iso(p.email_consent_on)]
            for p in Politician.objects.select_related("party", "user").order_by("last_name", "first_name")
        )
    elif name == "uppdrag":
        memberships = Membership.objects.select_related("politician", "committee", "period")
        if period:
            memberships = memberships.filter(period=period)
        rows = (
            [m.politician.slug, m.committee.short_name, m.period.name, m.get_role_display(), _iso(m.starts_on),
             _iso(m.ends_on)]
            for m in memberships.order_by("committee__name", "politician__last_name")
        )
    elif name == "kontaktpolitiker":
        assignments = ContactAssignment.objects.select_related("politician", "unit", "period")
        if period:
            assignments = assignments.filter(period=period)
        rows = ([a.politician.slug, a.unit.slug, a.period.name] for a in assignments.order_by("unit__name"))
    else:
        raise KeyError(name)
    yield LISTS[name]
    for row in rows:
        yield [neutralise(cell) for cell in row]


def _iso(day):
    return day.isoformat() if day else ""


def export_csv(name, period=None):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(export_rows(name, period))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(period=None):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in LISTS:
        worksheet = workbook.create_sheet(name)
        for row in export_rows(name, period):
            worksheet.append(row)
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

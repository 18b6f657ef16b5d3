"""When a visit is booked: Swedish public holidays and the committee's ordinary working hours.

A manager may book any time, but a time outside ordinary working hours (a weekday between the
committee's start and end, 07–18 by default) or on a holiday asks for a confirmation first, with
the reasons named. Holidays are computed, not listed, so every year is right: the fixed days, the
Easter-based days and the Saturdays of Midsummer and All Saints (Lag (1989:253) om allmänna
helgdagar), plus the eves that are days off in practice (Midsummer, Christmas and New Year's Eve).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from django.utils import formats, timezone
from django.utils.translation import gettext

DEFAULT_DAY_STARTS = datetime.time(7, 0)
DEFAULT_DAY_ENDS = datetime.time(18, 0)


def easter_sunday(year):
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _saturday_between(year, month, first_day):
    """The Saturday in the week starting on `first_day` of `month` (Midsummer Day, All Saints' Day)."""
    start = datetime.date(year, month, first_day)
    return start + datetime.timedelta(days=(5 - start.weekday()) % 7)


def swedish_holidays(year):
    """{date: Swedish name} of the public holidays and the eves that are days off in practice."""
    easter = easter_sunday(year)
    midsummer = _saturday_between(year, 6, 20)
    return {
        datetime.date(year, 1, 1): gettext("nyårsdagen"),
        datetime.date(year, 1, 6): gettext("trettondedag jul"),
        easter - datetime.timedelta(days=2): gettext("långfredagen"),
        easter - datetime.timedelta(days=1): gettext("påskafton"),
        easter: gettext("påskdagen"),
        easter + datetime.timedelta(days=1): gettext("annandag påsk"),
        datetime.date(year, 5, 1): gettext("första maj"),
        easter + datetime.timedelta(days=39): gettext("Kristi himmelsfärdsdag"),
        easter + datetime.timedelta(days=49): gettext("pingstdagen"),
        datetime.date(year, 6, 6): gettext("Sveriges nationaldag"),
        midsummer - datetime.timedelta(days=1): gettext("midsommarafton"),
        midsummer: gettext("midsommardagen"),
        _saturday_between(year, 10, 31): gettext("alla helgons dag"),
        datetime.date(year, 12, 24): gettext("julafton"),
        datetime.date(year, 12, 25): gettext("juldagen"),
        datetime.date(year, 12, 26): gettext("annandag jul"),
        datetime.date(year, 12, 31): gettext("nyårsafton"),
    }


def holiday_name(day):
    return swedish_holidays(day.year).get(day, "")


def working_hours(committee):
    starts = getattr(committee, "visit_day_starts", None) or DEFAULT_DAY_STARTS
    ends = getattr(committee, "visit_day_ends", None) or DEFAULT_DAY_ENDS
    return starts, ends


def unusual_time_reasons(committee, starts_at, ends_at):
    """Why a visit from `starts_at` to `ends_at` lies outside the committee's ordinary working
    hours, as Swedish sentences; an empty list when it does not."""
    day_starts, day_ends = working_hours(committee)
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    hours = {"start": day_starts.strftime("%H:%M"), "end": day_ends.strftime("%H:%M")}
    reasons = []
    day = start.date()
    holiday = holiday_name(day)
    weekday = formats.date_format(day, "l j F Y")
    if holiday:
        reasons.append(
            gettext("%(day)s är %(holiday)s och ingen ordinarie arbetsdag.")
            % {"day": weekday.capitalize(), "holiday": holiday}
        )
    elif day.weekday() >= 5:
        reasons.append(gettext("%(day)s är ingen vardag.") % {"day": weekday.capitalize()})
    if start.time() < day_starts:
        reasons.append(
            gettext("Besöket börjar kl. %(time)s, före ordinarie arbetstid (%(start)s–%(end)s).")
            % {"time": start.strftime("%H:%M"), **hours}
        )
    if end.date() != day:
        reasons.append(gettext("Besöket slutar en annan dag än det börjar."))
    elif end.time() > day_ends:
        reasons.append(
            gettext("Besöket slutar kl. %(time)s, efter ordinarie arbetstid (%(start)s–%(end)s).")
            % {"time": end.strftime("%H:%M"), **hours}
        )
    return reasons


def is_workday(day):
    return day.weekday() < 5 and not holiday_name(day)


def next_workday(day):
    """`day`, or the first weekday after it that is not a holiday."""
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def previous_workday(day):
    while not is_workday(day):
        day -= datetime.timedelta(days=1)
    return day


def hours_between(starts_at, ends_at):
    seconds = Decimal((ends_at - starts_at).total_seconds())
    return (seconds / Decimal(3600)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

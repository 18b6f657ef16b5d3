"""iCalendar feeds (RFC 5545 + RFC 7986) built with `icalendar` from plain values.

The same events give byte-identical output: no METHOD, no random UID or DTSTAMP, a fixed
VTIMEZONE and a stable order. `serve_feed` answers a conditional GET with 304 from one
aggregate query, before any event is built.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Sum
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from cms.translations import localize_pages

TZID = "Europe/Stockholm"
PRODID = "-//Ådala kommun//Insyn utbildning//SV"
REFRESH = "PT1H"
# Raise when the output format changes, so cached ETags stop matching.
FORMAT_VERSION = "1"
EPOCH = datetime(2000, 1, 1, tzinfo=dt_timezone.utc)
ZONE = ZoneInfo(TZID)


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    sequence: int
    summary: str
    start: datetime | date
    end: datetime | date
    last_modified: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"
    categories: tuple = ()


def stockholm_timezone():
    """VTIMEZONE with yearly rules (EU summer time since 1996): Outlook handles these,
    while lists of RDATEs are reported to confuse it."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def build_calendar(name, events, description=""):
    """The whole feed as bytes (CRLF, folded at 75 octets by icalendar)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", TZID)
    # RFC 7986 wants the VALUE parameter; X-PUBLISHED-TTL must be the string (a timedelta prints 1:00:00).
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    calendar.add_component(stockholm_timezone())
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()


def _vevent(item):
    event = Event()
    stamp = item.last_modified.astimezone(dt_timezone.utc).replace(microsecond=0)
    event.add("uid", item.uid)
    event.add("sequence", item.sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("dtstart", item.start)
    event.add("dtend", item.end)
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    if item.categories:
        event.add("categories", list(item.categories))
    event.add("status", item.status)
    return event


FEED_FIELDS = (
    "pk", "uid", "sequence", "title", "slug", "all_day", "starts_at", "ends_at", "location", "online_url",
    "status", "status_reason", "description", "modified_at", "programme_id", "responsible_body__name",
)


def session_event(row, session_url):
    """A session, as a row of FEED_FIELDS, as a FeedEvent. All-day sessions end on the
    next day (DTEND is exclusive). Plain rows: model instances cost more than icalendar."""
    start, end = row["starts_at"].astimezone(ZONE), row["ends_at"].astimezone(ZONE)
    if row["all_day"]:
        start, end = start.date(), end.date() + timedelta(days=1)
    else:
        start, end = start.replace(microsecond=0), end.replace(microsecond=0)
    cancelled = row["status"] == "cancelled"
    lines = []
    if cancelled:
        lines.append((gettext("INSTÄLLT: %(reason)s") % {"reason": row["status_reason"]}).strip())
    elif row["status"] == "moved":
        lines.append((gettext("Flyttat tillfälle. %(reason)s") % {"reason": row["status_reason"]}).strip())
    if row["description"]:
        lines.append(row["description"].replace("\r\n", "\n").strip())
    if row["online_url"]:
        lines.append(gettext("Delta på distans: %(url)s") % {"url": row["online_url"]})
    lines.append(gettext("Ansvarig: %(body)s") % {"body": row["responsible_body__name"]})
    lines.append(gettext("Mer information och anmälan: %(url)s") % {"url": session_url})
    return FeedEvent(
        uid=f"{row['uid']}@insyn",
        sequence=row["sequence"],
        summary=row["title"],
        start=start,
        end=end,
        last_modified=row["modified_at"],
        description="\n\n".join(lines),
        location=row["location"] or row["online_url"],
        url=session_url,
        status="CANCELLED" if cancelled else "CONFIRMED",
    )


def feed_state(sessions, *extra):
    """What decides a feed's bytes, read in one aggregate query: its ETag and Last-Modified."""
    state = sessions.order_by().aggregate(
        count=Count("pk"), last=Max("modified_at"), ids=Sum("pk"), sequences=Sum("sequence")
    )
    key = "|".join(str(part) for part in (FORMAT_VERSION, *extra, *state.values()))
    etag = hashlib.sha256(key.encode()).hexdigest()[:32]
    last_modified = (state["last"] or EPOCH).replace(microsecond=0)
    return etag, last_modified


def serve_feed(request, sessions, name, filename, extra_state=(), private=False, description="", sources=()):
    """Answer with the feed of `sessions` (plus events from `sources`, see
    `personal_sources`), or 304 when the client already has it."""
    base = request.build_absolute_uri("/")
    etag, last_modified = feed_state(sessions, base, name, *extra_state, *(source["state"] for source in sources))
    for source in sources:
        if source.get("last_modified"):
            last_modified = max(last_modified, source["last_modified"].replace(microsecond=0))
    timestamp = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=quote_etag(etag), last_modified=timestamp)
    if response is None:
        events = _events(sessions, base)
        if sources:
            events += [FeedEvent(**values) for source in sources for values in source["events"]()]
            events.sort(key=_event_order)
        response = HttpResponse(build_calendar(name, events, description), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = quote_etag(etag)
    response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


def personal_sources(politician):
    """Other apps add events to the personal feed through the Wagtail hook
    `insyn_personal_calendar_events`: `fn(politician)` returns None or
    {"state": str that changes whenever the events do (read cheaply: it decides the 304),
     "last_modified": aware datetime or None,
     "events": a callable returning dicts with FeedEvent's fields}."""
    from wagtail import hooks

    return [source for fn in hooks.get_hooks("insyn_personal_calendar_events") if (source := fn(politician))]


def _event_order(event):
    start = event.start if isinstance(event.start, datetime) else datetime.combine(event.start, datetime.min.time(), ZONE)
    return (start, event.uid)


def _events(sessions, base):
    from .models import TrainingProgrammePage

    rows = list(sessions.order_by("starts_at", "pk").values(*FEED_FIELDS))
    programmes = list(TrainingProgrammePage.objects.filter(pk__in={row["programme_id"] for row in rows}))
    # The session pages in the feed's language (/en/… for the English feeds).
    prefix = {page.pk: base.rstrip("/") + (shown.localized_url or "/")
              for page, shown in zip(programmes, localize_pages(programmes))}
    return [session_event(row, f"{prefix[row['programme_id']]}{row['pk']}-{row['slug']}/") for row in rows]

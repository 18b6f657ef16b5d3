"""iCalendar feeds (RFC 5545 + RFC 7986) built with `icalendar` from plain values.

The same events give byte-identical output: no METHOD, no random UID or DTSTAMP, a fixed
VTIMEZONE and a stable order. So the bytes are a function of the calendar's name and
description and the `FeedEvent` values, and `serve_feed` takes its ETag from exactly those:
a 304 is answered before icalendar runs, and the ETag changes whenever the bytes would.
Last-Modified is the time this site first answered the address with that ETag (`ServedFeed`),
so it moves when an event leaves the feed or a committee is renamed, not only when an
event's record changes.
With the generation cache on, an address's ETag and Last-Modified are kept until the next
watched write (cms.memo.per_generation) and the bytes under their ETag, so a calendar app's
hourly poll costs the same for ten sessions as for thousands; after a write the rows are read
and digested again, and icalendar runs only if the ETag changed.
An event a calendar cannot show (no end, ends before it starts) is logged and left out:
one bad record never breaks a feed.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from cms import memo, page_cache
from cms.translations import localize_pages

from .models.served_feeds import ServedFeed

TZID = "Europe/Stockholm"
PRODID = "-//Ådala kommun//Insyn utbildning//SV"
REFRESH = "PT1H"
# Raise when the output format changes, so cached ETags stop matching.
FORMAT_VERSION = "2"
ZONE = ZoneInfo(TZID)
UTC = dt_timezone.utc

logger = logging.getLogger(__name__)


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
    # icalendar writes these unknown-to-it properties raw: escaped as TEXT (RFC 5545 3.3.11),
    # a comma or semicolon in a session title is not cut off by clients.
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    if description:
        calendar.add("description", vText(description))
        calendar.add("x-wr-caldesc", vText(description))
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
    stamp = item.last_modified.astimezone(UTC).replace(microsecond=0)
    start, end = calendar_times(item.start, item.end)
    event.add("uid", item.uid)
    event.add("sequence", item.sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
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


def calendar_times(start, end):
    """DTSTART and DTEND as written: dates as they are; times in Stockholm time (with the
    VTIMEZONE), except when either falls in the hour that happens twice in October. A local
    time there is read as the first of the two by icalendar and vobject and as the second by
    libical, ical.js and Thunderbird, so both are then written in UTC, which every client reads
    as the stored instant. Times pass through UTC first, so a wall time that does not exist
    (the hour skipped in March) becomes the instant it stands for."""
    if not isinstance(start, datetime):
        return start, end
    start, end = (moment.astimezone(UTC).astimezone(ZONE).replace(microsecond=0) for moment in (start, end))
    if in_repeated_hour(start) or in_repeated_hour(end):
        return start.astimezone(UTC), end.astimezone(UTC)
    return start, end


def in_repeated_hour(local):
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


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


def fingerprint(name, description, events):
    """The ETag: a digest of everything the bytes are made of (see the module docstring)."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}|{icalendar.__version__}|{name}|{description}".encode())
    for event in events:
        digest.update(repr(event).encode() + b"\n")
    return digest.hexdigest()[:32]


def feed_base(request):
    """The one base of every link in a feed: the address the subscriber fetched it from."""
    return request.build_absolute_uri("/").rstrip("/")


def serve_feed(request, sessions, name, filename, private=False, description="", extra_events=()):
    """Answer GET and HEAD with the feed of `sessions` plus `extra_events` (FeedEvents, or a
    function returning them, see `personal_events`), or 304 when the client already has it."""
    name, description, base = str(name), str(description), feed_base(request)
    address = "|".join((base, request.path, translation.get_language() or ""))
    read = []

    def events():
        if not read:
            extra = extra_events() if callable(extra_events) else extra_events
            read.append(sorted((event for event in _events(sessions, base) + list(extra) if usable(event)),
                               key=_event_order))
        return read[0]

    def validators():
        etag = fingerprint(name, description, events())
        return etag, int(ServedFeed.first_served(address, etag).timestamp())

    seconds = getattr(settings, "INSYN_FEED_CACHE_SECONDS", 0)
    etag, timestamp = memo.per_generation(f"feed|{address}", validators, seconds)
    response = get_conditional_response(request, etag=quote_etag(etag), last_modified=timestamp)
    if response is None:
        body = _calendar_bytes(etag, lambda: build_calendar(name, events(), description), seconds)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = quote_etag(etag)
    response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


def _calendar_bytes(etag, build, seconds):
    """The bytes of a feed, kept under their ETag: the ETag is a digest of all they are made of."""
    if not seconds or not memo.enabled():
        return build()
    cache = page_cache.page_cache()
    key = f"insyn:feed-bytes:v1:{etag}"
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, seconds)
    return body


def usable(event):
    """False, and a line in the log, for an event no calendar can show."""
    problem = _problem(event)
    if problem:
        logger.warning("Calendar event %s left out of a feed: %s", event.uid, problem)
    return not problem


def _problem(event):
    start, end = event.start, event.end
    if not isinstance(start, date) or not isinstance(end, date):
        return "no start or no end"
    if isinstance(start, datetime) != isinstance(end, datetime):
        return "start and end are not both dates or both times"
    if isinstance(start, datetime) and (start.tzinfo is None or end.tzinfo is None):
        return "a time without a time zone"
    if end <= start:
        return "it does not end after it starts"
    if not isinstance(event.last_modified, datetime) or event.last_modified.tzinfo is None:
        return "no time of the last change"
    return ""


def personal_events(politician, base, now=None):
    """Events other apps add to a personal feed through the Wagtail hook
    `insyn_personal_calendar_events`: `fn(politician, base=..., cancelled_since=...)` returns
    dicts with FeedEvent's fields (or None). Links start with `base`; what was cancelled at
    or after `cancelled_since` stays in the feed with STATUS:CANCELLED, like sessions."""
    return _hook_events("insyn_personal_calendar_events", politician, base, now)


def committee_events(committee, base, now=None):
    """Events other apps add to a committee's public feed through the Wagtail hook
    `insyn_committee_calendar_events`: `fn(committee, base=..., cancelled_since=...)`, read
    like `personal_events`."""
    return _hook_events("insyn_committee_calendar_events", committee, base, now)


def _hook_events(hook, owner, base, now):
    from wagtail import hooks

    from .models.sessions import cancelled_retention

    cancelled_since = (now or timezone.now()) - cancelled_retention()
    events = []
    for fn in hooks.get_hooks(hook):
        for values in fn(owner, base=base, cancelled_since=cancelled_since) or ():
            try:
                events.append(FeedEvent(**values))
            except TypeError as error:
                logger.warning("Calendar event %s from %s left out: %s", values.get("uid"), fn.__module__, error)
    return events


def _event_order(event):
    start = event.start if isinstance(event.start, datetime) else datetime.combine(event.start, datetime.min.time(), ZONE)
    return (start, event.uid)


def _events(sessions, base):
    from .models import TrainingProgrammePage

    rows = list(sessions.order_by("starts_at", "pk").values(*FEED_FIELDS))
    programmes = list(TrainingProgrammePage.objects.filter(pk__in={row["programme_id"] for row in rows}))
    # The session pages in the feed's language (/en/… for the English feeds).
    prefix = {page.pk: base + (shown.localized_url or "/") for page, shown in zip(programmes, localize_pages(programmes))}
    return [session_event(row, f"{prefix[row['programme_id']]}{row['pk']}-{row['slug']}/") for row in rows]

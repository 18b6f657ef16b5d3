"""Calendar feed benchmark: the full feed of 2,000 sessions through Django (query, build,
HTTP layers) beside `icalendar` alone serialising the same 2,000 events from plain values,
and a 304 answer to a conditional GET. Prints numbers; asserts nothing.

    .venv/bin/python bench/feeds.py [--sessions 2000] [--repeat 5]

Target (issue 5): the full feed at most 1.3 times the icalendar-only time.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'feeds.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def make_sessions(count):
    from zoneinfo import ZoneInfo

    from home import demo as home_demo
    from training.models import Audience, TrainingProgrammePage, TrainingSession
    from visits.register.models import Committee, MandatePeriod

    home = home_demo.build()
    period = MandatePeriod.objects.create(name="2027–2030", starts_on=datetime(2027, 1, 1).date(),
                                          ends_on=datetime(2030, 12, 31).date())
    committee = Committee.objects.create(name="Kommunfullmäktige", short_name="KF", slug="kf")
    programme = home.add_child(instance=TrainingProgrammePage(title="Utbildning", slug="utbildning", period=period))
    zone = ZoneInfo("Europe/Stockholm")
    first = datetime(2027, 1, 4, 9, tzinfo=zone)
    sessions = []
    for index in range(count):
        start = first + timedelta(days=index % 1400, hours=index % 6)
        sessions.append(TrainingSession(
            programme=programme, title=f"Utbildning {index}: förvaltningslagen och jäv för förtroendevalda i Ådala",
            slug=f"utbildning-{index}", programme_year=start.year - 2026, starts_at=start,
            ends_at=start + timedelta(hours=3), location="Kommunhuset, sessionssalen", responsible_body=committee,
            audience=Audience.ALL, description="Kommunallagen och förvaltningslagen.\nRoller och ansvar.",
            status="cancelled" if index % 50 == 0 else "planned", status_reason="Inställt." if index % 50 == 0 else "",
            cancelled_at=datetime.now(dt_timezone.utc) if index % 50 == 0 else None, live=True,
        ))
    TrainingSession.objects.bulk_create(sessions, batch_size=500)
    return TrainingSession.objects.order_by("starts_at", "pk")


def icalendar_only(plain):
    """The baseline: the same events with the same properties, straight through icalendar."""
    from icalendar import Calendar, Event

    from training.feeds import stockholm_timezone

    calendar = Calendar()
    for name, value in (("prodid", "-//bench//SV"), ("version", "2.0"), ("name", "Utbildning")):
        calendar.add(name, value)
    calendar.add_component(stockholm_timezone())
    for values in plain:
        event = Event()
        for name, value in values:
            event.add(name, value)
        calendar.add_component(event)
    return calendar.to_ical()


def plain_values(sessions):
    from training.feeds import FEED_FIELDS, session_event

    plain = []
    for row in sessions.values(*FEED_FIELDS):
        e = session_event(row, f"http://testserver/utbildning/{row['pk']}-{row['slug']}/")
        stamp = e.last_modified.astimezone(dt_timezone.utc).replace(microsecond=0)
        plain.append([("uid", e.uid), ("sequence", e.sequence), ("dtstamp", stamp), ("last-modified", stamp),
                      ("dtstart", e.start), ("dtend", e.end), ("summary", e.summary), ("description", e.description),
                      ("location", e.location), ("url", e.url), ("status", e.status)])
    return plain


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        from django.test import Client

        sessions = make_sessions(args.sessions)
        plain = plain_values(sessions)
        client = Client()
        client.get("/utbildning/kalender.ics")  # warm caches (site root, templates, imports)

        baseline, body = timed(lambda: icalendar_only(plain), args.repeat)
        full, response = timed(lambda: client.get("/utbildning/kalender.ics"), args.repeat)
        etag = response["ETag"]
        not_modified, answer = timed(lambda: client.get("/utbildning/kalender.ics", HTTP_IF_NONE_MATCH=etag), args.repeat * 20)

        print(f"events: {args.sessions} (median of {args.repeat} runs; 304 of {args.repeat * 20})")
        print(f"icalendar alone, plain values:  {baseline * 1000:8.1f} ms  ({len(body):,} bytes)")
        print(f"full feed through Django:       {full * 1000:8.1f} ms  ({len(response.content):,} bytes, HTTP {response.status_code})")
        print(f"ratio full / icalendar alone:   {full / baseline:8.2f}  (target at most 1.30)")
        print(f"304 answer:                     {not_modified * 1000:8.2f} ms  (HTTP {answer.status_code})")


if __name__ == "__main__":
    main()

"""Two parsers independent of `icalendar`: vobject (Python) and ical.js (run with Node)."""

import datetime
import json
import subprocess
from pathlib import Path

import vobject

ROOT = Path(__file__).resolve().parents[2]
ICALJS_SCRIPT = Path(__file__).with_name("icaljs_parse.mjs")


def parse_with_icaljs(data):
    result = subprocess.run(
        ["node", str(ICALJS_SCRIPT)], input=data, capture_output=True, cwd=ROOT, timeout=60, check=True
    )
    return json.loads(result.stdout)


def _utc(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value.strftime("%Y%m%d")


def parse_with_vobject(data):
    calendar = vobject.readOne(data.decode("utf-8"))
    events = []
    for event in getattr(calendar, "vevent_list", []):
        start, end = event.dtstart.value, event.dtend.value
        events.append(
            {
                "uid": event.uid.value,
                "sequence": int(event.sequence.value),
                "summary": event.summary.value,
                "description": event.description.value if hasattr(event, "description") else "",
                "status": event.status.value,
                "url": event.url.value if hasattr(event, "url") else None,
                "start": _utc(start),
                "end": _utc(end),
                "isDate": not isinstance(start, datetime.datetime),
            }
        )
    return {
        "name": _first(calendar, "name"),
        "calname": _first(calendar, "x-wr-calname"),
        "timezones": [zone.tzid.value for zone in getattr(calendar, "vtimezone_list", [])],
        "events": events,
    }


def _first(component, name):
    lines = component.contents.get(name)
    return lines[0].value if lines else None


def parse_both(data):
    return {"vobject": parse_with_vobject(data), "ical.js": parse_with_icaljs(data)}

"""Walk an OParl endpoint as a client would, and check every object against the schemas."""

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft7Validator, FormatChecker

SCHEMAS = Path(__file__).parent / "schemas"
OPARL = "https://schema.oparl.org/1.1/"
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")  # the only form OParl allows
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
LISTS = ("organization", "person", "meeting", "paper", "membership", "file", "legislativeTermList")

checker = FormatChecker(formats=())
checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(DATE_TIME.match(value)))
checker.checks("date")(lambda value: not isinstance(value, str) or bool(DATE.match(value)))
checker.checks("url")(lambda value: not isinstance(value, str) or urlsplit(value).scheme in ("http", "https"))


@lru_cache
def schema(name):
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def validate(obj, problems, where=""):
    """Validate `obj` against the schema of its type and every embedded object against its own."""
    name = obj.get("type", "").removeprefix(OPARL)
    if not (SCHEMAS / f"{name}.json").exists():
        problems.append(f"{where}{obj.get('id')}: unknown type {obj.get('type')!r}")
        return
    definition = schema(name)
    if obj.get("deleted"):
        # A deleted object keeps id, type, created and modified (OParl 1.1, chapter 2.8).
        missing = {"id", "type", "created", "modified"} - set(obj)
        if missing or set(obj) - {"id", "type", "created", "modified", "deleted"}:
            problems.append(f"{where}{obj.get('id')}: a deleted object has {sorted(obj)}")
        return
    for error in Draft7Validator(definition, format_checker=checker).iter_errors(obj):
        problems.append(f"{where}{obj.get('id')}: {error.message} at {list(error.path)}")
    for key in ("created", "modified"):
        if key not in obj:
            problems.append(f"{where}{obj.get('id')}: no {key}")
    for key, value in obj.items():
        prop = definition["properties"].get(key, {})
        embedded = prop.get("schema") or (prop.get("items") or {}).get("schema")
        if embedded and prop.get("references") != "externalList":
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    validate(item, problems, f"{where}{obj.get('id')} › {key} › ")
        if ":" in key and not key.startswith("insyn:"):
            problems.append(f"{where}{obj.get('id')}: vendor property {key!r} outside the insyn: namespace")


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, f"{url}: {response.status_code} {response.content[:300]!r}"
    assert response["Content-Type"] == "application/json; charset=utf-8", url
    assert response["Access-Control-Allow-Origin"] == "*", url
    assert not response.content.startswith(b"\xef\xbb\xbf"), f"{url}: JSON must have no BOM"
    return json.loads(response.content)


def walk(client, base="http://testserver", **params):
    """Everything the endpoint serves, reached from System through every list page.
    Returns (objects by id, every raw answer body, list pages fetched)."""
    answers, objects, pages = [], {}, 0
    system = get(client, f"{base}/oparl/v1.1/", **params)
    answers.append(system)
    body_list = get(client, system["body"], **params)
    answers.append(body_list)
    for body in body_list["data"]:
        objects[body["id"]] = body
        for term in body.get("legislativeTerm", []):
            objects.setdefault(term["id"], term)
        for name in LISTS:
            url, query = body[name], dict(params)
            while url:
                page = get(client, url, **query)
                answers.append(page)
                pages += 1
                for item in page["data"]:
                    assert item["id"] not in objects or objects[item["id"]].get("type") == item["type"]
                    objects[item["id"]] = item
                url, query = page["links"].get("next"), {}  # `next` carries the filters itself
    return system, objects, answers, pages

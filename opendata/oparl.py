"""OParl 1.1 answers: list pages with filters and `links.next`, single objects, errors.

Every answer is `application/json; charset=utf-8` (UTF-8 without a BOM, no HTML
escaping) with `Access-Control-Allow-Origin: *`. Lists and objects carry an ETag computed
from the rows (opendata.sources.base) before any object is built, so a conditional GET is
answered with 304 without building anything."""

import hashlib
import json
import math
from dataclasses import dataclass, field, fields

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, quote_etag, urlencode
from django.utils.translation import gettext as _

from .sources.base import OPARL, Context
from .stamps import second

# Raise when the output changes shape, so clients' stored ETags stop matching.
FORMAT_VERSION = "1"
MAX_ID = 2**63 - 1
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class OParlError(Exception):
    def __init__(self, status, message, debug=""):
        super().__init__(message)
        self.status, self.message, self.debug = status, message, debug


def cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def json_response(payload, status=200):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return cors(HttpResponse(body.encode("utf-8"), status=status, content_type="application/json; charset=utf-8"))


def error_response(error):
    return json_response({"type": OPARL + "Error", "message": error.message, "debug": error.debug}, error.status)


def conditional(request, key, last_modified, build):
    """The answer `build()` makes, or 304 when the client's ETag (or date) is current."""
    etag = quote_etag(hashlib.sha256("|".join(map(str, (FORMAT_VERSION, *key))).encode()).hexdigest()[:32])
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = json_response(build())
    else:
        cors(response)
    response["ETag"] = etag
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = "public, max-age=60"
    return response


@dataclass
class Params:
    created_since: object = None
    created_until: object = None
    modified_since: object = None
    modified_until: object = None
    omit_internal: bool = False
    page: int = 1
    limit: int = 0
    raw: dict = field(default_factory=dict)  # the filters as the client wrote them, for the links

    def matches(self, row):
        return all((
            self.created_since is None or row.created >= self.created_since,
            self.created_until is None or row.created <= self.created_until,
            self.modified_since is None or row.modified >= self.modified_since,
            self.modified_until is None or row.modified <= self.modified_until,
        ))

    def query(self, page=None):
        """The list's filters in one fixed order, so one page has one address."""
        values = [(name, self.raw[name]) for name in FILTERS if getattr(self, name) is not None]
        if self.omit_internal:
            values.append(("omit_internal", "true"))
        if self.limit != page_size():
            values.append(("limit", str(self.limit)))
        if page and page > 1:
            values.append(("page", str(page)))
        return "?" + urlencode(values) if values else ""

    def key(self):
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "raw")


def page_size():
    return max(1, settings.INSYN_OPARL_PAGE_SIZE)


def parse_moment(name, value):
    # A '+' sent unencoded arrives as a space; read it as the offset it was meant to be.
    try:
        moment = parse_datetime(value.strip().replace(" ", "+")) if len(value) <= 40 and "\x00" not in value else None
    except ValueError:  # well formed, but no such day (2026-02-30) or hour
        moment = None
    if moment is None or moment.tzinfo is None:
        raise OParlError(400, _("%(name)s måste vara en tidpunkt med tidszon, till exempel "
                                "2026-01-01T00:00:00+01:00.") % {"name": name}, f"{name}={value[:60]!r}")
    return second(moment)


def parse_number(name, value, low, high):
    if not value.isdigit() or len(value) > 9 or not low <= int(value) <= high:
        raise OParlError(400, _("%(name)s måste vara ett heltal från %(low)s till %(high)s.")
                         % {"name": name, "low": low, "high": high}, f"{name}={value[:60]!r}")
    return int(value)


def parse_params(request):
    params = Params(limit=page_size())
    for name in FILTERS:
        if name in request.GET:
            params.raw[name] = request.GET[name]
            setattr(params, name, parse_moment(name, request.GET[name]))
    if "omit_internal" in request.GET:
        value = request.GET["omit_internal"].lower()
        if value not in ("true", "false"):
            raise OParlError(400, _("omit_internal måste vara true eller false."), f"omit_internal={value[:60]!r}")
        params.omit_internal = value == "true"
    if "limit" in request.GET:
        params.limit = parse_number("limit", request.GET["limit"], 1, page_size())
    if "page" in request.GET:
        params.page = parse_number("page", request.GET["page"], 1, 10**9)
    return params


def list_response(request, sources, address):
    """One page of the list made of `sources`. Deleted objects are listed only when the
    client asks what changed (`modified_since`), as OParl 1.1 prescribes."""
    params = parse_params(request)
    ctx = Context(omit_internal=params.omit_internal)
    rows = sorted((row for source in sources for row in source.rows(ctx).values()
                   if (row.visible or params.modified_since is not None) and params.matches(row)),
                  key=lambda row: row.order)
    pages = max(1, math.ceil(len(rows) / params.limit))
    if params.page > pages:
        raise OParlError(404, _("Sidan finns inte: listan har %(pages)s sidor.") % {"pages": pages},
                         f"page={params.page}")
    on_page = rows[(params.page - 1) * params.limit: params.page * params.limit]
    key = (ctx.base, address, params.key(), len(rows),
           *((row.source.kind, row.pk, row.modified, row.visible) for row in on_page))
    last_modified = max((row.modified for row in on_page), default=None)

    def build():
        built = {}
        for source in sources:
            wanted = [row.pk for row in on_page if row.source is source and row.visible]
            if wanted:
                built[source.kind] = source.build(ctx, wanted)
        data = [built[row.source.kind][row.pk] if row.visible else row.source.stub(ctx, row) for row in on_page]
        url = ctx.url(address)
        links = {"first": url + params.query(1), "self": url + params.query(params.page),
                 "last": url + params.query(pages)}
        if params.page > 1:
            links["prev"] = url + params.query(params.page - 1)
        if params.page < pages:
            links["next"] = url + params.query(params.page + 1)
        return {"data": data,
                "pagination": {"totalElements": len(rows), "elementsPerPage": params.limit,
                               "currentPage": params.page, "totalPages": pages},
                "links": links}

    return conditional(request, key, last_modified, build)


def object_response(request, source, pk, extra=None):
    """One object: published, or kept as deleted, or 404."""
    params = parse_params(request)
    ctx = Context(omit_internal=params.omit_internal)
    row = source.rows(ctx).get(pk) if pk <= MAX_ID else None
    if row is None:
        raise OParlError(404, _("Objektet finns inte."), request.path)

    def build():
        if not row.visible:
            return source.stub(ctx, row)
        return {**source.build(ctx, [pk])[pk], **(extra(ctx, row) if extra else {})}

    return conditional(request, (ctx.base, request.path, params.omit_internal, row.modified, row.visible),
                       row.modified, build)


def made_object(request, key, payload):
    """An object made from settings (System, Body): its ETag is its content."""
    return conditional(request, (key, json.dumps(payload, sort_keys=True)), None, lambda: payload)


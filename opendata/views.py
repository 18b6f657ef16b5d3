"""The OParl 1.1 endpoint (/oparl/v1.1/), read-only and open to any origin."""

import hashlib
import json
from functools import wraps

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import dcat, visibility
from .models import Snapshot
from .oparl import MAX_ID, OParlError, error_response, list_response, made_object, object_response, parse_params
from .publisher import contact_email, site_settings
from .register_csv import register_csv
from .sources import BY_PATH, LISTS, LOCATED
from .sources.base import OPARL, Context
from .sources.register import PeriodSource
from .stamps import iso

ALLOWED = "GET, HEAD, OPTIONS"


def oparl_view(view):
    """GET and HEAD answered as OParl; OPTIONS for browsers asking before a conditional GET;
    anything else, and every error, as an OParl error object."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Methods"] = ALLOWED
                response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
                response["Access-Control-Max-Age"] = "86400"
                response["Allow"] = ALLOWED
                return response
            if request.method not in ("GET", "HEAD"):
                raise OParlError(405, _("Gränssnittet går bara att läsa (GET)."), request.method)
            return view(request, *args, **kwargs)
        except OParlError as error:
            response = error_response(error)
            if error.status == 405:
                response["Allow"] = ALLOWED
            return response

    return wrapper


def stamped(key, content):
    """`content` with created and modified: when it was first served, and when it last changed."""
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    created, modified = Snapshot.stamp(key, digest)
    return {**content, "created": iso(created), "modified": iso(modified)}


def system_content(ctx):
    values = site_settings()
    return {
        "id": ctx.url(), "type": OPARL + "System", "oparlVersion": OPARL,
        "license": ctx.license, "body": ctx.url("body"),
        "name": f"Insyn – {values.municipality_name}", "contactEmail": contact_email(values),
        "website": ctx.base + "/", "web": ctx.base + "/",
    }


def body_content(ctx):
    values = site_settings()
    content = {
        "id": ctx.url("body", 1), "type": OPARL + "Body", "system": ctx.url(),
        "name": values.municipality_name, "classification": "Kommun",
        "website": ctx.base + "/", "license": ctx.license, "contactEmail": contact_email(values),
        "organization": ctx.url("organization"), "person": ctx.url("person"), "meeting": ctx.url("meeting"),
        "paper": ctx.url("paper"), "membership": ctx.url("membership"), "file": ctx.url("file"),
        "legislativeTermList": ctx.url("legislativeterm"), "web": ctx.base + "/",
    }
    periods = PeriodSource()
    rows = periods.rows(ctx)
    terms = [term for _pk, term in sorted(periods.build(ctx, [pk for pk, row in rows.items() if row.visible]).items())]
    body = stamped("body", {**content, "legislativeTerm": terms})
    if ctx.omit_internal:  # OParl 1.1 lets a client that syncs leave out the embedded terms
        del body["legislativeTerm"]
    return body


@oparl_view
def system(request):
    params = parse_params(request)
    ctx = Context(omit_internal=params.omit_internal)
    return made_object(request, "system", stamped("system", system_content(ctx)))


@oparl_view
def body_list(request):
    params = parse_params(request)
    if params.page > 1:
        raise OParlError(404, _("Sidan finns inte: listan har 1 sida."), f"page={params.page}")
    ctx = Context(omit_internal=params.omit_internal)
    body = body_content(ctx)
    url = ctx.url("body") + params.query(1)
    return made_object(request, ("body-list", url), {
        "data": [body], "pagination": {"totalElements": 1, "elementsPerPage": params.limit, "currentPage": 1,
                                       "totalPages": 1},
        "links": {"first": url, "self": url, "last": url},
    })


@oparl_view
def body(request, pk):
    if pk != 1:
        raise OParlError(404, _("Objektet finns inte."), request.path)
    params = parse_params(request)
    return made_object(request, "body", body_content(Context(omit_internal=params.omit_internal)))


@oparl_view
def object_list(request, collection):
    if collection not in LISTS:
        raise OParlError(404, _("Listan finns inte."), request.path)
    return list_response(request, LISTS[collection], collection)


@oparl_view
def object_detail(request, pk, collection, kind=None):
    source = BY_PATH.get((collection, kind) if kind else (collection,))
    if source is None:
        raise OParlError(404, _("Objektet finns inte."), request.path)
    return object_response(request, source, pk)


@oparl_view
def location(request, kind, pk):
    """The place of a unit, a training session or a presidium visit, with a reference back to it."""
    parent = LOCATED.get(kind)
    if parent is None or pk > MAX_ID:
        raise OParlError(404, _("Objektet finns inte."), request.path)
    ctx = Context()
    row = parent.rows(ctx).get(pk)
    built = parent.build(ctx, [pk]).get(pk) if row and row.visible else None
    if row is None or (built is not None and not built.get("location")):
        raise OParlError(404, _("Objektet finns inte."), request.path)
    if built is None:  # the object it belongs to is kept as deleted, and so is its place
        payload = {"id": ctx.url("location", kind, pk), "type": OPARL + "Location", "created": iso(row.created),
                   "modified": iso(row.modified), "deleted": True}
    else:
        back = "organizations" if parent.oparl_type == "Organization" else "meetings"
        payload = {**built["location"], back: [built["id"]]}
    return made_object(request, ("location", kind, pk), payload)


def digest_response(request, content, content_type, filename=None):
    """`content` with an ETag of its bytes, or 304 when the client has them."""
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    response = get_conditional_response(request, etag=etag) or HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def catalogue(request, fmt=None):
    """The DCAT-AP-SE catalogue: .rdf (RDF/XML, which the data portal harvests), .ttl or .jsonld;
    without a suffix (the address its IRIs are made of) in the syntax the client accepts."""
    if fmt is None:
        accept = request.headers.get("Accept", "")
        fmt = "ttl" if "text/turtle" in accept else "jsonld" if "application/ld+json" in accept else "rdf"
    if fmt not in dcat.FORMATS:
        raise Http404
    content, content_type = dcat.serialise(dcat.catalogue(), fmt)
    return digest_response(request, content, content_type)


@require_safe
def contact_politicians_csv(request):
    """The directory as CSV, published while the directory is."""
    if visibility.public_directory() is None:
        raise Http404
    return digest_response(request, register_csv().encode("utf-8"), "text/csv; charset=utf-8",
                           "kontaktpolitiker.csv")

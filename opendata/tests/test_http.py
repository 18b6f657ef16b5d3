"""What every OParl answer carries over HTTP: JSON in UTF-8, CORS for any origin, ETags
answered with 304 before anything is built, and only reading."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from visits.register.models import Politician

from .oparl_client import OPARL

BASE = "http://testserver/oparl/v1.1/"
ADDRESSES = ["", "body/", "body/1/", "person/", "organization/", "membership/", "meeting/", "paper/", "file/",
             "legislativeterm/"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_answers_are_utf8_json_open_to_every_origin(oparl_demo, client, address):
    response = client.get(BASE + address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.content.startswith(b"\xef\xbb\xbf")
    assert b"\\u00" not in response.content and "Ådala".encode() in client.get(f"{BASE}body/1/").content
    assert response["ETag"]


@pytest.mark.parametrize("address", ["person/", "paper/", "person/{per}/", ""])
def test_a_conditional_get_with_the_etag_is_a_304_that_builds_nothing(oparl_demo, client, address):
    url = BASE + address.format(per=oparl_demo["per"].pk)
    first = client.get(url)
    with CaptureQueriesContext(connection) as full:
        client.get(url)
    with CaptureQueriesContext(connection) as conditional:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*" and again["ETag"] == first["ETag"]
    if address:  # System is made from settings: its 304 still reads them
        assert len(conditional) < len(full)


def test_the_etag_changes_when_the_data_does(oparl_demo, client):
    url = f"{BASE}person/{oparl_demo['paula'].pk}/"
    etag = client.get(url)["ETag"]
    paula = Politician.objects.get(pk=oparl_demo["paula"].pk)
    paula.last_name = "Politiker-Ny"
    paula.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and json.loads(changed.content)["familyName"] == "Politiker-Ny"


def test_lists_say_when_they_last_changed(oparl_demo, client):
    response = client.get(f"{BASE}paper/")
    assert response["Last-Modified"]
    assert client.get(f"{BASE}paper/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_head_and_options_answer_and_writing_is_refused(oparl_demo, client):
    assert client.head(f"{BASE}person/").status_code == 200
    options = client.options(f"{BASE}person/")
    assert options.status_code == 204 and options["Access-Control-Allow-Origin"] == "*"
    assert "GET" in options["Access-Control-Allow-Methods"] and "If-None-Match" in options["Access-Control-Allow-Headers"]
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{BASE}person/")
        assert response.status_code == 405, method
        assert json.loads(response.content)["type"] == OPARL + "Error"
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_the_catalogue_and_the_csv_answer_a_conditional_get(oparl_demo, client):
    for url in ("/oparl/dcat.rdf", "/enheter/kontaktpolitiker.csv"):
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

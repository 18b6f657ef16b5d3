"""The list filters of OParl 1.1: created_since/until, modified_since/until, omit_internal,
pages and their links; deleted objects listed only when a client asks what changed."""

import datetime
import json

import pytest
from django.utils import timezone

from opendata.models import Touch
from visits.register.models import Committee, Membership, Party, Politician

from .oparl_client import OPARL, get
from .planting import with_signed_original

BASE = "http://testserver/oparl/v1.1/"
LONG_AGO = timezone.make_aware(datetime.datetime(2026, 1, 1, 12, 0))


def at(day, hour=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def iso(moment):
    return timezone.localtime(moment).isoformat()


@pytest.fixture
def quiet_register(oparl_demo):
    """Every politician and membership last changed long ago: what changes now stands out."""
    Politician.objects.update(created_at=LONG_AGO, modified_at=LONG_AGO)
    Membership.objects.update(created_at=LONG_AGO, modified_at=LONG_AGO)
    Touch.objects.all().delete()
    return oparl_demo


def ids(page):
    return [item["id"] for item in page["data"]]


def test_an_object_changed_after_modified_since_is_listed_and_one_changed_before_is_not(quiet_register, client):
    per, paula = quiet_register["per"], quiet_register["paula"]
    before = timezone.now().replace(microsecond=0)
    per.phone_consent_on = None
    per.save()  # Per changes now; Paula stays as she was long ago
    listed = ids(get(client, f"{BASE}person/", modified_since=iso(before)))
    assert f"{BASE}person/{per.pk}/" in listed
    assert f"{BASE}person/{paula.pk}/" not in listed
    assert listed == [f"{BASE}person/{per.pk}/"]
    # And the other way round: until a moment before the change, only the unchanged.
    earlier = ids(get(client, f"{BASE}person/", modified_until=iso(before - datetime.timedelta(seconds=1))))
    assert f"{BASE}person/{paula.pk}/" in earlier and f"{BASE}person/{per.pk}/" not in earlier


def test_created_filters_select_by_creation(quiet_register, client):
    party = Party.objects.create(name="Nya listan", abbreviation="NL")
    since = ids(get(client, f"{BASE}organization/", created_since=iso(party.created_at.replace(microsecond=0))))
    assert since == [f"{BASE}organization/parti/{party.pk}/"]
    until = ids(get(client, f"{BASE}organization/", created_until=iso(party.created_at - datetime.timedelta(seconds=1))))
    assert f"{BASE}organization/parti/{party.pk}/" not in until and until


def test_a_deleted_object_is_listed_only_when_the_client_asks_what_changed(quiet_register, client):
    party = Party.objects.create(name="Kortlivade partiet", abbreviation="KP")
    url = f"{BASE}organization/parti/{party.pk}/"
    created = get(client, url)["created"]
    before = timezone.now().replace(microsecond=0)
    party.delete()
    stub = get(client, url)
    assert stub == {"id": url, "type": OPARL + "Organization", "created": created, "modified": stub["modified"],
                    "deleted": True}
    assert stub["modified"] >= iso(before)
    assert url not in ids(get(client, f"{BASE}organization/"))
    assert url in ids(get(client, f"{BASE}organization/", modified_since=iso(before)))


def test_a_membership_that_ends_leaves_the_person_deleted_from_the_day_after(quiet_register, client):
    committee = Committee.objects.get(short_name="BUN")
    period = quiet_register["period"]
    leaver = Politician.objects.create(first_name="Lisa", last_name="Lämnade", slug="lisa-lamnade",
                                       party=Party.objects.first())
    Membership.objects.create(politician=leaver, committee=committee, period=period,
                              starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 11, 20))
    # Registered long ago: only the passing of the end date changes what is published.
    Politician.objects.filter(pk=leaver.pk).update(created_at=LONG_AGO, modified_at=LONG_AGO)
    Membership.objects.filter(politician=leaver).update(created_at=LONG_AGO, modified_at=LONG_AGO)
    Touch.objects.all().delete()
    url = f"{BASE}person/{leaver.pk}/"
    stub = get(client, url)
    assert stub["deleted"] is True
    assert stub["modified"] == iso(at(datetime.date(2026, 11, 21)))  # today is 2026-11-24 in these tests
    assert url in ids(get(client, f"{BASE}person/", modified_since=iso(at(datetime.date(2026, 11, 20)))))
    assert url not in ids(get(client, f"{BASE}person/", modified_since=iso(at(datetime.date(2026, 11, 22)))))


def test_removing_a_membership_moves_modified_of_the_person_and_the_committee(quiet_register, client):
    per = quiet_register["per"]
    membership = Membership.objects.filter(politician=per).order_by("pk").first()
    committee_url = f"{BASE}organization/namnd/{membership.committee_id}/"
    before = timezone.now().replace(microsecond=0)
    membership_url = f"{BASE}membership/{membership.pk}/"
    assert membership_url in get(client, committee_url)["membership"]
    membership.delete()
    changed = ids(get(client, f"{BASE}person/", modified_since=iso(before)))
    assert changed == [f"{BASE}person/{per.pk}/"]
    assert committee_url in ids(get(client, f"{BASE}organization/", modified_since=iso(before)))
    assert membership_url not in get(client, committee_url)["membership"]
    assert get(client, membership_url)["deleted"] is True


def test_unpublishing_a_styrdokument_lists_it_as_deleted_since_then(oparl_demo, client):
    page = oparl_demo["public_document"]
    url = f"{BASE}paper/styrdokument/{page.pk}/"
    assert get(client, url)["name"] == page.title
    before = timezone.now().replace(microsecond=0)
    page.unpublish()
    assert get(client, url)["deleted"] is True
    assert url not in ids(get(client, f"{BASE}paper/"))
    assert url in ids(get(client, f"{BASE}paper/", modified_since=iso(before)))


def test_pages_carry_the_filters_in_their_links(oparl_demo, client, settings):
    settings.INSYN_OPARL_PAGE_SIZE = 5
    since = "2020-01-01T00:00:00+01:00"
    first = get(client, f"{BASE}person/", modified_since=since, limit="3")
    assert first["pagination"]["elementsPerPage"] == 3 and first["pagination"]["currentPage"] == 1
    assert "modified_since=2020-01-01T00%3A00%3A00%2B01%3A00" in first["links"]["next"]
    assert "limit=3" in first["links"]["next"] and first["links"]["next"].endswith("page=2")
    second = json.loads(client.get(first["links"]["next"]).content)
    assert second["pagination"]["currentPage"] == 2 and second["links"]["prev"] == first["links"]["self"]
    assert not set(ids(first)) & set(ids(second))
    last = json.loads(client.get(first["links"]["last"]).content)
    assert "next" not in last["links"]


def test_omit_internal_leaves_out_the_embedded_lists(oparl_demo, client):
    full = get(client, f"{BASE}person/")["data"]
    assert any("membership" in person for person in full)
    slim = get(client, f"{BASE}person/", omit_internal="true")["data"]
    assert not any("membership" in person for person in slim)
    assert [p["id"] for p in slim] == [p["id"] for p in full]
    assert "legislativeTerm" not in get(client, f"{BASE}body/1/", omit_internal="true")
    assert "legislativeTerm" in get(client, f"{BASE}body/1/")
    meetings = get(client, f"{BASE}meeting/")["data"]
    assert any("auxiliaryFile" in meeting for meeting in meetings)
    assert not any("auxiliaryFile" in meeting for meeting in get(client, f"{BASE}meeting/", omit_internal="true")["data"])


def test_omit_internal_keeps_a_papers_main_file(oparl_demo, client):
    page = with_signed_original(oparl_demo)
    paper = get(client, f"{BASE}paper/styrdokument/{page.pk}/", omit_internal="true")
    assert paper["mainFile"]["id"] == f"{BASE}file/{page.signed_original_id}/"


@pytest.mark.parametrize("query, message", [
    ({"modified_since": "igår"}, "modified_since måste vara en tidpunkt med tidszon"),
    ({"created_since": "2026-01-01T00:00:00"}, "created_since måste vara en tidpunkt med tidszon"),
    ({"modified_until": "2026-02-30T00:00:00+01:00"}, "modified_until måste vara en tidpunkt"),
    ({"created_until": "2026-01-01T00:00:00+01:00\x00"}, "created_until måste vara en tidpunkt"),
    ({"omit_internal": "ja"}, "omit_internal måste vara true eller false"),
    ({"limit": "0"}, "limit måste vara ett heltal från 1 till 100"),
    ({"limit": "-3"}, "limit måste vara ett heltal"),
    ({"page": "99999999999999999999"}, "page måste vara ett heltal"),
    ({"page": "2.5"}, "page måste vara ett heltal"),
])
def test_a_bad_parameter_is_a_400_with_a_swedish_message(oparl_demo, client, query, message):
    response = client.get(f"{BASE}person/", query)
    assert response.status_code == 400
    error = json.loads(response.content)
    assert error["type"] == OPARL + "Error" and error["message"].startswith(message)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unencoded_plus_in_a_time_is_read_as_the_offset(oparl_demo, client):
    assert client.get(f"{BASE}person/?modified_since=2026-01-01T00:00:00+01:00").status_code == 200


def test_a_page_beyond_the_last_and_unknown_lists_and_objects_are_404(oparl_demo, client):
    for url in (f"{BASE}person/?page=50", f"{BASE}okand/", f"{BASE}person/0/", f"{BASE}organization/okand/1/",
                f"{BASE}location/okand/1/", f"{BASE}body/2/", f"{BASE}person/{2**64}/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert json.loads(response.content)["type"] == OPARL + "Error"

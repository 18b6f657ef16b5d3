"""Every change that alters a published object moves its `modified`, also when the change is
made elsewhere (a bloc, a view restriction, a successor) or only by time passing."""

import datetime

from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import GoverningDocumentPage, SiteSettings
from training.models import TrainingSession
from visits.register.models import PartyBloc, Unit
from visits.register.pages import UnitIndexPage

from .oparl_client import get
from .planting import with_signed_original

BASE = "http://testserver/oparl/v1.1/"


def now():
    return timezone.localtime(timezone.now().replace(microsecond=0)).isoformat()


def changed_since(client, address, since):
    return [item["id"] for item in get(client, BASE + address, modified_since=since)["data"]]


def test_a_party_changing_bloc_moves_the_party_its_politicians_and_their_units(oparl_demo, client):
    paula = oparl_demo["paula"]
    bloc = PartyBloc.objects.get(party=paula.party, period=oparl_demo["period"])
    since = now()
    bloc.bloc = PartyBloc.Bloc.OPPOSITION
    bloc.save()
    assert f"{BASE}person/{paula.pk}/" in changed_since(client, "person/", since)
    organizations = changed_since(client, "organization/", since)
    assert f"{BASE}organization/parti/{paula.party_id}/" in organizations
    assert f"{BASE}organization/enhet/{oparl_demo['unit'].pk}/" in organizations
    assert get(client, f"{BASE}person/{paula.pk}/")["insyn:bloc"] == "opposition"


def test_a_unit_closed_down_is_deleted_and_leaves_its_politicians_lists(oparl_demo, client):
    unit, paula = oparl_demo["unit"], oparl_demo["paula"]
    unit_url = f"{BASE}organization/enhet/{unit.pk}/"
    assert unit_url in get(client, f"{BASE}person/{paula.pk}/")["insyn:contactPoliticianFor"]
    since = now()
    closed = Unit.objects.get(pk=unit.pk)
    closed.active = False
    closed.save()
    assert get(client, unit_url)["deleted"] is True
    assert unit_url not in get(client, f"{BASE}person/{paula.pk}/").get("insyn:contactPoliticianFor", [])
    assert f"{BASE}person/{paula.pk}/" in changed_since(client, "person/", since)


def test_a_login_on_the_directory_takes_the_register_out_and_back(oparl_demo, client):
    paula = oparl_demo["paula"]
    url = f"{BASE}person/{paula.pk}/"
    since = now()
    restriction = PageViewRestriction.objects.create(page=UnitIndexPage.objects.get(),
                                                     restriction_type=PageViewRestriction.LOGIN)
    assert get(client, url)["deleted"] is True and not get(client, f"{BASE}person/")["data"]
    assert url in changed_since(client, "person/", since)
    restriction.delete()
    assert get(client, url)["name"] == paula.full_name


def test_a_successor_in_force_moves_the_document_it_replaces(oparl_demo, client):
    old = GoverningDocumentPage.objects.live().filter(replaced_by__isnull=True).order_by("pk").first()
    url = f"{BASE}paper/styrdokument/{old.pk}/"
    since = now()
    successor = old.get_parent().add_child(instance=GoverningDocumentPage(
        title="Ny version", slug="ny-version", replaces=old, live=False, **{
            name: getattr(old, name) for name in ("document_type_id", "diary_number", "created_by_name",
                                                  "created_by_title", "created_on", "adopted_by_id", "adopted_on",
                                                  "adopted_paragraph", "owner_role", "owner_email")},
        valid_from=datetime.date(2026, 1, 1)))
    successor.save_revision().publish()
    paper = get(client, url)
    assert paper["insyn:status"] == "Ersatt av ett nyare dokument"
    assert paper["insyn:replacedBy"] == [f"{BASE}paper/styrdokument/{successor.pk}/"]
    assert url in changed_since(client, "paper/", since)


def test_a_signed_original_moved_behind_a_login_leaves_its_paper(oparl_demo, client):
    page = GoverningDocumentPage.objects.live().public().exclude(pk=oparl_demo["public_document"].pk).filter(
        signed_original__isnull=False).first() or with_signed_original(oparl_demo)
    url = f"{BASE}paper/styrdokument/{page.pk}/"
    assert get(client, url)["mainFile"]["id"] == f"{BASE}file/{page.signed_original_id}/"
    since = now()
    collection = Collection.get_first_root_node().add_child(name="Interna")
    page.signed_original.collection = collection
    page.signed_original.save()
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    assert "mainFile" not in get(client, url)
    assert get(client, f"{BASE}file/{page.signed_original_id}/")["deleted"] is True
    assert url in changed_since(client, "paper/", since)
    assert f"{BASE}file/{page.signed_original_id}/" in changed_since(client, "file/", since)


def test_a_session_unpublished_or_deleted_is_kept_as_deleted(oparl_demo, client):
    first, second = TrainingSession.objects.published().order_by("pk")[:2]
    pks = [first.pk, second.pk]
    since = now()
    first.unpublish()
    second.delete()
    for pk in pks:
        url = f"{BASE}meeting/utbildning/{pk}/"
        assert get(client, url)["deleted"] is True
        assert url in changed_since(client, "meeting/", since)


def test_a_session_that_is_over_is_held_from_its_end(oparl_demo, client):
    session = TrainingSession.objects.published().filter(ends_at__lt=timezone.now()).order_by("-ends_at").first()
    TrainingSession.objects.filter(pk=session.pk).update(modified_at=session.ends_at - datetime.timedelta(days=30))
    meeting = get(client, f"{BASE}meeting/utbildning/{session.pk}/")
    assert meeting["meetingState"] == "genomförd"
    assert meeting["modified"] >= timezone.localtime(session.ends_at.replace(microsecond=0)).isoformat()


def test_the_body_changes_when_the_municipality_renames_it(oparl_demo, client):
    before = get(client, f"{BASE}body/1/")
    values = SiteSettings.objects.get()
    values.municipality_name = "Nya Ådala kommun"
    values.save()
    after = get(client, f"{BASE}body/1/")
    assert after["name"] == "Nya Ådala kommun" and after["created"] == before["created"]
    assert after["modified"] >= before["modified"]
    assert get(client, f"{BASE}body/1/")["modified"] == after["modified"]  # and stays put while nothing changes

"""A client walks the endpoint from System through every list and every `next` link: every
object validates against the OParl 1.1 schemas, answers at its own id, every reference
resolves, and nothing the public pages do not show is anywhere in what it read."""

import json

from cms.testing import client_for

from .oparl_client import OPARL, get, validate, walk
from .planting import PUBLIC, SECRETS

BASE = "http://testserver/oparl/v1.1/"
TYPES = {"Body", "LegislativeTerm", "Organization", "Person", "Membership", "Meeting", "Paper", "File", "Location"}


def references(value):
    """Every address of the endpoint inside `value`."""
    if isinstance(value, dict):
        for item in value.values():
            yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)
    elif isinstance(value, str) and value.startswith(BASE):
        yield value


def embedded(value):
    """Every object inside `value`, itself included."""
    if isinstance(value, dict):
        if "type" in value and "id" in value:
            yield value
        for item in value.values():
            yield from embedded(item)
    elif isinstance(value, list):
        for item in value:
            yield from embedded(item)


def test_every_object_from_system_through_every_list_page_validates(oparl_demo, client, settings):
    settings.INSYN_OPARL_PAGE_SIZE = 7  # several pages in most lists, so every `next` is followed
    system, objects, _answers, pages = walk(client)
    problems = []
    validate(system, problems)
    for obj in objects.values():
        validate(obj, problems)
    assert not problems, "\n".join(problems)
    assert pages > 14
    found = {obj["type"].removeprefix(OPARL) for item in objects.values() for obj in embedded(item)}
    assert found >= TYPES
    assert system["oparlVersion"] == OPARL and system["license"] == settings.INSYN_OPENDATA_LICENSE


def test_every_object_answers_at_its_id_and_every_reference_resolves(oparl_demo, client):
    _system, objects, answers, _pages = walk(client)
    problems = []
    for obj_id, obj in objects.items():
        alone = get(client, obj_id)
        validate(alone, problems)
        # Alone it may add the references back to what embeds it (a membership's person, a file's paper).
        changed = {key for key in obj if alone.get(key) != obj[key]}
        if changed:
            problems.append(f"{obj_id}: {sorted(changed)} differ from the list")
    for url in sorted(set(references(answers)) - set(objects)):
        if "?" in url or url.rstrip("/").endswith(("organization", "person", "meeting", "paper", "membership",
                                                     "file", "legislativeterm", "body", "v1.1")):
            continue  # lists, walked above
        validate(get(client, url), problems)
    assert not problems, "\n".join(problems)


def test_nothing_the_public_pages_do_not_show_leaves(oparl_demo, client):
    _system, objects, answers, _pages = walk(client)
    text = json.dumps(answers, ensure_ascii=False) + json.dumps(
        [get(client, obj_id) for obj_id in objects], ensure_ascii=False)
    leaked = sorted(name for name, secret in SECRETS.items() if secret in text)
    assert not leaked, f"open data shows {leaked}"
    for name, value in PUBLIC.items():
        assert value in text, f"{name} ({value}) should be published"


def test_drafts_and_private_objects_are_unknown_or_deleted(oparl_demo, client):
    demo = oparl_demo
    never_published = [
        f"{BASE}paper/styrdokument/{demo['draft_document'].pk}/",
        f"{BASE}meeting/utbildning/{demo['draft_session'].pk}/",
        f"{BASE}paper/rapport/{demo['draft'].pk}/",
    ]
    for url in never_published:
        response = client.get(url)
        assert response.status_code == 404, url
        assert json.loads(response.content)["type"] == OPARL + "Error"
    # Published once and now behind a login: clients that hold it learn it is gone, and nothing more.
    for url in (f"{BASE}paper/styrdokument/{demo['private_document'].pk}/", f"{BASE}file/{demo['hidden_file'].pk}/"):
        stub = get(client, url)
        assert stub["deleted"] is True and set(stub) == {"id", "type", "created", "modified", "deleted"}


def test_contact_data_only_with_consent(oparl_demo, client):
    per, paula = oparl_demo["per"], oparl_demo["paula"]
    per_json = get(client, f"{BASE}person/{per.pk}/")
    assert per_json["name"] == per.full_name
    assert "email" not in per_json and "phone" not in per_json and "insyn:photo" not in per_json
    paula_json = get(client, f"{BASE}person/{paula.pk}/")
    assert paula_json["email"] == [paula.email] and paula_json["phone"] == [paula.phone]


def test_everyone_gets_the_same_answers_as_an_anonymous_client(oparl_demo):
    anonymous = walk(client_for(None))[2]
    for role in ("admin", "namndsekreterare", "politiker", "enhetschef"):
        assert walk(client_for(oparl_demo["users"][role]))[2] == anonymous, role

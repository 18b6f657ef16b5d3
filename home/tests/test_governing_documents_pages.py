"""Styrdokument pages as visitors see them: the index with its filters and a document."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from cms.testing import generation_cache_on
from home.models import GoverningDocumentType

from .conftest import TODAY
from .documents_factories import make_committee, make_document

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
# Site, page route, view restrictions, settings, menu (one query), filter choices, the count, the page of the list and its history.
INDEX_QUERIES = 15  # 14, and the page's translations for the hreflang links and the language switcher
# With the generation cache (cms/memo.py): the view restrictions the list leaves out, the count, the
# filter choices (types, committees), the page of the list and its history.
INDEX_QUERIES_KEPT = 6


@pytest.fixture
def documents(document_index):
    bun, kf = make_committee("BUN", "Barn- och utbildningsnämnden"), make_committee("KF", "Kommunfullmäktige")
    old = make_document(document_index, title="Riktlinjer för kontaktpolitiker 2019", adopted_by=bun, valid_from=datetime.date(2019, 4, 1))
    new = make_document(
        document_index,
        title="Riktlinjer för kontaktpolitiker",
        adopted_by=bun,
        replaces=old,
        valid_from=TODAY - DAY,
        decisions=[{"decided_on": TODAY - DAY, "decided_by": bun, "paragraph": "§ 63", "change": "Ersättningen förtydligad."}],
    )
    programme = make_document(
        document_index,
        title="Utbildningsprogram för förtroendevalda",
        adopted_by=kf,
        document_type=GoverningDocumentType.objects.get(slug="program"),
        diary_number="KS 2022/301",
    )
    upcoming = make_document(document_index, title="Arkivplan", adopted_by=kf, valid_from=TODAY + 30 * DAY,
                             document_type=GoverningDocumentType.objects.get(slug="plan"))
    return {"old": old, "new": new, "programme": programme, "upcoming": upcoming}


def listed_titles(html):
    import re

    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def test_index_shows_documents_in_force_sorted_by_title(client, documents):
    html = client.get("/styrdokument/").content.decode()

    assert listed_titles(html) == ["Riktlinjer för kontaktpolitiker", "Utbildningsprogram för förtroendevalda"]


def test_visitor_can_filter_by_type(client, documents):
    html = client.get("/styrdokument/", {"typ": "program"}).content.decode()

    assert listed_titles(html) == ["Utbildningsprogram för förtroendevalda"]


def test_visitor_can_filter_by_adopting_body(client, documents):
    html = client.get("/styrdokument/", {"organ": "bun"}).content.decode()

    assert listed_titles(html) == ["Riktlinjer för kontaktpolitiker"]


@pytest.mark.parametrize(
    "status, titles",
    [
        ("ersatt", ["Riktlinjer för kontaktpolitiker 2019"]),
        ("kommande", ["Arkivplan"]),
        ("alla", ["Arkivplan", "Riktlinjer för kontaktpolitiker", "Riktlinjer för kontaktpolitiker 2019", "Utbildningsprogram för förtroendevalda"]),
    ],
)
def test_visitor_can_filter_by_status(client, documents, status, titles):
    html = client.get("/styrdokument/", {"status": status}).content.decode()

    assert listed_titles(html) == titles


@pytest.mark.parametrize(
    "params, message",
    [
        ({"typ": "finns-inte"}, "Den dokumenttypen finns inte"),
        ({"organ": "<script>"}, "Det organet finns inte"),
        ({"organ": "bun\x00"}, "Null-tecken är inte tillåtna"),
        ({"typ": "x" * 5000}, "Den dokumenttypen finns inte"),
        ({"status": "1' OR 1=1"}, "Välj en status i listan"),
    ],
)
def test_bad_filter_values_give_a_swedish_message_not_a_500(client, documents, params, message):
    response = client.get("/styrdokument/", params)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    # The other filters still apply: documents in force are listed.
    assert "Riktlinjer för kontaktpolitiker" in listed_titles(html)


def test_index_lists_neither_drafts_nor_login_only_documents(client, documents, document_index):
    make_document(document_index, title="Utkast till policy", live=False)
    hidden = make_document(document_index, title="Intern rutin")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    titles = listed_titles(client.get("/styrdokument/", {"status": "alla"}).content.decode())

    assert "Utkast till policy" not in titles
    assert "Intern rutin" not in titles


@pytest.mark.parametrize("kept", [False, True], ids=["read every time", "generation cache"])
def test_index_query_count_does_not_grow_with_the_number_of_documents(
    client, document_index, django_assert_num_queries, kept, settings
):
    queries = INDEX_QUERIES
    if kept:
        generation_cache_on(settings)
        queries = INDEX_QUERIES_KEPT
    bun = make_committee()
    make_document(document_index, title="Dokument 0", adopted_by=bun)
    client.get("/styrdokument/")  # the first request of a test also fills Wagtail's per-process caches
    with django_assert_num_queries(queries):
        client.get("/styrdokument/")
    for number in range(1, 12):
        committee = make_committee(f"N{number}")
        make_document(
            document_index,
            title=f"Dokument {number}",
            adopted_by=committee,
            decisions=[{"decided_on": TODAY, "decided_by": committee, "paragraph": "§ 1", "change": "Ändrat."}],
        )
    client.get("/styrdokument/")  # the first request after the writes reads the new generation
    with django_assert_num_queries(queries):
        response = client.get("/styrdokument/")

    assert len(listed_titles(response.content.decode())) == 12


def test_document_page_shows_every_metadata_field_and_its_history(client, documents):
    response = client.get("/styrdokument/riktlinjer-for-kontaktpolitiker/")

    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Riktlinje",
        "BUN 2024/112",
        "Maria Holm, nämndsekreterare",
        "Barn- och utbildningsnämnden",
        "§ 47",
        "Gäller från",
        "Tills vidare",
        "Senast reviderat",
        "Nämndsekreterare, barn- och utbildningsförvaltningen",
        "bun.kansli@adala.example.se",
        "Beslutshistorik",
        "Ersättningen förtydligad.",
        "§ 63",
    ]:
        assert text in html, text
    assert f'<dd><time datetime="{(TODAY - DAY).isoformat()}">' in html  # last revised, from the history
    assert 'href="/static/css/documents.css"' in html


def test_replaced_document_points_to_its_successor_and_back(client, documents):
    old_html = client.get("/styrdokument/riktlinjer-for-kontaktpolitiker-2019/").content.decode()
    new_html = client.get("/styrdokument/riktlinjer-for-kontaktpolitiker/").content.decode()

    assert "Ersatt av ett nyare dokument" in old_html
    assert 'Ersätts av <a href="/styrdokument/riktlinjer-for-kontaktpolitiker/">' in old_html
    assert 'Ersätter <a href="/styrdokument/riktlinjer-for-kontaktpolitiker-2019/">' in new_html


def test_document_replaced_from_a_later_date_says_when(client, document_index):
    old = make_document(document_index, title="Gällande plan", valid_from=datetime.date(2020, 1, 1))
    make_document(document_index, title="Kommande plan", valid_from=TODAY + 10 * DAY, replaces=old)

    html = client.get("/styrdokument/gallande-plan/").content.decode()

    assert ">Gäller<" in html
    assert "Ersätts av" in html and "från och med" in html


def test_documents_are_found_through_site_search(client, documents, run_tasks):
    run_tasks()

    html = client.get("/sok/", {"q": "kontaktpolitiker"}).content.decode()

    assert "Riktlinjer för kontaktpolitiker" in html


def test_the_index_is_paged_by_twenty_five_and_keeps_the_filter(client, document_index):
    bun = make_committee()
    for number in range(30):
        make_document(document_index, title=f"Dokument {number:02d}", adopted_by=bun)

    first = client.get("/styrdokument/").content.decode()
    second = client.get("/styrdokument/", {"organ": bun.slug, "sida": "2"}).content.decode()

    assert len(listed_titles(first)) == 25 and "30 styrdokument" in first and "Sida 1 av 2" in first
    assert listed_titles(second) == [f"Dokument {number:02d}" for number in range(25, 30)]
    assert f'href="?organ={bun.slug}&amp;sida=1" rel="prev"' in second
    # A page number that is not one shows the first page (or the last, when out of range), never an error.
    assert len(listed_titles(client.get("/styrdokument/", {"sida": "x"}).content.decode())) == 25
    assert len(listed_titles(client.get("/styrdokument/", {"sida": "-1"}).content.decode())) == 5

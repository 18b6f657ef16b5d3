import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser


def test_resident_finds_their_school_and_its_contact_politicians(page):
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Enheter och kontaktpolitiker").click()
    page.wait_for_url("**/enheter/")
    assert_accessible(page)

    page.get_by_label("Sök enhet").fill("backa")
    page.get_by_label("Typ av verksamhet").select_option(label="grundskola")
    page.get_by_role("button", name="Visa enheter").click()
    page.get_by_role("link", name="Backaskolan F–6").click()

    page.wait_for_url("**/enheter/backaskolan/")
    assert page.get_by_role("heading", level=1).inner_text() == "Backaskolan F–6"
    contacts = page.get_by_role("region", name="Kontaktpolitiker")
    assert contacts.get_by_role("link", name="Paula Politiker").is_visible()
    assert "1:e vice ordförande i Barn- och utbildningsnämnden" in contacts.inner_text()
    assert_accessible(page)

    contacts.get_by_role("link", name="Paula Politiker").click()
    page.wait_for_url("**/enheter/politiker/paula-politiker/")
    assert "Förskolan Blåbäret" in page.get_by_role("main").inner_text()
    assert_accessible(page)


def test_bad_filter_shows_an_accessible_swedish_message(page):
    page.goto("/enheter/?typ=kasino")

    assert "Det finns ingen verksamhetstyp som heter ”kasino”." in page.get_by_role("alert").inner_text()
    assert_accessible(page)


def test_directory_unit_and_politician_pages_are_valid_html(page, tmp_path):
    documents = {}
    for path in [
        "/enheter/",
        "/enheter/?q=skola&typ=grundskola&namnd=bun",
        "/enheter/?typ=kasino&namnd=finns-inte",
        "/enheter/backaskolan/",
        "/enheter/lillans-skola/",
        "/enheter/politiker/paula-politiker/",
    ]:
        response = page.context.request.get(path)
        assert response.status == 200, path
        documents[path] = response.text()

    assert html_errors(documents, tmp_path) == []


@pytest.mark.parametrize("username, heading", [("politiker", "Mina enheter som kontaktpolitiker"), ("enhetschef", "Enheter du är chef för")])
def test_my_pages_show_the_register_section_accessibly(page, username, heading, tmp_path):
    login(page, username)

    assert page.get_by_role("heading", name=heading).is_visible()
    assert_accessible(page)
    assert html_errors({username: page.context.request.get("/mina-sidor/").text()}, tmp_path) == []


def test_secretary_sees_the_balance_panel_and_filters_the_listing(page):
    login(page, "namndsekreterare")
    page.goto("/admin/")

    panel = page.locator("#kontaktpolitiker-balans-section")
    assert "Förskolan Ekorren" in panel.inner_text() and "Lillåns skola F–3" in panel.inner_text()
    panel.get_by_role("link", name="Visa och filtrera listan").click()
    page.wait_for_url("**/admin/snippets/visits/unit/?balans=bryter")
    listing = page.locator("table.listing").inner_text()
    assert "Förskolan Ekorren" in listing and "Backaskolan" not in listing

import pytest

from cms.browser import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/om-kontaktpolitiker/", "/sok/?q=kontaktpolitiker", "/logga-in/", "/tillganglighet/", "/finns-inte/"])
def test_public_page_has_no_axe_violations(page, path):
    page.goto(path)

    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)


def test_visitor_searches_from_the_menu_and_finds_a_page(page):
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sök").click()
    page.get_by_label("Sök på webbplatsen").fill("kontaktpolitiker")
    page.get_by_role("button", name="Sök").click()

    page.get_by_role("main").get_by_role("link", name="Om kontaktpolitiker").click()
    assert page.url.endswith("/om-kontaktpolitiker/")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/om-kontaktpolitiker/")
    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innehall"


def test_politician_logs_in_with_the_keyboard_and_out_again(page):
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").focus()
    page.keyboard.type("politiker")
    page.keyboard.press("Tab")
    page.keyboard.type("insyn-demo")
    page.keyboard.press("Enter")

    page.wait_for_url("**/mina-sidor/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mina sidor"
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Du är utloggad"


def test_wrong_password_shows_an_accessible_error_summary(page):
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill("politiker")
    page.get_by_label("Lösenord").fill("fel-losenord")
    page.get_by_role("button", name="Logga in").click()

    assert "stämmer inte" in page.get_by_role("alert").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("username", ["enhetschef", "forvaltningschef", "namndsekreterare"])
def test_each_role_reaches_my_pages_without_axe_violations(page, username):
    login(page, username)

    assert_accessible(page)


def test_page_works_on_a_narrow_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")

    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False  # WCAG 1.4.10 reflow: no horizontal scrolling at 320 px


def test_the_editor_sees_the_page_in_the_preview_panel(page):
    login(page, "redaktor")
    page.goto("/admin/pages/search/?q=kontaktpolitiker")
    page.get_by_role("link", name="Om kontaktpolitiker", exact=True).first.click()
    page.locator("button[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    assert preview.get_by_role("heading", level=1).inner_text() == "Om kontaktpolitiker"

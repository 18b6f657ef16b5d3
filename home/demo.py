"""Demo content for the site part: the home page, a standard page and the accessibility
statement of the invented municipality Ådala kommun. Idempotent."""

import datetime

from wagtail.models import Page, Site

from cms.demo import child_page
from cms.translations import originals

from .models import AccessibilityStatementPage, HomePage, SiteSettings, StandardPage

MUNICIPALITY = "Ådala kommun"


def ensure_home_page():
    """The site's root HomePage, replacing Wagtail's placeholder page on a fresh database."""
    home = originals(HomePage.objects).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(
            instance=HomePage(
                title="Insyn för förtroendevalda",
                slug="start",
                intro="<p>Här hittar du kommunens styrdokument, utbildningsprogrammet för mandatperioden "
                "och vilka kontaktpolitiker som besöker förskolor, skolor, bibliotek och äldreboenden.</p>",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        placeholder = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = MUNICIPALITY
            site.save()
        else:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=MUNICIPALITY)
        if placeholder is not None and placeholder.specific_class is Page:
            placeholder.delete()
    return home


def build():
    home = ensure_home_page()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.municipality_name = MUNICIPALITY
    settings.contact_email = "kansli@adala.example.se"
    settings.contact_phone = "0123-45 60 00"
    settings.postal_address = "Kommunhuset, Storgatan 1, 123 45 Ådala"
    settings.save()

    child_page(
        home,
        StandardPage,
        "om-kontaktpolitiker",
        title="Om kontaktpolitiker",
        show_in_menus=True,
        search_description="Varför nämnderna har kontaktpolitiker och hur ett besök går till.",
        intro="Varje förskola, skola, bibliotek och äldreboende i Ådala har minst två kontaktpolitiker, "
        "en från majoriteten och en från oppositionen.",
        body=[
            {"type": "heading", "value": {"text": "Vad gör en kontaktpolitiker?", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>Kontaktpolitikern lär känna verksamheten, besöker den en eller två gånger om året "
                "och skriver en rapport till nämnden efter varje besök. Kontaktpolitikern företräder hela "
                "nämnden, fattar inga egna beslut och lovar ingenting för nämndens räkning.</p>",
            },
            {"type": "heading", "value": {"text": "Så bokas ett besök", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<ul><li>Kontaktpolitikern skickar en förfrågan på Mina sidor.</li>"
                "<li>Enhetschefen bestämmer om och när besöket passar verksamheten.</li>"
                "<li>Frågor kan skickas i förväg så att enheten kan förbereda svar.</li></ul>",
            },
        ],
    )
    build_manager_guide(home)
    child_page(
        home,
        AccessibilityStatementPage,
        "tillganglighet",
        title="Tillgänglighetsredogörelse",
        search_description="Hur tillgänglig Insyn är och hur du rapporterar brister.",
        intro=f"{MUNICIPALITY} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den.",
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        non_accessible_content="<ul><li>Vissa äldre styrdokument finns bara som inskannade PDF-filer. "
        "Vi gör om dem till webbsidor när de revideras.</li>"
        "<li>Inspelningar från före 2027 saknar ibland syntolkning.</li></ul>",
        assessment_method=AccessibilityStatementPage.AssessmentMethod.SELF,
        assessment_description="<p>Vi testar varje sidtyp automatiskt med axe-core och Nu HTML Checker "
        "och manuellt med tangentbord och skärmläsare.</p>",
        assessed_on=datetime.date(2026, 11, 1),
        statement_updated_on=datetime.date(2026, 11, 1),
        report_problem="<p>Om du behöver innehåll i en annan form, eller upptäcker brister, kontakta oss så "
        "svarar vi inom fem arbetsdagar.</p>",
        report_email="tillganglighet@adala.example.se",
        report_phone="0123-45 60 00",
    )
    return home


def build_governing_documents(home, users):
    """Styrdokument (issue 4); runs after the register so documents can name their committee."""
    from .governing_demo import build

    return build(home, users)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def build_manager_guide(home):
    """The guide for unit managers, written by the editors; the register's demo links it in
    the setting that every mail to a manager reads (issue 14)."""
    return child_page(
        home,
        StandardPage,
        "sa-tar-du-emot-kontaktpolitiker",
        title="Så tar du emot kontaktpolitiker",
        show_in_menus=False,
        search_description="För dig som är rektor, förskolechef eller annan chef: vad som förväntas när "
        "kontaktpolitiker vill besöka din verksamhet.",
        intro="Kontaktpolitikerna vill lära känna din verksamhet. Här är vad som förväntas av dig, och vad du "
        "själv bestämmer över.",
        body=[
            heading("Du bestämmer om och när"),
            paragraph("<p>En förfrågan om besök kommer till dig på Mina sidor, direkt eller via förvaltningschefen. "
                      "Du avgör om besöket passar och när. Det ordinarie arbetet går först: du kan föreslå en "
                      "annan tid eller tacka nej, och politikern ser ditt skäl. Behandla förfrågningarna i den "
                      "ordning de kommer och på samma sätt, oavsett parti.</p>"),
            heading("Du planerar besöket"),
            paragraph("<ul><li>Ett besök är ungefär tre timmar.</li>"
                      "<li>Skriv en kort plan när du bokar: vilka politikerna träffar och i vilken ordning. "
                      "Politikerna ser planen på besökets sida.</li>"
                      "<li>Välj en tid under ordinarie arbetstid om det går. En kväll eller en helgdag går "
                      "också, men du får bekräfta den.</li>"
                      "<li>Se till att besöket inte inkräktar på integriteten för barn, elever, boende eller "
                      "personal.</li></ul>"),
            heading("Frågor i förväg"),
            paragraph("<p>Politikerna kan skicka frågor före besöket. Du ser dem på besökets sida och kan svara "
                      "kort där, eller ta svaren på plats.</p>"),
            heading("Vad du kan säga"),
            paragraph("<p>Kontaktpolitikern företräder hela nämnden, inte sitt parti, och fattar inga beslut "
                      "på plats. Berätta om verksamheten som du gör för nämnden: vad som går bra, vad som är "
                      "svårt och vilket stöd ni behöver. Du behöver inte ta ställning i politiska frågor.</p>"),
            heading("Efter besöket"),
            paragraph("<p>Politikerna skriver en rapport till nämnden. Du får ett meddelande när den är "
                      "inskickad och läser den under Rapporter om mina enheter på Mina sidor.</p>"),
            heading("Presidiets besök en gång om året"),
            paragraph("<p>Nämndens ordförande och vice ordförande besöker varje enhet en gång om året vid en "
                      "arbetsplatsträff och följer upp mål, budget och kvalitet. Bifoga enhetens aktivitetsplan, "
                      "senaste budgetuppföljning och brukarundersökningar på Mina sidor innan de kommer.</p>"),
            heading("Håll kontakten"),
            paragraph("<p>Skicka gärna dina rektorsbrev och nyhetsbrev till enhetens kontaktpolitiker och "
                      "nämndens presidium. Det gör du på Mina sidor under Nyhetsbrev.</p>"),
        ],
    )

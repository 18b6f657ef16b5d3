"""The demo's English translations, made as an editor makes them: Wagtail's copy for translation
(what simple_translation's "Translate" does), English text, then publish. Idempotent.

The home page, the standard page, the styrdokument index, the programme page and the
accessibility statement are translated. The styrdokument themselves, the directory of units and
the form pages stay Swedish on purpose: the demo shows how an untranslated page looks in English
(the Swedish text marked lang="sv", with a notice; Insyn's own words around it in English), and
the register and its records are never translated. Pages are found by their Swedish slugs below
the site's home page, so cms needs no app's models.
"""

from wagtail.models import Locale, Site

LANGUAGE = "en"

HOME = {
    "title": "Insyn for elected representatives",
    "intro": "<p>Here you will find the municipality's governing documents, the training programme for the "
    "mandate period and which contact politicians visit preschools, schools, libraries and care homes.</p>",
}

# Swedish path below the home page → the English translation's fields.
PAGES = {
    "om-kontaktpolitiker": {
        "title": "About contact politicians",
        "slug": "about-contact-politicians",
        "search_description": "Why the committees have contact politicians and how a visit works.",
        "intro": "Every preschool, school, library and care home in Ådala has at least two contact politicians, "
        "one from the majority and one from the opposition.",
        "body": [
            {"type": "heading", "value": {"text": "What does a contact politician do?", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>The contact politician gets to know the unit, visits it once or twice a year and "
                "writes a report to the committee after every visit. The contact politician represents the whole "
                "committee, makes no decisions alone and promises nothing on the committee's behalf.</p>",
            },
            {"type": "heading", "value": {"text": "How a visit is booked", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<ul><li>The contact politician sends a request on My pages.</li>"
                "<li>The unit manager decides whether and when the visit suits the unit.</li>"
                "<li>Questions can be sent ahead so that the unit can prepare answers.</li></ul>",
            },
        ],
    },
    "tillganglighet": {
        "title": "Accessibility statement",
        "slug": "accessibility",
        "search_description": "How accessible Insyn is and how to report problems.",
        "intro": "Ådala kommun is responsible for this website. We want as many people as possible to be able "
        "to use it.",
        "non_accessible_content": "<ul><li>Some older governing documents exist only as scanned PDF files. "
        "We turn them into web pages when they are revised.</li>"
        "<li>Recordings from before 2027 sometimes lack audio description.</li></ul>",
        "assessment_description": "<p>We test every page type automatically with axe-core and the Nu HTML "
        "Checker, and by hand with a keyboard and a screen reader.</p>",
        "report_problem": "<p>If you need content in another format, or find a problem, contact us and we "
        "will answer within five working days.</p>",
    },
    "styrdokument": {
        "title": "Governing documents",
        "slug": "governing-documents",
        "search_description": "Policies, guidelines, regulations and programmes in force in Ådala kommun.",
        "intro": "These are the governing documents for the contact politicians' assignment and the training "
        "of elected representatives. You can see which body adopted them, when they apply and what "
        "replaced what.",
    },
    "utbildning": {
        "title": "Training for elected representatives 2027–2030",
        "slug": "training",
        "intro": "<p>The basic programme for the mandate period: joint training for all elected representatives, "
        "training in each committee and for the presidiums. Sessions that are filmed can be watched "
        "afterwards.</p>",
    },
}


def translate(page, locale, fields):
    """The page's live translation with `fields`, made and published the first time."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def find(home, path):
    page = home
    for slug in path.split("/"):
        page = page.get_children().filter(slug=slug).first() if page else None
    return page


def build():
    locale = Locale.objects.filter(language_code=LANGUAGE).first()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if locale is None or site is None:
        return None
    home = site.root_page.specific
    translate(home, locale, HOME)
    for path, fields in PAGES.items():
        page = find(home, path)
        if page is not None and page.live:
            translate(page.specific, locale, fields)
    return home.get_translation(locale)

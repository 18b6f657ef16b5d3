"""The demo's English translations, made as an editor makes them: Wagtail's copy for translation
(what simple_translation's "Translate" does), English text, then publish. Idempotent.

The public pages are translated; two pages are left in Swedish on purpose, so the demo shows
how an untranslated page looks in English (the older styrdokument and the previous period's
programme), and the login-only form pages stay Swedish too. Pages are found by their Swedish
slugs below the site's home page, so cms needs no app's models.
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
    "styrdokument/riktlinjer-for-kontaktpolitiker": {
        "title": "Guidelines for contact politicians",
        "slug": "guidelines-for-contact-politicians",
        "summary": "How the committee's contact politicians visit preschools and schools, report and are paid.",
        "body": [
            {"type": "heading", "value": {"text": "Purpose", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>The Children and Education Committee wants to know what it is like to attend a "
                "preschool or school in Ådala. The contact politicians give the committee their own picture of "
                "the units, alongside the reports and follow-ups from the administration.</p>",
            },
            {"type": "heading", "value": {"text": "The assignment", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<ul><li>Every unit has at least two contact politicians, one from the majority and one "
                "from the opposition.</li><li>The contact politician visits the unit once or twice a year, about "
                "three hours each time.</li><li>The contact politician represents the whole committee, makes no "
                "decisions and promises nothing.</li></ul>",
            },
            {"type": "heading", "value": {"text": "The visit", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>The contact politician books the visit with the unit manager, who plans it so that "
                "the unit's ordinary work comes first. Questions can be sent ahead.<sup>1</sup></p>",
            },
            {
                "type": "table",
                "value": {
                    "caption": "Who does what in a visit",
                    "header": ["Step", "Responsible"],
                    "rows": [
                        {"cells": ["Request for a visit", "The contact politician"]},
                        {"cells": ["Decision on time and plan", "The unit manager"]},
                        {"cells": ["Report to the committee and the unit manager", "The contact politician"]},
                        {"cells": ["Summary in the systematic quality work", "The administration"]},
                    ],
                },
            },
            {"type": "heading", "value": {"text": "Remuneration", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>Remuneration is paid for at most two visits of at most three hours per unit and "
                "calendar year.</p>",
            },
            {"type": "footnotes", "value": {"notes": ["<p>The questions are sent through My pages and reach "
                                                      "the unit manager directly.</p>"]}},
        ],
    },
    "styrdokument/utbildningsprogram-for-fortroendevalda": {
        "title": "Training programme for elected representatives",
        "slug": "training-programme-for-elected-representatives",
        "summary": "The council's decision on a basic programme for all elected representatives during the "
        "mandate period.",
        "body": [
            {"type": "heading", "value": {"text": "Decision", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>The municipal council decides that all elected representatives are offered a basic "
                "programme that runs through the whole mandate period.</p>",
            },
            {
                "type": "paragraph",
                "value": "<p>The training sessions are recorded and published for elected representatives, so "
                "that those who missed a session or take office later can watch them.</p>",
            },
            # A link to another styrdokument: the page shows it in the visitor's language.
            {"type": "document_link", "value": {"document": "styrdokument/riktlinjer-for-kontaktpolitiker", "text": ""}},
        ],
    },
    "utbildning": {
        "title": "Training for elected representatives 2027–2030",
        "slug": "training",
        "intro": "<p>The basic programme for the mandate period: joint training for all elected representatives, "
        "training in each committee and for the presidiums. Sessions that are filmed can be watched "
        "afterwards.</p>",
    },
    "enheter": {
        "title": "Units and contact politicians",
        "slug": "units",
        "search_description": "Find your preschool, school, youth centre or library and see which politicians "
        "are its contact politicians.",
        "intro": "<p>Every unit has contact politicians from the committee responsible for it, preferably one "
        "from the majority and one from the opposition.</p>",
    },
    "synpunkter": {
        "title": "Give feedback",
        "slug": "feedback",
        "search_description": "Tell us what you think of a preschool, school, library or another service in "
        "Ådala kommun.",
        "intro": "<p>Do you have praise, a complaint, a suggestion or a question about one of the municipality's "
        "services? Write to us here. The head of the service reads what you write and answers if you "
        "wish.</p>",
        "public_record_notice": "<p>What you send becomes an official document (allmän handling). Anyone may ask "
        "to read it. Do not write personal identity numbers or health information, and nothing about other "
        "people.</p>",
        "thank_you_text": "<p>Thank you! The head of the service reads your feedback. If you left an e-mail "
        "address, the answer will come there.</p>",
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


def with_links(home, fields):
    """A document link names its target by Swedish path here; the block stores the page's id."""
    body = fields.get("body")
    if not body:
        return fields
    resolved = []
    for block in body:
        if block["type"] == "document_link":
            target = find(home, block["value"]["document"])
            if target is None:
                continue
            block = {"type": "document_link", "value": {**block["value"], "document": target.pk}}
        resolved.append(block)
    return {**fields, "body": resolved}


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
            translate(page.specific, locale, with_links(home, fields))
    return home.get_translation(locale)

"""StreamField blocks for the body of a governing document: the shapes a paper original has."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .blocks import HeadingBlock

DOCUMENT_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4", "superscript"]


class TableRowBlock(blocks.StructBlock):
    cells = blocks.ListBlock(blocks.CharBlock(label=_("Cell"), max_length=500), label=_("Celler"))

    class Meta:
        icon = "list-ul"
        label = _("Rad")


class TableBlock(blocks.StructBlock):
    """A plain data table: a caption, one header row and body rows of text cells."""

    caption = blocks.CharBlock(label=_("Tabellrubrik"), max_length=200, help_text=_("Beskriver tabellen för skärmläsare."))
    header = blocks.ListBlock(blocks.CharBlock(label=_("Kolumnrubrik"), max_length=200), label=_("Kolumnrubriker"))
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rader"))

    class Meta:
        icon = "table"
        label = _("Tabell")
        template = "home/governing_table_block.html"


class FootnotesBlock(blocks.StructBlock):
    notes = blocks.ListBlock(
        blocks.RichTextBlock(label=_("Fotnot"), features=["bold", "italic", "link", "document-link"]),
        label=_("Fotnoter"),
        help_text=_("Numreras i ordning. Hänvisa till dem i texten med upphöjd siffra."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Fotnoter")
        template = "home/governing_footnotes_block.html"


class GoverningDocumentLinkBlock(blocks.StructBlock):
    document = blocks.PageChooserBlock(label=_("Styrdokument"), page_type="home.GoverningDocumentPage")
    text = blocks.CharBlock(label=_("Länktext"), required=False, help_text=_("Dokumentets titel används om fältet är tomt."))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Länk till annat styrdokument")
        template = "home/governing_link_block.html"


class GoverningDocumentBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Stycke eller lista"), features=DOCUMENT_TEXT_FEATURES)
    table = TableBlock()
    footnotes = FootnotesBlock()
    document_link = GoverningDocumentLinkBlock()

    class Meta:
        label = _("Innehåll")

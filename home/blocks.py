from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Rubrik"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Nivå"), choices=[("h2", _("Rubrik 2")), ("h3", _("Rubrik 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Rubrik")
        template = "home/blocks/heading_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Länktext"), required=False, help_text=_("Dokumentets titel används om fältet är tomt."))

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "home/blocks/document_link_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Stycke"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Bild"))
    document = DocumentLinkBlock()
    quote = blocks.BlockQuoteBlock(label=_("Citat"))

    class Meta:
        label = _("Innehåll")

from django import template
from wagtail.models import Site

from home.models import AccessibilityStatementPage

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    root = _site_root(context)
    if root is None:
        return []
    return root.get_children().live().public().in_menu().order_by("path")


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context):
    statement = AccessibilityStatementPage.objects.live().first()
    return statement.get_url(request=context.get("request")) if statement else ""


@register.simple_tag
def field_widget(bound_field):
    """The widget with its help text and errors tied to it for screen readers."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    attrs = {}
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)

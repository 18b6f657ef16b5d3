from django import template

from visits.requests.models import VisitRequest

register = template.Library()


@register.simple_tag
def public_invitations(unit):
    """Coming presidium visits of `unit` that invite the public (date, place, topic)."""
    return VisitRequest.objects.public_invitations(unit)

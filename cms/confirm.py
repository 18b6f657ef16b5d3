"""A confirmation step for actions that cannot be undone.

The action's form posts as usual; the view asks `confirmed(request)` first and, until the
person has confirmed, answers with `confirmation_page`: what will happen, a button that posts
the same fields again with `bekrafta=ja`, and a way back. It needs no JavaScript."""

from django.template.response import TemplateResponse

CONFIRM_FIELD = "bekrafta"
CONFIRM_VALUE = "ja"


def confirmed(request):
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def confirmation_page(request, *, title, consequences, button, cancel_url, cancel_label=None):
    """The page that asks before `request.path` does what cannot be undone; `consequences` is
    a list of sentences that say what will happen."""
    fields = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
        for value in request.POST.getlist(name)
    ]
    return TemplateResponse(
        request,
        "cms/confirm.html",
        {
            "page_title": title,
            "title": title,
            "consequences": consequences,
            "button": button,
            "cancel_url": cancel_url,
            "cancel_label": cancel_label,
            "fields": fields,
            "action": request.path,
            "confirm_field": CONFIRM_FIELD,
            "confirm_value": CONFIRM_VALUE,
        },
    )

"""A Swedish page for a 405: a view that takes only POST (an action behind a button) answers
a GET with Django's empty HttpResponseNotAllowed, which browsers show as a blank page."""

from django.template.loader import render_to_string


class MethodNotAllowedPage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only empty answers: a view that wrote its own 405 (the OParl API's error object) keeps it.
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            allowed = [method.strip() for method in response.get("Allow", "").split(",") if method.strip()]
            response.content = render_to_string(
                "405.html", {"allowed": allowed, "page_title": None}, request=request
            )
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

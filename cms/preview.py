"""The site's pages may not be framed by anyone (`frame-ancestors 'none'`), but the editor's
preview panel shows a page in a frame of the admin. Wagtail renders a preview through the whole
middleware chain with a dummy request; its answer may be framed by this site, nothing else."""


class PreviewFrameMiddleware:
    # Listed after django-csp's middleware, so this runs first on the way out and the policy
    # is built with the replacement.
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response

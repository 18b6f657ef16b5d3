"""Views for page types, so that models never import views or forms.

A page whose `serve`, route or context needs a form or a view calls `page_view(self, name, ...)`;
the room's `views.py` imports the page model and registers the function with
`@serves(PageModel, name)`. Each app's `AppConfig.ready()` imports its views modules, so the table
is complete before the first request. The import contracts (`.importlinter`) keep models from
importing views or forms; this is the one way around that direction.
"""

_views = {}


def serves(model, name):
    """Registers the decorated function as `name` for `model` and its subclasses."""

    def register(function):
        _views[(model, name)] = function
        return function

    return register


def page_view(instance, name, *args, **kwargs):
    for model in type(instance).__mro__:
        function = _views.get((model, name))
        if function is not None:
            return function(instance, *args, **kwargs)
    raise LookupError(f"No view {name!r} is registered for {type(instance).__name__}.")

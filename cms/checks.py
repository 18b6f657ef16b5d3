"""System checks for settings that would expose what must stay private."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def private_media_outside_public_folders(app_configs, **kwargs):
    """Files of restricted records must not lie where media/ or static/ is served from."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (private == Path(public).resolve() or Path(public).resolve() in private.parents):
            errors.append(Error(
                f"PRIVATE_MEDIA_ROOT ({private}) ligger i {name} ({public}): skyddade filer skulle kunna hämtas "
                "av vem som helst.", hint="Ange INSYN_PRIVATE_MEDIA_ROOT till en mapp utanför media/ och static/.",
                id="insyn.E001",
            ))
    return errors

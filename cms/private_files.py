"""Files of restricted records (a newsletter's attachment): stored outside MEDIA_ROOT, in
settings.PRIVATE_MEDIA_ROOT, under unguessable names, with no public address. Nothing that
serves media/ can reach them; a view that has checked the reader answers with
`private_file_response`, which streams the file or, in production behind nginx, hands it to
the proxy's internal location (X-Accel-Redirect)."""

import os
import secrets
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header


@deconstructible(path="cms.private_files.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """The folder is read from the settings when used, so tests and deployments can move it."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no public address: a view that checks the reader serves them.")


def unguessable_name(folder, extension):
    """folder/<year>/<32 random characters>.<extension>: the original file name is never kept."""
    return f"{folder}/{timezone.now():%Y}/{secrets.token_urlsafe(24)}.{extension}"


def private_file_response(field_file, download_name, content_type):
    """The file, for a reader the calling view has already allowed."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
        response["Content-Disposition"] = content_disposition_header(False, download_name)
    else:
        response = FileResponse(field_file.open("rb"), content_type=content_type, filename=download_name)
    response["Cache-Control"] = "private, no-store"
    return response

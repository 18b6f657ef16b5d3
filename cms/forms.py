"""Form fields every app shares, for input that would otherwise break something later.

- `SingleLineField`: a title or name is one line. A pasted line break in a newsletter title
  went into the mail subject, where Django refuses it at delivery (BadHeaderError): the
  message never left the outbox.
- `IdMultipleChoiceField`: Django 5.2 checks chosen ids with one `pk__in` query, where an id
  past 64 bits is an OverflowError on SQLite and out of range on PostgreSQL (a 500).
- `ImageForm` (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail 8.0.1 lets Pillow's error on a damaged
  image (a PNG with a broken data stream) escape from the upload form as a server error.
- `LocalDateTimeField`: a time in the hour skipped in March or repeated in October names no
  single instant; Django refuses it with a message about "time zones". This one says why.
"""

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# C0 and C1 control characters except NUL, which Django's own validator refuses with a Swedish message.
CONTROL_CHARACTERS = re.compile("[\x01-\x1f\x7f-\x9f]")


def single_line(value):
    """Line breaks, tabs and other whitespace runs become one space; control characters go."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", value).split())


class SingleLineField(forms.CharField):
    def to_python(self, value):
        return single_line(super().to_python(value))


class LocalDateTimeField(forms.DateTimeField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            raise ValidationError(clock_change_message(error.params["datetime"]), code="clock_change") from error


def clock_change_message(naive):
    """Why a local wall time cannot be saved: it is skipped, or it happens twice."""
    zone = timezone.get_current_timezone()
    first = timezone.make_aware(naive, zone)
    values = {"time": naive.strftime("%H:%M"), "date": date_format(naive.date(), "j F Y")}
    if first.utcoffset() > (first + timedelta(hours=3)).utcoffset():
        return _(
            "Klockan %(time)s finns två gånger den %(date)s, när sommartiden slutar och klockan ställs "
            "tillbaka en timme. Välj en tid utanför den timmen, så att alla vet vilken som gäller."
        ) % values
    return _(
        "Klockan %(time)s finns inte den %(date)s, när sommartiden börjar och klockan ställs fram en timme. "
        "Välj en annan tid."
    ) % values


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    LARGEST_ID = 2**63 - 1

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                try:
                    number = int(str(pk))
                except ValueError:
                    continue  # Django's own check reports it as invalid_pk_value
                if abs(number) > self.LARGEST_ID:
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": pk})
        return super()._check_values(value)


class DecodableImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow raises OSError, SyntaxError, ValueError... for damaged data
            raise ValidationError(
                _("Bilden är skadad eller ofullständig och kan inte läsas. Spara den på nytt och ladda upp igen."),
                code="invalid_image",
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Same field, same arguments from the model (label, max_length, required); only the check differs.
            self.fields["file"].__class__ = DecodableImageField

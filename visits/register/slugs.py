"""Slugs that fill themselves from a register row's name when left empty."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

SLUG_HELP = _("Tomt: bildas av namnet (å, ä och ö blir a, a och o).")


def unique_slug(model, text, pk=None, reserved=()):
    """A slug for `text` that no other row of `model` has: "backaskolan", "backaskolan-2"…"""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text)[: max_length - 4].strip("-") or model._meta.model_name
    taken = set(model.objects.exclude(pk=pk).filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(reserved)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class SlugFromName:
    """A model with a `slug` fills it from `slug_source()` when it is empty: in clean(), before
    the uniqueness check of a form, and in save(), for rows made in code."""

    reserved_slugs = ()

    def slug_source(self):
        raise NotImplementedError

    def fill_slug(self):
        source = self.slug_source()
        if not self.slug and source.strip():
            self.slug = unique_slug(type(self), source, self.pk, self.reserved_slugs)

    def clean(self):
        self.fill_slug()
        super().clean()

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

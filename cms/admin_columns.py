"""Columns for Wagtail admin listings of our models."""

from django.utils.translation import gettext
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field as "Ja" or "Nej" (Wagtail prints True and False, or icons titled in English)."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return "–"
        return gettext("Ja") if value else gettext("Nej")

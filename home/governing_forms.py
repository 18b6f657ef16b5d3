"""The filter form of the styrdokument index: validates the GET parameters it is given."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.governing_documents import DocumentStatus, GoverningDocumentPage, GoverningDocumentType

ALL_STATUSES = "alla"


class GoverningDocumentFilterForm(forms.Form):
    typ = forms.ModelChoiceField(
        label=_("Dokumenttyp"),
        queryset=GoverningDocumentType.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alla typer"),
        error_messages={"invalid_choice": _("Den dokumenttypen finns inte. Välj en typ i listan.")},
    )
    organ = forms.ModelChoiceField(
        label=_("Antaget av"),
        queryset=GoverningDocumentPage._meta.get_field("adopted_by").related_model.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alla organ"),
        error_messages={"invalid_choice": _("Det organet finns inte. Välj ett organ i listan.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[*DocumentStatus.choices, (ALL_STATUSES, _("Alla, även upphörda och ersatta"))],
        required=False,
        error_messages={"invalid_choice": _("Välj en status i listan.")},
    )

    def __init__(self, data, index_page):
        # The status filter defaults to documents in force, also when the address omits it.
        data = data.copy()
        if not data.get("status"):
            data["status"] = DocumentStatus.IN_FORCE.value
        super().__init__(data)
        committee_model = self.fields["organ"].queryset.model
        self.fields["typ"].queryset = GoverningDocumentType.objects.order_by("name")
        self.fields["organ"].queryset = committee_model.objects.filter(
            governing_documents__in=GoverningDocumentPage.objects.child_of(index_page).live()
        ).distinct().order_by("name")

    def filters(self):
        """Keyword arguments for GoverningDocumentIndexPage.documents(); invalid fields fall back to their default."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status") if "status" not in self.errors else DocumentStatus.IN_FORCE.value
        return {
            "document_type": data.get("typ"),
            "adopted_by": data.get("organ"),
            "status": "" if status == ALL_STATUSES else status,
        }

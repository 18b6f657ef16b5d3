"""Builders for the styrdokument tests: plain functions and a few fixtures, imported by the
test modules (this module holds no tests of its own)."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms import roles
from home.models import GoverningDocumentDecision, GoverningDocumentPage, GoverningDocumentType


def make_committee(short_name="BUN", name=None):
    from visits.register.models import Committee

    committee, _ = Committee.objects.get_or_create(
        short_name=short_name, defaults={"name": name or f"Nämnden {short_name}", "slug": short_name.lower()}
    )
    return committee


def make_document(index, title="Riktlinjer för kontaktpolitiker", live=True, decisions=(), **fields):
    defaults = {
        "slug": None,
        "document_type": GoverningDocumentType.objects.get(slug="riktlinje"),
        "diary_number": "BUN 2024/112",
        "created_by_name": "Maria Holm",
        "created_by_title": "nämndsekreterare",
        "created_on": datetime.date(2024, 4, 2),
        "adopted_on": datetime.date(2024, 5, 16),
        "adopted_paragraph": "§ 47",
        "valid_from": datetime.date(2024, 7, 1),
        "owner_role": "Nämndsekreterare, barn- och utbildningsförvaltningen",
        "owner_email": "bun.kansli@adala.example.se",
    }
    defaults.update(fields)
    if "adopted_by" not in defaults:
        defaults["adopted_by"] = make_committee()
    from django.utils.text import slugify

    defaults["slug"] = defaults["slug"] or slugify(title)
    page = GoverningDocumentPage(title=title, live=live, **defaults)
    for decision in decisions:
        page.decisions.add(GoverningDocumentDecision(**decision))
    index.add_child(instance=page)
    return page


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(username=username, password="insyn-demo-lösenord")
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in group_names:
        group, _ = Group.objects.get_or_create(name=name)
        if name in (roles.EDITORS, roles.SECRETARIES):
            group.permissions.add(admin_access)
        user.groups.add(group)
    return user


def admin_form_data(committee, diary_number, title="Riktlinjer för lokalbokning", slug="riktlinjer-for-lokalbokning"):
    """The admin page form as a browser posts it."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "document_type": GoverningDocumentType.objects.get(slug="riktlinje").pk,
            "summary": "",
            "body": streamfield([]),
            "diary_number": diary_number,
            "created_by_name": "Maria Holm",
            "created_by_title": "nämndsekreterare",
            "created_on": "2026-10-01",
            "adopted_by": committee.pk,
            "adopted_on": "2026-10-20",
            "adopted_paragraph": "§ 70",
            "valid_from": "2026-11-01",
            "valid_until": "",
            "next_review_on": "",
            "owner_role": "Nämndsekreterare",
            "owner_email": "bun.kansli@adala.example.se",
            "kept_at": "",
            "decisions": inline_formset([]),
        }
    )

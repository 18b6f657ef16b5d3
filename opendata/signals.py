"""Keep open data's dates honest: a deleted object leaves a tombstone, and a change that
alters what another object publishes touches that object (OParl requires `modified` to move
whenever the published object changes, also when a membership it embeds is removed)."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, unpublished

from home.models import GoverningDocumentPage, GoverningDocumentType
from training.models import TrainingProgrammePage, TrainingSession
from visits.register.models import (
    Committee,
    ContactAssignment,
    MandatePeriod,
    Membership,
    Party,
    PartyBloc,
    Politician,
    Unit,
)
from visits.register.pages import UnitIndexPage
from visits.requests.models import VisitRequest

from . import kinds
from .models import Tombstone, Touch
from .visibility import announced_presidium_visits, documents_in_sessions

Document = get_document_model()

REGISTER_KINDS = {
    MandatePeriod: kinds.PERIOD,
    Committee: kinds.COMMITTEE,
    Party: kinds.PARTY,
    Politician: kinds.PERSON,
    Membership: kinds.MEMBERSHIP,
    Unit: kinds.UNIT,
}


def _register_deleted(sender, instance, **kwargs):
    Tombstone.record(REGISTER_KINDS[sender], instance.pk, instance.created_at)


for _model in REGISTER_KINDS:
    post_delete.connect(_register_deleted, sender=_model, dispatch_uid=f"opendata-tombstone-{_model.__name__}")


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, **kwargs):
    Touch.record(kinds.PERSON, [instance.politician_id])
    Touch.record(kinds.COMMITTEE, [instance.committee_id])


@receiver(post_save, sender=ContactAssignment)
@receiver(post_delete, sender=ContactAssignment)
def assignment_changed(sender, instance, **kwargs):
    Touch.record(kinds.UNIT, [instance.unit_id])
    Touch.record(kinds.PERSON, [instance.politician_id])


@receiver(post_save, sender=PartyBloc)
@receiver(post_delete, sender=PartyBloc)
def bloc_changed(sender, instance, **kwargs):
    """A party's bloc shows on the party, on its politicians and in the balance of their units."""
    Touch.record(kinds.PARTY, [instance.party_id])
    people = list(Politician.objects.filter(party_id=instance.party_id).values_list("pk", flat=True))
    Touch.record(kinds.PERSON, people)
    units = ContactAssignment.objects.filter(period_id=instance.period_id, politician_id__in=people)
    Touch.record(kinds.UNIT, units.values_list("unit_id", flat=True))


@receiver(post_save, sender=Unit)
def unit_saved(sender, instance, **kwargs):
    # A politician lists the units they are contact politician for, active ones only; an
    # announced presidium visit shows the unit's name, address and committee.
    Touch.record(kinds.PERSON, instance.contact_assignments.values_list("politician_id", flat=True))
    Touch.record(kinds.PRESIDIUM_VISIT, announced_presidium_visits().filter(unit=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Politician)
def politician_saved(sender, instance, **kwargs):
    # The party shows on the politician's memberships (on behalf of) and in their units' balance.
    Touch.record(kinds.MEMBERSHIP, instance.memberships.values_list("pk", flat=True))
    Touch.record(kinds.UNIT, instance.contact_assignments.values_list("unit_id", flat=True))


# --- pages ----------------------------------------------------------------------------------

PAGE_KINDS = {
    GoverningDocumentPage: kinds.GOVERNING_DOCUMENT,
    TrainingProgrammePage: kinds.PROGRAMME,
    UnitIndexPage: kinds.DIRECTORY,
}


def touch_pages(pages):
    """Touch every page of our kinds among `pages` (a Page queryset)."""
    for model, kind in PAGE_KINDS.items():
        Touch.record(kind, model.objects.filter(pk__in=pages.values("pk")).values_list("pk", flat=True))


def touch_tree(page):
    touch_pages(Page.objects.descendant_of(page, inclusive=True))


@receiver(page_published)
def page_published_(sender, instance, **kwargs):
    touch_pages(Page.objects.filter(pk=instance.pk))
    if isinstance(instance, GoverningDocumentPage) and instance.replaces_id:
        Touch.record(kinds.GOVERNING_DOCUMENT, [instance.replaces_id])  # it now lists its successor


@receiver(page_unpublished)
def page_unpublished_(sender, instance, **kwargs):
    touch_pages(Page.objects.filter(pk=instance.pk))
    replaces = getattr(instance, "replaces_id", None)
    if replaces:
        Touch.record(kinds.GOVERNING_DOCUMENT, [replaces])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    touch_tree(instance)  # every address below it changed


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def page_restriction_changed(sender, instance, **kwargs):
    touch_tree(instance.page)


@receiver(post_delete, sender=GoverningDocumentPage)
def governing_document_deleted(sender, instance, **kwargs):
    if instance.first_published_at:  # a draft that was never published was never seen
        Tombstone.record(kinds.GOVERNING_DOCUMENT, instance.pk, instance.first_published_at)


@receiver(post_delete, sender=UnitIndexPage)
def directory_deleted(sender, instance, **kwargs):
    Touch.record(kinds.DIRECTORY, [instance.pk])


@receiver(post_save, sender=GoverningDocumentType)
def document_type_saved(sender, instance, **kwargs):
    Touch.record(kinds.GOVERNING_DOCUMENT, instance.documents.values_list("pk", flat=True))


# --- training sessions and presidium visits -----------------------------------------------------


@receiver(unpublished, sender=TrainingSession)
def session_unpublished(sender, instance, **kwargs):
    Touch.record(kinds.SESSION, [instance.pk])


@receiver(post_delete, sender=TrainingSession)
def session_deleted(sender, instance, **kwargs):
    if instance.first_published_at:
        Tombstone.record(kinds.SESSION, instance.pk, instance.created_at)


@receiver(pre_delete, sender=VisitRequest)
def visit_deleted(sender, instance, **kwargs):
    # Only a visit that was announced to the public was ever published.
    if announced_presidium_visits().filter(pk=instance.pk).exists():
        Tombstone.record(kinds.PRESIDIUM_VISIT, instance.pk, instance.created_at)


# --- documents ----------------------------------------------------------------------------------


def touch_documents(document_ids):
    """A document shows as a File and inside the styrdokument and sessions that use it."""
    document_ids = set(document_ids)
    if not document_ids:
        return
    Touch.record(kinds.FILE, document_ids)
    Touch.record(kinds.GOVERNING_DOCUMENT, GoverningDocumentPage.objects.filter(
        signed_original_id__in=document_ids).values_list("pk", flat=True))
    users = documents_in_sessions(TrainingSession.objects.all())
    Touch.record(kinds.SESSION, {session for document, sessions in users.items() if document in document_ids
                                 for session in sessions})


@receiver(post_save, sender=Document)
def document_saved(sender, instance, **kwargs):
    touch_documents([instance.pk])


@receiver(pre_delete, sender=Document)
def document_deleted(sender, instance, **kwargs):
    used = GoverningDocumentPage.objects.filter(signed_original=instance).exists() or instance.pk in \
        documents_in_sessions(TrainingSession.objects.all())
    touch_documents([instance.pk])
    if used:
        Tombstone.record(kinds.FILE, instance.pk, instance.created_at)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def collection_restriction_changed(sender, instance, **kwargs):
    collections = type(instance.collection).objects.descendant_of(instance.collection, inclusive=True)
    touch_documents(Document.objects.filter(collection__in=collections).values_list("pk", flat=True))

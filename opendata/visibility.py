"""What open data may publish: the same querysets the public pages use, in one place.

- the register (people, memberships, units) is published while the directory page
  (`UnitIndexPage`) is live and public; a person while they hold a current membership, as
  the directory's politician page; a unit while it is active; contact data only with
  consent (`Politician.public_email`, `public_phone`, `public_photo`);
- training sessions that are published, in a programme page that is live and public;
- governing documents that are live and public (`live().public()`, as /styrdokument/);
- presidium visits announced to the public: the unit page lists the coming ones
  (`VisitRequest.objects.public_invitations`); once announced, a visit stays a public
  meeting when it has been held, and is marked cancelled when it is called off;
- submitted visit reports (public records) with their registration data only: never their
  text, author or drafts;
- documents (files) only through a published object that shows them, and never from a
  collection with a view restriction (Wagtail refuses to serve those to the public).
"""

from django.db.models import Exists, OuterRef
from wagtail.models import Collection, CollectionViewRestriction

from cms.translations import originals
from home.models import GoverningDocumentPage
from training.models import TrainingProgrammePage, TrainingSession
from visits.register.pages import UnitIndexPage
from visits.reports.models import VisitReport
from visits.requests.models import VisitEvent, VisitRequest


def public_directory():
    # The Swedish pages are the records; a translation is never a second directory, programme or document.
    return originals(UnitIndexPage.objects.live().public()).order_by("path").first()


def public_programmes():
    return originals(TrainingProgrammePage.objects.live().public())


def public_sessions():
    return TrainingSession.objects.published().filter(programme__in=public_programmes())


def public_governing_documents():
    return originals(GoverningDocumentPage.objects.live().public())


def announced_presidium_visits():
    """Presidium visits with a public invitation that were accepted (and so announced on the
    unit page) and have not gone back to a state the public never saw."""
    accepted = VisitEvent.objects.filter(visit=OuterRef("pk"), to_state=VisitRequest.State.ACCEPTED)
    S = VisitRequest.State
    return VisitRequest.objects.filter(
        kind=VisitRequest.Kind.PRESIDIUM, public_invitation=True,
        state__in=[S.ACCEPTED, S.HELD, S.REPORTED, S.CANCELLED],
    ).filter(Exists(accepted))


def submitted_reports():
    return VisitReport.objects.submitted()


def restricted_collection_ids():
    """Collections whose documents Wagtail serves only after a password or login."""
    paths = list(Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection")).values_list("path", flat=True))
    if not paths:
        return set()
    return {pk for pk, path in Collection.objects.values_list("pk", "path") if path.startswith(tuple(paths))}


def documents_in_sessions(sessions):
    """{document id: {session id, …}} for the materials and recording captions of `sessions`."""
    found = {}
    for pk, materials, captions in sessions.values_list("pk", "materials", "recording_captions_id"):
        for block in materials.raw_data if materials else []:
            if block.get("type") == "document" and isinstance(block.get("value"), int):
                found.setdefault(block["value"], set()).add(pk)
        if captions:
            found.setdefault(captions, set()).add(pk)
    return found

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents.models import Document

from training.models import TrainingSession

from .factories import local, make_session, republish

pytestmark = pytest.mark.django_db


def errors_of(session):
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    return caught.value.message_dict


def test_a_session_must_end_after_it_starts(programme):
    session = make_session(programme, publish=False)
    session.ends_at = session.starts_at

    assert errors_of(session)["ends_at"] == ["Tillfället måste sluta efter att det börjar."]


def test_an_all_day_session_may_start_and_end_on_the_same_day_and_is_stored_from_local_midnight(programme):
    session = make_session(programme, all_day=True, starts_at=local(2027, 2, 13, 10), ends_at=local(2027, 2, 13, 15))

    assert session.local_start == local(2027, 2, 13)
    assert session.local_end == local(2027, 2, 13)


def test_the_sign_up_deadline_must_be_before_the_start(programme):
    session = make_session(programme, publish=False)
    session.signup_deadline = session.starts_at + datetime.timedelta(hours=1)

    assert "före" in errors_of(session)["signup_deadline"][0]


def test_capacity_must_be_at_least_one(programme):
    session = make_session(programme, publish=False)
    session.capacity = 0

    assert "minst 1" in errors_of(session)["capacity"][0]


def test_a_recording_cannot_be_published_without_captions(programme):
    session = make_session(programme, publish=False)
    session.recording_url = "https://video.adala.example.se/1"

    assert "undertexter" in errors_of(session)["recording_url"][0]
    session.recording_captioned_at_source = True
    session.full_clean()
    session.recording_captioned_at_source = False
    session.recording_captions = Document.objects.create(title="Undertexter", file="documents/u.vtt")
    session.full_clean()


def test_a_cancellation_needs_a_reason(programme):
    session = make_session(programme, publish=False)
    session.status = TrainingSession.Status.CANCELLED

    assert errors_of(session)["status_reason"] == ["Ange varför tillfället ställs in."]


def test_a_session_needs_a_place_or_an_online_link(programme):
    session = make_session(programme, publish=False)
    session.location = ""

    assert "plats" in errors_of(session)["location"][0]


def test_the_programme_year_must_match_the_date_and_the_date_the_period(programme):
    session = make_session(programme, publish=False)
    session.programme_year = 2

    assert errors_of(session)["programme_year"] == ["Datumet ligger i programår 1."]
    session.programme_year = 1
    session.starts_at, session.ends_at = local(2031, 2, 1, 9), local(2031, 2, 1, 12)
    assert "mandatperioden" in errors_of(session)["starts_at"][0]


def test_the_uid_never_changes_and_the_sequence_rises_only_on_significant_changes(programme):
    session = make_session(programme, title="Grundutbildning")
    uid = session.uid

    session = republish(session, description="Ny text")
    assert (session.uid, session.sequence) == (uid, 0)
    session = republish(session, title="Grundutbildning för alla")
    assert (session.uid, session.sequence) == (uid, 1)
    session = republish(session, location="Kulturhuset Valvet")
    session = republish(session, starts_at=local(2027, 2, 5, 9), ends_at=local(2027, 2, 5, 12))
    assert (session.uid, session.sequence, session.slug) == (uid, 3, "grundutbildning-for-alla")


def test_a_draft_of_a_live_session_changes_nothing_a_calendar_sees(programme):
    session = make_session(programme, title="Grundutbildning")
    stored_modified = session.modified_at

    session.title = "Utkast till ny rubrik"
    session.save_revision()

    stored = TrainingSession.objects.get(pk=session.pk)
    assert (stored.title, stored.sequence, stored.modified_at) == ("Grundutbildning", 0, stored_modified)
    assert stored.has_unpublished_changes


def test_cancelling_records_when_and_reinstating_clears_it(programme):
    session = make_session(programme)

    session = republish(session, status=TrainingSession.Status.CANCELLED, status_reason="Sjukdom")
    assert session.cancelled_at is not None and session.sequence == 1
    session = republish(session, status=TrainingSession.Status.PLANNED)
    assert session.cancelled_at is None and session.sequence == 2

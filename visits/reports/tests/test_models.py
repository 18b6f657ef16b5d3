"""Writing and submitting reports: drafts, numbering, the visit becoming reported, the mail,
and that a submitted report is a public record nobody changes or deletes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from cms.models import OutboxMessage
from visits.reports.models import ReportCounter, ReportLocked, VisitReport, report_text
from visits.reports.tests.factories import make_held, make_report_world, write
from visits.requests.models import NotAllowed, TransitionError, VisitRequest
from visits.requests.tests.factories import make_accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    return make_report_world(site_home)


def test_a_draft_is_saved_and_updated_not_duplicated(w):
    visit = make_held(w)
    first = write(w.page, visit, w.politician, "Tryggt.")
    second = write(w.page, visit, w.politician, "Tryggt och lugnt.")
    assert first.pk == second.pk
    assert VisitReport.objects.get().labelled_items()[0][1] == "Tryggt och lugnt."
    assert VisitReport.objects.get().state == VisitReport.State.DRAFT


def test_no_report_before_the_visit_is_held_and_not_by_someone_who_was_not_there(w):
    visit = make_accepted(w, days=-3)
    with pytest.raises(TransitionError):
        write(w.page, visit, w.politician, "För tidigt.")
    visit.mark_held(w.user)
    with pytest.raises(NotAllowed):
        write(w.page, visit, w.colleague, "Jag var inte där.")


def test_submitting_numbers_the_report_marks_the_visit_reported_and_mails_registry_and_manager(w):
    visit = make_held(w)
    OutboxMessage.objects.all().delete()
    report = write(w.page, visit, w.politician, "Barnen trivs.").submit(w.user)

    year = report.submitted_at.astimezone().year
    assert report.registration_number == f"BUN {year}/0001"
    report.refresh_from_db()
    assert report.state == VisitReport.State.SUBMITTED and report.committee == w.bun
    visit.refresh_from_db()
    assert visit.state == VisitRequest.State.REPORTED
    mails = {tuple(m.recipients): m for m in OutboxMessage.objects.all()}
    assert set(mails) == {("registrator.bun@adala.example.se",), ("rektor@adala.example.se",)}
    assert "Barnen trivs." in mails[("registrator.bun@adala.example.se",)].body
    manager_mail = mails[("rektor@adala.example.se",)].body
    assert "Barnen trivs." not in manager_mail and f"/rapporter/{report.pk}/" in manager_mail


def test_numbers_run_per_committee_and_year(w):
    first = write(w.page, make_held(w), w.politician, "Ett.").submit(w.user)
    second = write(w.page, make_held(w, days=-2), w.politician, "Två.").submit(w.user)
    library = write(w.page, make_held(w, unit=w.library), w.politician, "Tre.").submit(w.user)
    year = first.registration_year
    assert [first.number, second.number, library.number] == [1, 2, 1]
    assert library.registration_number == f"KFN {year}/0001"
    assert ReportCounter.objects.get(committee=w.bun, year=year).last_number == 2


def test_only_the_author_submits_and_only_once(w):
    report = write(w.page, make_held(w), w.politician, "Tryggt.")
    with pytest.raises(NotAllowed):
        report.submit(w.colleague_user)
    report.submit(w.user)
    with pytest.raises(ReportLocked):
        VisitReport.objects.get(pk=report.pk).submit(w.user)
    assert ReportCounter.objects.get().last_number == 1  # the refused second submit took no number


def test_a_submitted_report_cannot_be_changed_or_deleted(w):
    report = write(w.page, make_held(w), w.politician, "Tryggt.").submit(w.user)
    report = VisitReport.objects.get(pk=report.pk)
    report.form_data = {"x": "ändrat"}
    with pytest.raises(ReportLocked):
        report.save()
    with pytest.raises(PermissionDenied):
        report.delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        VisitReport.objects.filter(pk=report.pk).delete()  # a bulk delete also stops
    assert VisitReport.objects.get(pk=report.pk).labelled_items()[0][1] == "Tryggt."


def test_a_correction_is_a_new_numbered_version_pointing_to_the_old(w):
    visit = make_held(w)
    original = write(w.page, visit, w.politician, "Tryggt.").submit(w.user)
    correction = write(w.page, VisitRequest.objects.get(pk=visit.pk), w.politician, "Tryggt och lugnt.")
    assert correction.pk != original.pk and correction.supersedes == original
    correction.submit(w.user)
    assert correction.number == 2
    assert f"Rättar: {original.registration_number}" in report_text(correction)
    assert VisitReport.objects.get(pk=original.pk).labelled_items()[0][1] == "Tryggt."


def test_a_companion_may_write_their_own_report_on_the_same_visit(w):
    visit = make_held(w, companions=[w.colleague])
    write(w.page, visit, w.politician, "Från Paula.").submit(w.user)
    visit.refresh_from_db()
    second = write(w.page, visit, w.colleague, "Från Per.").submit(w.colleague_user)
    assert second.supersedes is None and second.number == 2

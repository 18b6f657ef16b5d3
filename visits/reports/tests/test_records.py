"""A submitted report is a public record: it keeps its own copy of the questions as they were
when it was filed, and every view, mail, export and the summary read that copy. Renaming or
deleting a question of the form, directly or through a published revision, changes no report."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms import roles
from cms.models import OutboxMessage
from cms.testing import client_for
from visits.reports.models import VisitReport, VisitReportFormField, report_text
from visits.reports.summary import answers_by_question, report_summary
from visits.reports.tests.factories import make_held, make_report_world, write
from visits.requests.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    w = make_report_world(site_home)
    w.secretary = make_user("sekreterare")
    group, _created = Group.objects.get_or_create(name=roles.SECRETARIES)
    group.permissions.add(Permission.objects.get(codename="access_admin"),
                          Permission.objects.get(codename="view_visitreport"))
    w.secretary.groups.add(group)
    w.report = write(w.page, make_held(w), w.politician, "Barnen trivs.", "Fler cyklar.").submit(w.user)
    w.first, w.second = w.page.form_fields.order_by("sort_order")[:2]
    w.asked = [w.first.label, w.second.label]
    return w


def everything_a_reader_gets(w):
    """The report as each reader meets it: the page, the registry's mail text, the admin's CSV, the summary."""
    report = VisitReport.objects.get(pk=w.report.pk)
    detail = client_for(w.user).get(reverse("reports:detail", args=[report.pk])).content.decode()
    export = client_for(w.secretary).get(reverse("visits_visitreport_modeladmin_index") + "?export=csv")
    exported = b"".join(export.streaming_content).decode()
    answers = dict(answers_by_question(report.visit.year, w.bun))
    return report, detail, exported, answers


def assert_unchanged(w, new_label):
    report, detail, exported, answers = everything_a_reader_gets(w)
    assert report.labelled_items()[:2] == [(w.asked[0], "Barnen trivs."), (w.asked[1], "Fler cyklar.")]
    assert w.asked[0] in detail and w.asked[1] in detail and "Fler cyklar." in detail
    assert new_label not in detail
    text = report_text(report)
    assert f"{w.asked[0]}\nBarnen trivs." in text and f"{w.asked[1]}\nFler cyklar." in text
    assert f"{w.asked[0]}: Barnen trivs." in exported and f"{w.asked[1]}: Fler cyklar." in exported
    assert [row.answer for row in answers[w.asked[0]]] == ["Barnen trivs."]
    assert [row.answer for row in answers[w.asked[1]]] == ["Fler cyklar."]
    assert new_label not in answers


def test_the_registry_mail_carries_the_questions_as_they_were_filed(w):
    body = next(message.body for message in OutboxMessage.objects.all() if "registrator.bun" in str(message.recipients))
    assert f"{w.asked[0]}\nBarnen trivs." in body and f"{w.asked[1]}\nFler cyklar." in body


def test_renaming_and_deleting_questions_in_the_admin_changes_no_submitted_report(w):
    w.first.label = "Hur var maten?"
    w.first.save()
    w.second.delete()

    assert_unchanged(w, "Hur var maten?")


def test_a_published_revision_of_the_form_changes_no_submitted_report(w):
    """What the moderation workflow does when the secretary approves an editor's change."""
    page = w.page.specific
    kept = [field for field in page.form_fields.all() if field.pk != w.second.pk]
    kept[0].label = "Hur var maten?"
    page.form_fields = kept
    approver = make_user("chefadmin", is_superuser=True)
    revision = page.save_revision(user=approver)
    revision.publish(user=approver)
    assert not VisitReportFormField.objects.filter(pk=w.second.pk).exists()
    assert VisitReportFormField.objects.get(pk=w.first.pk).label == "Hur var maten?"

    assert_unchanged(w, "Hur var maten?")


def test_a_draft_follows_the_form_and_keeps_the_questions_it_was_filed_with(w):
    draft = write(w.page, make_held(w, days=-2), w.politician, "Lugnt.")
    w.first.label = "Hur var maten?"
    w.first.save()
    assert draft.labelled_items()[0] == ("Hur var maten?", "Lugnt.")
    filed = draft.submit(w.user)
    w.first.label = "Ännu en formulering"
    w.first.save()
    assert VisitReport.objects.get(pk=filed.pk).labelled_items()[0] == ("Hur var maten?", "Lugnt.")


def test_the_summary_groups_answers_under_the_question_each_report_was_filed_with(w):
    w.first.label = "Hur var maten?"
    w.first.save()
    write(w.page, make_held(w, days=-2), w.politician, "God.").submit(w.user)

    summary = report_summary(w.report.visit.year, w.bun)
    answers = {question: [row.answer for row in rows] for question, rows in summary.answers}
    assert answers[w.asked[0]] == ["Barnen trivs."] and answers["Hur var maten?"] == ["God."]


def test_reports_filed_before_the_copy_existed_get_it_from_the_form_as_it_reads_now(w):
    """The data migration: old rows have no copy; drafts keep following the form."""
    draft = write(w.page, make_held(w, days=-2), w.politician, "Lugnt.")
    VisitReport.objects.update(questions=[])
    migration = importlib.import_module("visits.migrations.0006_records_keep_their_questions")

    migration.copy_questions(apps, None)

    expected = [[field.clean_name, field.label] for field in w.page.form_fields.order_by("sort_order")]
    assert VisitReport.objects.get(pk=w.report.pk).questions == expected
    assert VisitReport.objects.get(pk=draft.pk).questions == []


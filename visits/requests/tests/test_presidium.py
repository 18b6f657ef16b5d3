"""Presidium visits (seed 001): the chair and vice chairs visit every unit of the committee once a
year, prepare with the unit's documents and feedback statistics, and may invite the public."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cms import roles
from cms.testing import client_for
from visits.feedback.models import FeedbackSubmission
from visits.feedback.tests.factories import make_feedback, make_form_page
from visits.register.documents import UnitDocument
from visits.register.models import Membership
from visits.requests.models import NotAllowed, VisitRequest
from visits.requests.presidium import HELD, MISSING, PLANNED, presidium_plan
from visits.requests.tests.factories import future, make_politician, make_request, make_user, make_world

pytestmark = pytest.mark.django_db
S, PRESIDIUM = VisitRequest.State, VisitRequest.Kind.PRESIDIUM
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def w():
    """Paula chairs BUN; Vera (second vice chair) is no contact politician anywhere."""
    w = make_world()
    w.vera_user = make_user("vera")
    w.vera = make_politician("vera", w.opposition, w.vera_user)
    Membership.objects.create(politician=w.vera, committee=w.bun, period=w.period,
                              role=Membership.Role.SECOND_VICE_CHAIR)
    return w


def presidium_visit(w, politician=None, unit=None, **kwargs):
    return make_request(w, politician=politician or w.vera, unit=unit or w.other_unit, kind=PRESIDIUM, **kwargs)


def test_a_presidium_member_visits_any_unit_of_the_committee_without_a_contact_assignment(w):
    visit = presidium_visit(w)
    assert (visit.requested_by, visit.unit, visit.state) == (w.vera, w.other_unit, S.REQUESTED)
    # A contact visit still needs the assignment; the presidium's reach ends at its committee.
    with pytest.raises(NotAllowed):
        make_request(w, politician=w.vera, unit=w.other_unit)
    with pytest.raises(ValidationError, match="presidium"):
        make_request(w, politician=w.vera, unit=w.library, kind=PRESIDIUM)
    with pytest.raises(ValidationError, match="presidium"):
        make_request(w, politician=w.colleague, kind=PRESIDIUM)


def test_every_presidium_member_may_come_along_or_join_later_but_nobody_else(w):
    visit = presidium_visit(w, companions=[w.politician])
    with pytest.raises(ValidationError, match="presidium"):
        presidium_visit(w, unit=w.unit, companions=[w.colleague])
    third_user = make_user("tredje")
    third = make_politician("tredje", w.majority, third_user)
    Membership.objects.create(politician=third, committee=w.bun, period=w.period, role=Membership.Role.FIRST_VICE_CHAIR)

    assert visit.allowed_actions(third_user) == ["join"]
    assert "join" not in visit.allowed_actions(w.colleague_user)
    visit.join(third_user)

    assert [p.pk for p in visit.politicians] == [w.vera.pk, w.politician.pk, third.pk]
    assert visit.history().last().note == "Tredje Testsson är med på besöket."
    assert "join" not in visit.allowed_actions(third_user)
    with pytest.raises(NotAllowed):
        visit.join(w.colleague_user)


def test_one_presidium_visit_per_unit_and_year_in_the_plan(w):
    year = future().year
    first = presidium_visit(w, year=year)
    with pytest.raises(ValidationError, match="har redan ett presidiebesök"):
        presidium_visit(w, politician=w.politician, year=year)
    assert presidium_visit(w, year=year + 1).year == year + 1  # next year's is another visit
    # The database holds the rule too, should two members ask at the same moment.
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitRequest.objects.create(kind=PRESIDIUM, unit=w.other_unit, requested_by=w.politician, year=year,
                                    wished_times="x", purpose="x")

    first.cancel(w.vera_user, "Arbetsplatsträffen ställdes in.")
    again = presidium_visit(w, politician=w.politician, year=year)

    rows = {row.unit: row for row in presidium_plan(w.bun, year)}
    assert rows[w.other_unit].visit == again and rows[w.other_unit].status == PLANNED
    assert rows[w.unit].visit is None and rows[w.unit].status == MISSING


def test_the_plan_shows_held_planned_and_missing_in_two_queries(w, django_assert_num_queries):
    year = future().year
    held = presidium_visit(w, unit=w.unit, year=year)
    held.accept(w.manager, future())
    type(held).objects.filter(pk=held.pk).update(state=S.HELD)
    with django_assert_num_queries(3):  # units, visits, their companions
        statuses = [(row.unit, row.status) for row in presidium_plan(w.bun, year)]
    assert statuses == [(w.unit, HELD), (w.other_unit, MISSING)]
    for number in range(6):
        unit = type(w.unit).objects.create(name=f"Enhet {number}", slug=f"enhet-{number}", kind="forskola",
                                           committee=w.bun, manager=w.manager)
        presidium_visit(w, unit=unit, year=year, companions=[w.politician])
    with django_assert_num_queries(3):
        assert len(presidium_plan(w.bun, year)) == 8


def test_a_presidium_visit_is_seen_by_the_whole_presidium_and_not_by_other_politicians(w):
    visit = presidium_visit(w)
    url = reverse("visit_requests:detail", args=[visit.pk])
    for user, status in ((w.vera_user, 200), (w.user, 200), (w.other_manager, 200), (w.colleague_user, 404),
                         (w.manager, 404), (w.outsider_user, 404), (w.nobody, 404)):
        assert client_for(user).get(url).status_code == status, user
    assert client_for(None).get(url).status_code == 302


def add_document(unit, kind=UnitDocument.Kind.ACTIVITY_PLAN, title="Aktivitetsplan 2026"):
    document = UnitDocument(unit=unit, kind=kind, title=title)
    document.file.save("plan.pdf", SimpleUploadedFile("plan.pdf", PDF), save=False)
    document.save()
    return document


def test_the_visit_page_shows_the_units_latest_documents_and_feedback_statistics(w, site_home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    add_document(w.other_unit, title="Aktivitetsplan 2025")
    add_document(w.other_unit, title="Aktivitetsplan 2026")
    add_document(w.other_unit, UnitDocument.Kind.BUDGET_FOLLOW_UP, "Budgetuppföljning augusti")
    visit = presidium_visit(w)
    page = make_form_page(site_home)
    for kind in (FeedbackSubmission.Kind.PRAISE, FeedbackSubmission.Kind.PRAISE, FeedbackSubmission.Kind.COMPLAINT):
        make_feedback(page, unit=w.other_unit, kind=kind)
    in_year = timezone.make_aware(datetime.datetime(visit.year, 6, 1, 12))
    FeedbackSubmission.objects.update(submit_time=in_year)
    FeedbackSubmission.objects.filter(kind=FeedbackSubmission.Kind.COMPLAINT).update(
        submit_time=in_year.replace(year=visit.year - 1))

    html = client_for(w.user).get(reverse("visit_requests:detail", args=[visit.pk])).content.decode()

    assert "Aktivitetsplan 2026" in html and "Aktivitetsplan 2025" not in html
    assert "Budgetuppföljning augusti" in html
    assert f"2 synpunkter {visit.year}, per typ" in html
    contact = make_request(w, politician=w.colleague, unit=w.other_unit)
    contact_html = client_for(w.other_manager).get(reverse("visit_requests:detail", args=[contact.pk])).content.decode()
    assert "Aktivitetsplan 2026" not in contact_html  # only presidium visits carry the documents


def test_documents_are_served_only_to_those_who_prepare_the_presidium_visit(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = add_document(w.other_unit)
    w.secretary = make_user("sekreterare")
    w.secretary.groups.add(Group.objects.get_or_create(name=roles.SECRETARIES)[0])
    url = reverse("visit_requests:document_file", args=[document.pk])
    for user, status in ((w.vera_user, 200), (w.user, 200), (w.other_manager, 200), (w.secretary, 200),
                         (w.colleague_user, 404), (w.manager, 404), (w.head, 404), (w.nobody, 404)):
        response = client_for(user).get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content) == PDF
            assert response["Cache-Control"] == "private, no-store"
    assert client_for(None).get(url).status_code == 302
    assert client_for(w.user).get(reverse("visit_requests:document_file", args=[999999])).status_code == 404


def test_the_manager_attaches_a_pdf_and_a_wrong_file_is_refused_in_swedish(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("visit_requests:unit_documents", args=[w.other_unit.slug])
    manager = client_for(w.other_manager)

    refused = manager.post(url, {"kind": "activity_plan", "title": "Plan",
                                 "file": SimpleUploadedFile("plan.pdf", b"inte en pdf")})
    assert refused.status_code == 400
    assert "Filen är inte en PDF" in refused.content.decode()
    assert manager.post(url, {"kind": "okand", "title": ""}).status_code == 400
    assert not UnitDocument.objects.exists()

    response = manager.post(url, {"kind": "user_survey", "title": "Brukarenkät 2026",
                                  "file": SimpleUploadedFile("enkat.pdf", PDF)})
    assert response.status_code == 302
    document = UnitDocument.objects.get()
    assert (document.unit, document.kind, document.uploaded_by) == (w.other_unit, "user_survey", w.other_manager)
    assert document.file.name.startswith("enhetsdokument/") and "enkat" not in document.file.name
    for user in (w.manager, w.user, w.head, w.nobody):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_the_public_meets_the_presidium_at_its_own_time_until_it_has_passed(w):
    starts = future(20)
    meeting = starts.replace(hour=18)
    visit = presidium_visit(w, unit=w.unit, year=starts.year, public_invitation=True, invitation_topic="Mål och budget",
                            invitation_place="Aulan", invitation_starts_at=meeting,
                            invitation_ends_at=meeting + datetime.timedelta(hours=1))
    assert list(VisitRequest.objects.public_invitations(w.unit)) == []  # not booked yet
    visit.accept(w.manager, starts)

    [shown] = VisitRequest.objects.public_invitations(committee=w.bun)
    assert (shown, shown.public_starts, shown.public_ends) == (visit, meeting, meeting + datetime.timedelta(hours=1))
    assert list(VisitRequest.objects.public_invitations(committee=w.kfn)) == []
    later = meeting + datetime.timedelta(hours=2)
    assert list(VisitRequest.objects.public_invitations(w.unit, now=later)) == []
    with pytest.raises(ValidationError, match="Mötet måste sluta"):
        presidium_visit(w, public_invitation=True, invitation_topic="x", invitation_starts_at=meeting,
                        invitation_ends_at=meeting - datetime.timedelta(hours=1))


def test_public_invitations_are_in_the_committees_calendar_feed(w, client):
    starts = future(20)
    visit = presidium_visit(w, unit=w.unit, year=starts.year, public_invitation=True, invitation_topic="Mål, budget",
                            invitation_place="Aulan", purpose="HEMLIGTSYFTE")
    first = client.get("/utbildning/kalender/namnd-bun.ics")
    visit.accept(w.manager, starts, plan="HEMLIGPLAN")

    feed = client.get("/utbildning/kalender/namnd-bun.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    body = feed.content.decode()
    assert feed.status_code == 200
    assert f"UID:presidiet-moter-allmanheten-{visit.pk}@insyn" in body
    assert "SUMMARY:Träffa presidiet: Backaskolan" in body and "Aulan" in body
    assert "HEMLIG" not in body
    assert "presidiet-moter" not in client.get("/utbildning/kalender/namnd-kfn.ics").content.decode()
    again = client.get("/utbildning/kalender/namnd-bun.ics", HTTP_IF_NONE_MATCH=feed["ETag"])
    assert again.status_code == 304


def test_the_yearly_plan_is_for_the_presidium_on_mina_sidor_and_the_secretaries_in_the_admin(w):
    presidium_visit(w)
    url = reverse("visit_requests:presidium_plan")
    page = client_for(w.vera_user).get(url, {"ar": future().year})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Norrbyskolan" in html and "Planerat" in html
    assert "Föreslå presidiebesök på Backaskolan" in html
    for user in (w.colleague_user, w.manager, w.head, w.nobody):
        assert client_for(user).get(url).status_code == 404
    assert client_for(w.vera_user).get(url, {"ar": "1900", "namnd": "x"}).status_code == 400

    admin_url = reverse("presidium_plan_admin")
    secretary = make_user("sekreterare")
    secretary.user_permissions.add(Permission.objects.get(codename="access_admin"),
                                   Permission.objects.get(codename="view_visitrequest"))
    admin_page = client_for(secretary).get(admin_url, {"namnd": w.bun.pk, "ar": future().year})
    assert admin_page.status_code == 200 and "Norrbyskolan" in admin_page.content.decode()
    assert client_for(w.vera_user).get(admin_url).status_code == 302


def test_the_request_form_offers_the_presidium_visit_to_a_presidium_member(w):
    url = reverse("visit_requests:new", args=[w.other_unit.slug])
    html = client_for(w.vera_user).get(url, {"typ": "presidiebesok"}).content.decode()
    assert 'value="presidium" selected' in html and 'value="contact"' not in html
    assert "Paula Testsson" in html  # the rest of the presidium may come along
    response = client_for(w.vera_user).post(url, {
        "kind": "presidium", "wished_times": "En APT", "purpose": "Mål, budget och kvalitet.",
        "year": future().year, "hours": "2", "companions": [w.politician.pk],
    })
    visit = VisitRequest.objects.get()
    assert response.status_code == 302
    assert (visit.kind, visit.paid, [p.pk for p in visit.politicians]) == (PRESIDIUM, True, [w.vera.pk, w.politician.pk])


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches (site, settings) first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_plan_page_and_the_documents_page_cost_the_same_queries_for_one_item_and_many(
        w, settings, tmp_path, django_assert_num_queries):
    settings.MEDIA_ROOT = tmp_path
    plan, documents = reverse("visit_requests:presidium_plan"), reverse("visit_requests:unit_documents",
                                                                        args=[w.other_unit.slug])
    vera, manager = client_for(w.vera_user), client_for(w.other_manager)
    presidium_visit(w, companions=[w.politician])
    add_document(w.other_unit)
    one_plan, one_documents = count_queries(vera, plan), count_queries(manager, documents)
    for number in range(5):
        unit = type(w.unit).objects.create(name=f"Enhet {number}", slug=f"enhet-{number}", kind="forskola",
                                           committee=w.bun, manager=w.other_manager)
        presidium_visit(w, unit=unit, companions=[w.politician])
        add_document(w.other_unit, title=f"Plan {number}")
    with django_assert_num_queries(one_plan):
        vera.get(plan)
    with django_assert_num_queries(one_documents):
        manager.get(documents)

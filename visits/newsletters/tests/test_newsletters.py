"""Newsletters (rektorsbrev): recipients from the register when sent, one mail each,
and who may write, read and download them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms import roles
from cms.models import OutboxMessage
from visits.newsletters.models import Newsletter, NewsletterRecipient, newsletter_recipients
from visits.register.models import ContactAssignment, Membership
from visits.register.tests.world import make_membership, make_politician, make_register, make_unit, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def register(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return make_register()


def names(recipients):
    return {politician.pk for politician, _ in recipients}


def pks(register, *keys):
    return {register[key].pk for key in keys}


def test_recipients_are_the_contact_politicians_and_the_presidium(register):
    recipients = newsletter_recipients(register["unit"])
    assert names(recipients) == pks(register, "member_a", "member_b", "chair", "first_vice", "second_vice")
    reasons = dict((p.pk, reason) for p, reason in recipients)
    assert reasons[register["member_a"].pk] == "kontaktpolitiker"
    assert reasons[register["chair"].pk] == "ordförande"


def test_a_contact_politician_who_is_also_in_the_presidium_gets_it_once(register):
    ContactAssignment.objects.create(politician=register["chair"], unit=register["unit"], period=register["period"])
    recipients = newsletter_recipients(register["unit"])
    assert [p.pk for p, _ in recipients].count(register["chair"].pk) == 1
    assert dict((p.pk, r) for p, r in recipients)[register["chair"].pk] == "kontaktpolitiker, ordförande"


def test_recipients_follow_a_change_of_contact_assignment(register):
    ContactAssignment.objects.filter(politician=register["member_a"]).delete()
    ContactAssignment.objects.create(politician=register["substitute"], unit=register["unit"], period=register["period"])
    recipients = names(newsletter_recipients(register["unit"]))
    assert register["member_a"].pk not in recipients
    assert register["substitute"].pk in recipients


def test_recipients_follow_a_change_of_chair_during_the_period(register):
    today = timezone.localdate()
    Membership.objects.filter(politician=register["chair"]).update(ends_on=today - datetime.timedelta(days=1))
    new_chair = make_politician(register["chair"].party)
    make_membership(new_chair, register["committee"], register["period"], Membership.Role.CHAIR)
    Membership.objects.filter(politician=new_chair).update(starts_on=today)
    recipients = names(newsletter_recipients(register["unit"]))
    assert register["chair"].pk not in recipients
    assert new_chair.pk in recipients


def test_assignments_of_another_period_and_another_unit_do_not_count(register):
    from visits.register.models import MandatePeriod

    old = MandatePeriod.objects.create(name="Förr", starts_on=datetime.date(2000, 1, 1), ends_on=datetime.date(2003, 12, 31))
    ContactAssignment.objects.create(politician=register["substitute"], unit=register["unit"], period=old)
    other_unit = make_unit(register["committee"])
    ContactAssignment.objects.create(politician=register["substitute"], unit=other_unit, period=register["period"])
    assert register["substitute"].pk not in names(newsletter_recipients(register["unit"]))


def test_sending_stores_the_recipients_and_queues_one_mail_each(register, run_tasks, smtp_server):
    register["member_b"].email = ""
    register["member_b"].save()  # falls back to the address of the login
    newsletter = Newsletter.send(register["unit"], register["manager"], "Rektorsbrev", "Hej alla!")
    stored = NewsletterRecipient.objects.filter(newsletter=newsletter)
    assert {r.politician_id for r in stored} == pks(register, "member_a", "member_b", "chair", "first_vice", "second_vice")
    mails = list(OutboxMessage.objects.all())
    assert len(mails) == 5
    assert all(len(mail.recipients) == 1 for mail in mails)
    assert [register["member_b"].user.email] in [mail.recipients for mail in mails]
    run_tasks()
    assert len(smtp_server.messages) == 5
    assert "Hej alla!" in smtp_server.messages[0].content.decode()


def test_the_manager_writes_a_newsletter_on_mina_sidor_and_sees_who_it_went_to(client, register):
    client.force_login(register["manager"])
    assert client.get("/mina-sidor/nyhetsbrev/nytt/").status_code == 200
    response = client.post(
        "/mina-sidor/nyhetsbrev/nytt/",
        {"unit": "testskolan", "title": "Rektorsbrev oktober", "text": "Nytt på skolan.",
         "pdf": SimpleUploadedFile("brev.pdf", PDF, content_type="application/pdf")},
    )
    newsletter = Newsletter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mina-sidor/nyhetsbrev/{newsletter.pk}/"
    assert OutboxMessage.objects.count() == 5
    html = client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/").content.decode()
    assert register["chair"].full_name in html and register["member_a"].full_name in html
    assert register["substitute"].full_name not in html
    pdf = client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/bilaga.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == PDF
    assert "Rektorsbrev oktober" in client.get("/mina-sidor/").content.decode()


@pytest.mark.parametrize(
    "upload, error",
    [
        (SimpleUploadedFile("brev.txt", b"hej", content_type="text/plain"), "Bilagan måste vara en PDF-fil"),
        (SimpleUploadedFile("brev.pdf", b"<html>inte pdf</html>", content_type="application/pdf"), "Filen är inte en PDF"),
        (SimpleUploadedFile("stor.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf"),
         "Filen är för stor"),
    ],
)
def test_an_attachment_that_is_not_a_pdf_or_too_big_gets_a_swedish_error(client, register, upload, error):
    client.force_login(register["manager"])
    response = client.post(
        "/mina-sidor/nyhetsbrev/nytt/", {"unit": "testskolan", "title": "Brev", "text": "Text", "pdf": upload}
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Newsletter.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_missing_title_and_text_give_swedish_errors(client, register):
    client.force_login(register["manager"])
    response = client.post("/mina-sidor/nyhetsbrev/nytt/", {"unit": "testskolan"})
    html = response.content.decode()
    assert "Skriv en rubrik." in html and "Skriv brevets text." in html


def test_a_manager_cannot_send_for_a_unit_they_do_not_lead(client, register):
    other = make_user("annan-rektor", groups=[roles.UNIT_MANAGERS])
    make_unit(register["committee"], manager=other)
    client.force_login(other)
    response = client.post("/mina-sidor/nyhetsbrev/nytt/", {"unit": "testskolan", "title": "Brev", "text": "Text"})
    assert response.status_code == 400
    assert "Välj en av de enheter du är chef för." in response.content.decode()
    assert not Newsletter.objects.exists()


@pytest.fixture
def newsletter(register):
    return Newsletter.send(
        register["unit"], register["manager"], "Rektorsbrev", "Hej",
        pdf=SimpleUploadedFile("brev.pdf", PDF, content_type="application/pdf"),
    )


def test_a_recipient_politician_reads_it_on_mina_sidor(client, register, newsletter):
    client.force_login(register["member_a"].user)
    assert "Rektorsbrev" in client.get("/mina-sidor/").content.decode()
    response = client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/")
    assert response.status_code == 200
    assert response.context["recipients"] == []  # the list of recipients is the manager's
    assert client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/bilaga.pdf").status_code == 200
    assert client.get("/mina-sidor/nyhetsbrev/").context["received"] == [newsletter]


@pytest.mark.parametrize("who", ["another_politician", "another_manager", "substitute"])
def test_people_it_was_not_sent_to_get_404(client, register, newsletter, who):
    if who == "another_politician":
        user = make_politician(register["chair"].party).user
    elif who == "another_manager":
        user = make_user("annan-rektor", groups=[roles.UNIT_MANAGERS])
        make_unit(register["committee"], manager=user)
    else:
        user = register["substitute"].user  # same committee, but not a recipient
    client.force_login(user)
    assert client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/").status_code == 404
    assert client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/bilaga.pdf").status_code == 404
    assert "Rektorsbrev" not in client.get("/mina-sidor/").content.decode()


def test_a_politician_cannot_open_the_writing_form(client, register):
    client.force_login(register["member_a"].user)
    assert client.get("/mina-sidor/nyhetsbrev/nytt/").status_code == 404
    assert client.post("/mina-sidor/nyhetsbrev/nytt/", {"unit": "testskolan", "title": "x", "text": "y"}).status_code == 404


def test_nobody_logged_in_is_sent_to_the_login_page(client, register, newsletter):
    for url in ("/mina-sidor/nyhetsbrev/", "/mina-sidor/nyhetsbrev/nytt/",
                f"/mina-sidor/nyhetsbrev/{newsletter.pk}/", f"/mina-sidor/nyhetsbrev/{newsletter.pk}/bilaga.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_a_new_manager_of_the_unit_sees_the_units_newsletters(client, register, newsletter):
    successor = make_user("ny-rektor", groups=[roles.UNIT_MANAGERS])
    register["unit"].manager = successor
    register["unit"].save()
    client.force_login(successor)
    assert client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/").status_code == 200
    client.force_login(register["manager"])
    assert client.get(f"/mina-sidor/nyhetsbrev/{newsletter.pk}/").status_code == 404


def test_the_newsletter_list_needs_the_same_queries_for_one_and_many(client, register, django_assert_num_queries):
    client.force_login(register["manager"])
    Newsletter.send(register["unit"], register["manager"], "Ett", "Text")
    client.get("/mina-sidor/nyhetsbrev/")
    with CaptureQueriesContext(connection) as one:
        client.get("/mina-sidor/nyhetsbrev/")
    for n in range(5):
        Newsletter.send(register["unit"], register["manager"], f"Brev {n}", "Text")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/mina-sidor/nyhetsbrev/")


def test_mina_sidor_needs_the_same_queries_for_one_and_many_newsletters(
    client, register, django_assert_num_queries
):
    client.force_login(register["member_a"].user)
    Newsletter.send(register["unit"], register["manager"], "Ett", "Text")
    client.get("/mina-sidor/")
    with CaptureQueriesContext(connection) as one:
        client.get("/mina-sidor/")
    for n in range(5):
        Newsletter.send(register["unit"], register["manager"], f"Brev {n}", "Text")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/mina-sidor/")


def test_a_politician_without_newsletters_sees_an_empty_list_not_the_writing_button(client, register):
    client.force_login(register["substitute"].user)
    response = client.get("/mina-sidor/nyhetsbrev/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inga nyhetsbrev har skickats till dig ännu." in html
    assert "/mina-sidor/nyhetsbrev/nytt/" not in html


def test_the_administration_reads_every_units_newsletters_in_the_admin(client, register, newsletter):
    from django.contrib.auth.models import Permission

    secretary = make_user("sekreterare", groups=[roles.SECRETARIES])
    secretary.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(secretary)
    response = client.get("/admin/nyhetsbrev/")
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [newsletter]
    inspect = client.get(f"/admin/nyhetsbrev/inspect/{newsletter.pk}/")
    assert inspect.status_code == 200
    assert register["chair"].full_name in inspect.content.decode()
    assert client.get(f"/admin/nyhetsbrev/edit/{newsletter.pk}/").status_code in (302, 403)


@pytest.mark.parametrize("role", [roles.UNIT_MANAGERS, roles.EDITORS, roles.POLITICIANS])
def test_other_roles_cannot_list_newsletters_in_the_admin(client, register, newsletter, role):
    from django.contrib.auth.models import Permission

    user = make_user("x", groups=[role])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/nyhetsbrev/").status_code in (302, 403)
    assert client.get(f"/admin/nyhetsbrev/inspect/{newsletter.pk}/").status_code in (302, 403)

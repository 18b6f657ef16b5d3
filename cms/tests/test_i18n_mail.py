"""Mail goes out in the recipient's language: the language of their account (chosen on Mina sidor,
Swedish until they choose), the site's language for a registry or a role's mailbox, and the
language a resident wrote in for the answer to their feedback."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from cms import roles
from cms.mail import queue_mail_in_language
from cms.models import OutboxMessage
from visits.requests.tests.factories import make_accepted, make_request, make_user, make_world

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def prefers(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def by_recipient():
    return {address: message for message in OutboxMessage.objects.all() for address in message.recipients}


def compose():
    return gettext("Hej!"), f"{gettext('Läs den här:')} {reverse('my_pages')}"


def test_each_recipient_gets_the_message_in_the_language_of_their_account(smtp_server, run_tasks):
    anna, bo = prefers(make_user("anna"), "en"), make_user("bo")

    queue_mail_in_language([anna, bo, "registrator@adala.example.se"], compose)
    run_tasks()

    mail = by_recipient()
    assert (mail["anna@adala.example.se"].subject, mail["anna@adala.example.se"].body) == ("Hello,", "Read it here: /en/mina-sidor/")
    assert mail["bo@adala.example.se"].body == "Läs den här: /mina-sidor/"
    assert mail["bo@adala.example.se"] == mail["registrator@adala.example.se"]  # one Swedish message for both
    assert sorted(len(m.recipients) for m in OutboxMessage.objects.all()) == [1, 2]
    assert len(smtp_server.messages) == 2


def test_an_address_with_its_own_language_and_the_same_address_as_an_account(db):
    anna = prefers(make_user("anna"), "en")

    queue_mail_in_language([("boende@example.org", "en"), "anna@adala.example.se", anna], compose)

    mail = by_recipient()
    assert mail["boende@example.org"].subject == "Hello,"
    assert mail["anna@adala.example.se"].subject == "Hello,"  # the account's language wins
    assert OutboxMessage.objects.count() == 1


def test_a_message_composed_during_an_english_request_is_still_swedish_for_a_swedish_recipient(db):
    with translation.override("en"):
        queue_mail_in_language(["registrator@adala.example.se"], compose)

    assert OutboxMessage.objects.get().subject == "Hej!"


def test_visit_mail_follows_each_recipients_language(db):
    w = make_world()
    prefers(w.colleague_user, "en")

    with translation.override("en"):  # the politician asks from the English pages
        make_request(w, companions=[w.colleague])

    mail = by_recipient()
    assert mail[w.manager.email].subject == "Ny besöksförfrågan till Backaskolan"
    assert mail[w.colleague_user.email].subject == "You are included in a visit request to Backaskolan"
    assert "/en/mina-sidor/besok/" in mail[w.colleague_user.email].body
    assert "(contact politician visit)" in mail[w.colleague_user.email].body


def test_a_booked_time_is_written_in_the_recipients_language(db):
    w = make_world()
    prefers(w.user, "en")
    OutboxMessage.objects.all().delete()

    make_accepted(w)

    booked = OutboxMessage.objects.get(subject="The visit to Backaskolan is booked")
    assert booked.recipients == [w.user.email]
    assert "The visit to Backaskolan is booked for " in booked.body and "kl." not in booked.body


def test_the_registry_files_the_report_in_swedish_and_the_manager_reads_their_own_language(site_home):
    from visits.reports.tests.factories import make_held, make_report_world, write

    w = make_report_world(site_home)
    prefers(w.manager, "en")
    report = write(w.page, make_held(w), w.politician, "Tryggt och lugnt.")
    OutboxMessage.objects.all().delete()

    with translation.override("en"):
        report.submit(w.user)

    mail = by_recipient()
    registry = mail["registrator.bun@adala.example.se"]
    assert registry.subject.startswith("Besöksrapport BUN") and "Diarienummer: BUN" in registry.body
    assert mail[w.manager.email].subject == "Report on the visit to Backaskolan"


def test_the_answer_to_feedback_goes_out_in_the_language_the_resident_wrote_in(client, site_home):
    from visits.feedback.tests.factories import make_form_page
    from visits.register.tests.world import make_register

    register = make_register()
    make_form_page(site_home)
    response = client.post("/en/synpunkter/", {
        "enhet": "testskolan", "typ": "fråga", "text": "When is the library open?", "namn": "",
        "kontakt": "resident@example.org", "webbplats": "",
    })
    assert response.status_code == 200
    item = register["unit"].feedback.get()
    assert item.language == "en"
    mail = by_recipient()
    assert mail[register["manager"].email].subject.startswith("Ny synpunkt: Fråga")  # the manager's Swedish
    assert mail["resident@example.org"].subject == "We have received your feedback"  # the receipt in English

    item.give_answer(register["manager"], "Until eight.")

    answer = OutboxMessage.objects.filter(recipients=["resident@example.org"]).latest("pk")
    assert answer.subject == "Answer to your feedback"
    assert "Thank you for your feedback" in answer.body and "Until eight." in answer.body


def test_a_newsletter_reaches_each_politician_in_their_language_and_its_record_stays_swedish(db):
    from visits.newsletters.models import Newsletter
    from visits.register.tests.world import make_register

    register = make_register()
    contact = register["member_a"]
    prefers(contact.user, "en")

    with translation.override("en"):
        letter = Newsletter.send(register["unit"], register["manager"], "Vecka 48", "Hej från skolan.")

    reasons = dict(letter.recipients.values_list("politician_id", "reason"))
    mail = by_recipient()
    assert reasons[contact.pk] == "kontaktpolitiker"
    assert "Sent to you as contact politician for" in mail[contact.email].body
    others = [m for address, m in mail.items() if address != contact.email]
    assert others and all("Skickat till dig som" in m.body for m in others)


# --- choosing the language on Mina sidor -----------------------------------------------------


def test_a_user_chooses_the_language_of_their_mail_on_my_pages(client):
    user = make_user("anna")
    user.groups.add(Group.objects.get_or_create(name=roles.POLITICIANS)[0])
    client.force_login(user)

    page = client.get("/mina-sidor/").content.decode()
    response = client.post("/konto/sprak/", {"language": "en"}, follow=True)

    assert 'name="language"' in page and '<option value="en" lang="en">English</option>' in page
    assert response.redirect_chain == [("/mina-sidor/", 302)]
    assert "Språket för din e-post är sparat." in response.content.decode()
    assert UserProfile.get_for_user(user).preferred_language == "en"
    assert '<option value="en" selected lang="en">English</option>' in response.content.decode()


def test_an_account_without_a_role_gets_no_mail_and_no_choice(client):
    client.force_login(make_user("anna"))

    assert 'name="language"' not in client.get("/mina-sidor/").content.decode()


def test_an_unknown_language_is_refused_and_nothing_changes(client):
    user = prefers(make_user("anna"), "sv")
    client.force_login(user)

    response = client.post("/konto/sprak/", {"language": "de"}, follow=True)

    assert "Välj ett av språken i listan." in response.content.decode()
    assert UserProfile.get_for_user(user).preferred_language == "sv"


def test_a_users_choice_changes_nobody_elses(client):
    anna, bo = make_user("anna"), prefers(make_user("bo"), "sv")
    client.force_login(anna)

    client.post("/konto/sprak/", {"language": "en"})

    assert UserProfile.get_for_user(bo).preferred_language == "sv"


def test_only_a_logged_in_user_chooses_and_only_by_post(client):
    assert client.post("/konto/sprak/", {"language": "en"})["Location"] == "/logga-in/?next=/konto/sprak/"
    client.force_login(make_user("anna"))
    assert client.get("/konto/sprak/").status_code == 405

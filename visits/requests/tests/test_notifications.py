import pytest
from django.db import transaction

from cms.models import OutboxMessage
from visits.requests.models import VisitRequest
from visits.requests.tests.factories import future, make_accepted, make_request, make_world

pytestmark = pytest.mark.django_db

PURPOSE = "Träffa Kalle, 7 år, och hans föräldrar"  # free text that must never leave in a mail


@pytest.fixture
def w():
    return make_world()


def last_mail():
    return OutboxMessage.objects.order_by("pk").last()


def mails_since(count):
    return list(OutboxMessage.objects.order_by("pk")[count:])


def test_new_request_tells_the_manager_and_the_companions_with_a_link(w, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://insyn.adala.example.se"
    visit = make_request(w, companions=[w.colleague], purpose=PURPOSE)

    to_manager, to_companion = mails_since(0)
    assert (to_manager.recipients, to_companion.recipients) == (["rektor@adala.example.se"],
                                                                ["politiker2@adala.example.se"])
    for mail in (to_manager, to_companion):
        assert mail.subject == "Ny besöksförfrågan till Backaskolan"
        assert f"https://insyn.adala.example.se/mina-sidor/besok/{visit.pk}/" in mail.body
        assert "Kalle" not in mail.body


def test_routed_request_tells_the_head_then_the_manager_when_forwarded(w):
    visit = make_request(w, unit=w.library)
    assert last_mail().recipients == ["forvaltningschef@adala.example.se"]
    before = OutboxMessage.objects.count()

    visit.forward(w.head)

    to_manager, to_politician = mails_since(before)
    assert (to_manager.recipients, to_politician.recipients) == (["rektor@adala.example.se"],
                                                                 ["politiker@adala.example.se"])
    assert "att besluta om" in to_manager.subject
    assert "skickad vidare till Rektor" in to_politician.body


@pytest.mark.parametrize(
    "step, recipients, subject",
    [
        ("accept", ["politiker2@adala.example.se", "politiker@adala.example.se"], "är bokat"),
        ("propose", ["politiker@adala.example.se"], "Ny tid föreslagen"),
        ("decline", ["politiker2@adala.example.se", "politiker@adala.example.se"], "är avböjt"),
    ],
)
def test_managers_decision_goes_to_the_politicians(w, step, recipients, subject):
    visit = make_request(w, companions=[w.colleague])
    before = OutboxMessage.objects.count()
    {
        "accept": lambda: visit.accept(w.manager, future()),
        "propose": lambda: visit.propose(w.manager, future(), message=PURPOSE),
        "decline": lambda: visit.decline(w.manager, PURPOSE),
    }[step]()

    [mail] = mails_since(before)
    assert mail.recipients == recipients
    assert subject in mail.subject
    assert "Kalle" not in mail.body


def test_politicians_answer_to_a_proposal_goes_to_the_manager(w):
    visit = make_request(w)
    visit.propose(w.manager, future())
    visit.accept_proposal(w.user)
    assert last_mail().recipients == ["rektor@adala.example.se"]

    other = make_request(w, politician=w.colleague)
    other.propose(w.manager, future())
    other.withdraw(w.colleague_user)
    assert last_mail().recipients == ["rektor@adala.example.se"]
    assert "återkallad" in last_mail().subject


def test_cancelling_tells_everyone_else_involved(w):
    visit = make_accepted(w, companions=[w.colleague])
    before = OutboxMessage.objects.count()
    visit.cancel(w.user, PURPOSE)
    mails = mails_since(before)
    assert [mail.recipients for mail in mails] == [["rektor@adala.example.se"], ["politiker2@adala.example.se"]]
    assert all("Kalle" not in mail.body for mail in mails)


def test_held_visit_reminds_the_politicians_to_report(w):
    visit = make_accepted(w)
    visit.mark_held(w.manager, now=visit.ends_at)
    assert last_mail().recipients == ["politiker@adala.example.se"]
    assert "rapport" in last_mail().body


def test_no_mail_is_queued_when_the_step_fails(w):
    visit = make_request(w)
    before = OutboxMessage.objects.count()
    with pytest.raises(Exception):
        visit.decline(w.other_manager, "Nej.")
    with pytest.raises(Exception), transaction.atomic():
        visit.decline(w.manager, "Nej.")
        raise RuntimeError("something later in the same transaction failed")
    assert OutboxMessage.objects.count() == before
    assert VisitRequest.objects.get(pk=visit.pk).state == VisitRequest.State.REQUESTED


def test_queued_visit_mail_reaches_the_smtp_server(w, smtp_server, run_tasks):
    make_request(w)
    run_tasks()
    assert [m.rcpt_tos for m in smtp_server.messages] == [["rektor@adala.example.se"]]


def test_every_mail_to_a_manager_links_the_guide_for_managers_and_no_other_mail_does(w, site_home):
    from wagtail.models import Site

    from visits.register.guide import ManagerGuideSettings

    guide = site_home.get_children().get(slug="sa-tar-du-emot-kontaktpolitiker")
    setting = ManagerGuideSettings.for_site(Site.objects.get(is_default_site=True))
    setting.manager_guide = guide
    setting.save()
    visit = make_request(w, companions=[w.colleague])
    visit.propose(w.manager, future())
    visit.withdraw(w.user)
    routed = make_request(w, unit=w.library)
    routed.forward(w.head)

    mails = list(OutboxMessage.objects.order_by("pk"))
    to_manager = [mail for mail in mails if mail.recipients == ["rektor@adala.example.se"]]
    assert len(to_manager) == 3  # the new request, the withdrawal, the forwarded one
    assert all("Så tar du emot kontaktpolitiker" in mail.body and guide.url in mail.body for mail in to_manager)
    assert all("Så tar du emot kontaktpolitiker" not in mail.body for mail in mails if mail not in to_manager)

    guide.unpublish()
    make_request(w, politician=w.colleague)
    assert "Så tar du emot" not in last_mail().body

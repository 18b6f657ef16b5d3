"""Managers read the reports on their units (also from a link in a mail while logged out); the
head of administration reads the reports and the summary of their administration."""

import pytest
from django.urls import reverse

from cms.models import OutboxMessage
from cms.testing import client_for
from visits.register.guide import ManagerGuideSettings
from visits.reports.models import VisitReport
from visits.reports.tests.factories import make_held, make_report_world, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    return make_report_world(site_home)


def submitted(w, unit=None, politician=None, text="Barnen trivs."):
    politician = politician or w.politician
    visit = make_held(w, unit=unit or w.unit, politician=politician)
    return write(w.page, visit, politician, text).submit(politician.user)


def test_a_logged_out_manager_following_the_mail_link_is_sent_to_the_login_and_back(w):
    report = submitted(w)
    url = reverse("reports:detail", args=[report.pk])

    response = client_for(None).get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/logga-in/?next={url}"
    # Any number alike: the answer tells nothing about which reports exist.
    assert client_for(None).get(reverse("reports:detail", args=[999999]))["Location"].startswith("/logga-in/")
    assert client_for(None).get(reverse("reports:list")).status_code == 404
    assert client_for(w.manager).get(url).status_code == 200


def test_the_mail_to_the_manager_links_the_report_and_the_guide_for_managers(w, site_home):
    from wagtail.models import Site

    guide = site_home.get_children().get(slug="sa-tar-du-emot-kontaktpolitiker")
    settings = ManagerGuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.manager_guide = guide
    settings.save()
    report = submitted(w)

    mail = OutboxMessage.objects.filter(recipients=["rektor@adala.example.se"]).order_by("pk").last()
    assert reverse("reports:detail", args=[report.pk]) in mail.body
    assert "Så tar du emot kontaktpolitiker" in mail.body and guide.url in mail.body


def test_mina_sidor_lists_the_reports_on_the_managers_units(w):
    report = submitted(w)
    draft = write(w.page, make_held(w), w.politician, "UTKASTTEXT")
    elsewhere = submitted(w, unit=w.other_unit, politician=w.colleague)

    html = client_for(w.manager).get("/mina-sidor/").content.decode()
    assert "Rapporter om mina enheter" in html
    assert reverse("reports:detail", args=[report.pk]) in html
    assert reverse("reports:detail", args=[elsewhere.pk]) not in html
    assert reverse("reports:detail", args=[draft.pk]) not in html
    other = client_for(w.other_manager).get("/mina-sidor/").content.decode()
    assert reverse("reports:detail", args=[elsewhere.pk]) in other
    assert reverse("reports:detail", args=[report.pk]) not in other


def test_the_visit_page_links_its_report_for_the_manager(w):
    report = submitted(w)
    html = client_for(w.manager).get(reverse("visit_requests:detail", args=[report.visit_id])).content.decode()
    assert f"Läs rapport {report.registration_number}" in html
    assert reverse("reports:detail", args=[report.pk]) in html


def test_the_head_of_administration_reads_the_reports_of_the_administration_only(w):
    kfn_report = submitted(w, unit=w.library)
    bun_report = submitted(w)

    readable = set(VisitReport.objects.readable_by(w.head))
    assert readable == {kfn_report}
    assert client_for(w.head).get(reverse("reports:detail", args=[kfn_report.pk])).status_code == 200
    assert client_for(w.head).get(reverse("reports:detail", args=[bun_report.pk])).status_code == 404
    assert "Rapporter i din förvaltning" in client_for(w.head).get("/mina-sidor/").content.decode()


def test_the_head_reads_the_summary_of_the_administration_on_the_site(w):
    submitted(w, unit=w.library, text="Läshörnan är populär.")
    submitted(w, text="BUNSVAR")
    url = reverse("reports:summary")

    page = client_for(w.head).get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Kultur- och fritidsnämnden" in html and "Läshörnan är populär." in html
    assert "BUNSVAR" not in html
    assert client_for(w.head).get(url, {"namnd": w.bun.pk, "ar": 2026}).status_code == 400  # not the head's
    assert client_for(w.head).get(url, {"ar": "tjugo"}).status_code == 400
    csv = client_for(w.head).get(url, {"namnd": w.kfn.pk, "ar": w.library.visit_requests.first().year,
                                       "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and "KFN;Stadsbiblioteket" in csv.content.decode("utf-8-sig")
    for user in (w.user, w.manager, w.nobody):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from visits.requests.models import VisitRequest
from visits.requests.tests.factories import make_request, make_user, make_world

pytestmark = pytest.mark.django_db
INDEX = "/admin/visits/visitrequest/"


@pytest.fixture
def w():
    return make_world()


@pytest.fixture
def admin_client(w):
    user = make_user("sekreterare")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_visitrequest")
    )
    client = Client()
    client.force_login(user)
    return client


def test_administration_lists_and_filters_all_requests(w, admin_client):
    direct = make_request(w)
    routed = make_request(w, unit=w.library, politician=w.outsider)
    routed.forward(w.head)

    html = admin_client.get(INDEX).content.decode()
    assert "Backaskolan" in html and "Stadsbiblioteket" in html
    by_committee = admin_client.get(INDEX, {"namnd": w.kfn.pk}).content.decode()
    assert f"/inspect/{routed.pk}/" in by_committee and f"/inspect/{direct.pk}/" not in by_committee
    by_state = admin_client.get(INDEX, {"state__exact": "forwarded"}).content.decode()
    assert f"/inspect/{routed.pk}/" in by_state and f"/inspect/{direct.pk}/" not in by_state
    for params in ({"kind__exact": "contact"}, {"year__exact": direct.year}, {"enhet": w.unit.pk}, {"namnd": "x"}):
        assert admin_client.get(INDEX, params).status_code == 200
    searched = admin_client.get(INDEX, {"q": "Otto"}).content.decode()
    assert f"/inspect/{routed.pk}/" in searched and f"/inspect/{direct.pk}/" not in searched


def test_inspect_shows_the_history(w, admin_client):
    visit = make_request(w)
    visit.decline(w.manager, "Ombyggnad pågår.")
    html = admin_client.get(f"{INDEX}inspect/{visit.pk}/").content.decode()
    assert "Historik" in html and "Ombyggnad pågår." in html and "avböjt" in html


def test_requests_cannot_be_created_edited_or_deleted_in_the_admin(w, admin_client):
    visit = make_request(w)
    assert admin_client.get(f"{INDEX}create/").status_code in (302, 403)
    assert admin_client.get(f"{INDEX}edit/{visit.pk}/").status_code in (302, 403)
    assert admin_client.get(f"{INDEX}delete/{visit.pk}/").status_code in (302, 403)
    assert VisitRequest.objects.filter(pk=visit.pk, state=VisitRequest.State.REQUESTED).exists()


def test_export_neutralises_formulas_in_csv_and_gives_xlsx(w, admin_client):
    make_request(w, purpose="=HYPERLINK(\"http://example.com\")")
    csv_text = b"".join(admin_client.get(INDEX, {"export": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK" in csv_text
    assert ",=HYPERLINK" not in csv_text
    assert csv_text.splitlines()[0].startswith("Besök nr,")  # Swedish headings
    xlsx = admin_client.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].endswith('besoksforfragningar.xlsx"')


def test_dashboard_shows_open_requests_older_than_fourteen_days(w, admin_client):
    old = make_request(w, now=timezone.now() - datetime.timedelta(days=15))
    make_request(w, politician=w.colleague, now=timezone.now() - datetime.timedelta(days=3))
    closed = make_request(w, unit=w.library, now=timezone.now() - datetime.timedelta(days=30))
    closed.cancel(w.user, "Dubblett.")

    assert list(VisitRequest.objects.stale()) == [old]
    html = admin_client.get("/admin/").content.decode()
    assert "väntat mer än 14 dagar" in html
    assert f"/inspect/{old.pk}/" in html


def test_users_without_the_permission_see_neither_list_nor_panel(w):
    make_request(w, now=timezone.now() - datetime.timedelta(days=20))
    user = make_user("redaktor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert client.get(INDEX).status_code in (302, 403)
    assert "väntat mer än 14 dagar" not in client.get("/admin/").content.decode()


def test_the_listing_shows_short_local_times_and_ja_nej_and_scrolls_in_its_own_box(w, admin_client):
    visit = make_request(w)
    starts = timezone.make_aware(datetime.datetime(2027, 3, 10, 9, 0))
    VisitRequest.objects.filter(pk=visit.pk).update(state="accepted", starts_at=starts,
                                                    ends_at=starts + datetime.timedelta(hours=2))

    html = admin_client.get(INDEX).content.decode()

    # The unit comes first and carries the row's link; times are short and local (no word breaks at 1280 px).
    assert html.index("Backaskolan") < html.index(visit.requested_by.full_name)
    assert '<span class="no-wrap">2027-03-10 09:00</span>' in html
    assert '<td class="field-paid_yes_no title">Ja</td>' in html
    assert "True" not in html and "icon-yes.svg" not in html
    assert "css/admin.css" in html  # .result-list scrolls instead of running under the filters

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from visits.register.models import ContactAssignment, MandatePeriod, Membership
from visits.register.tests.factories import make_register

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("start_mandate_period", *args, stdout=out)
    return out.getvalue()


def test_preview_changes_nothing():
    make_register(unit_count=2)

    output = run("2023–2026", "2027–2030", "--start", "2027-01-01", "--slut", "2030-12-31")

    assert "Förhandsvisning: 4 uppdrag och 4 kontaktpolitiker" in output
    assert not MandatePeriod.objects.filter(name="2027–2030").exists()


def test_confirmed_copy_starts_the_new_period_and_leaves_the_old_untouched():
    register = make_register(unit_count=2)
    leaving = register["units"][0].contact_assignments.first().politician
    old = sorted(Membership.objects.values_list("pk", "period_id", "starts_on", "ends_on", "role"))

    output = run(
        "2023–2026", "2027–2030", "--start", "2027-01-01", "--slut", "2030-12-31",
        "--utan-politiker", leaving.slug, "--bekrafta",
    )

    new = MandatePeriod.objects.get(name="2027–2030")
    assert "Kopierade 3 uppdrag och 3 kontaktpolitiker" in output
    assert Membership.objects.filter(period=new, starts_on=datetime.date(2027, 1, 1)).count() == 3
    assert not ContactAssignment.objects.filter(period=new, politician=leaving).exists()
    assert sorted(Membership.objects.filter(period=register["period"]).values_list(
        "pk", "period_id", "starts_on", "ends_on", "role")) == old
    assert ContactAssignment.objects.filter(period=register["period"]).count() == 4


def test_running_the_copy_twice_adds_nothing_the_second_time():
    make_register()
    run("2023–2026", "2027–2030", "--start", "2027-01-01", "--slut", "2030-12-31", "--bekrafta")

    output = run("2023–2026", "2027–2030", "--bekrafta")

    assert "Kopierade 0 uppdrag och 0 kontaktpolitiker" in output


def test_assignment_without_a_new_membership_is_not_copied():
    register = make_register()
    MandatePeriod.objects.create(name="2027–2030", starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2030, 12, 31))

    output = run("2023–2026", "2027–2030", "--bara-uppdrag", "--bekrafta")

    assert "Kopierade 2 uppdrag och 0 kontaktpolitiker" in output
    assert register


def test_new_period_overlapping_the_old_is_refused():
    make_register()

    with pytest.raises(CommandError):
        run("2023–2026", "2026–2029", "--start", "2026-06-01", "--slut", "2029-12-31", "--bekrafta")
    assert MandatePeriod.objects.count() == 1


def new_period():
    return MandatePeriod.objects.create(
        name="2027–2030", starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2030, 12, 31)
    )


def test_secretary_copies_the_confirmed_records_in_the_admin(client):
    from visits.register.tests.factories import make_user

    register = make_register(unit_count=2)
    target = new_period()
    dropped = register["units"][0].contact_assignments.first()
    client.force_login(make_user("admin", is_superuser=True))
    url = f"/admin/register/ny-mandatperiod/?fran={register['period'].pk}&till={target.pk}"
    assert dropped.politician.full_name in client.get(url).content.decode()

    response = client.post(url, {
        "uppdrag": list(Membership.objects.filter(period=register["period"]).values_list("pk", flat=True)),
        "kontaktpolitiker": list(
            ContactAssignment.objects.filter(period=register["period"]).exclude(pk=dropped.pk).values_list("pk", flat=True)
        ),
    })

    assert response.status_code == 302
    assert Membership.objects.filter(period=target).count() == 4
    assert ContactAssignment.objects.filter(period=target).count() == 3
    assert ContactAssignment.objects.filter(period=register["period"]).count() == 4


def test_new_period_form_refuses_a_period_starting_before_the_old_ends(client):
    from visits.register.tests.factories import make_user

    register = make_register()
    client.force_login(make_user("admin", is_superuser=True))

    html = client.get(
        f"/admin/register/ny-mandatperiod/?fran={register['period'].pk}&till={register['period'].pk}"
    ).content.decode()
    bad = client.get("/admin/register/ny-mandatperiod/?fran=abc&till=999").content.decode()

    assert "Den nya perioden måste börja efter att den gamla har slutat." in html
    assert "Välj en mandatperiod i listan." in bad


def test_user_without_register_rights_cannot_start_a_period(client):
    from django.contrib.auth.models import Permission

    from visits.register.tests.factories import make_user

    register = make_register()
    target = new_period()
    user = make_user("rut")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(
        f"/admin/register/ny-mandatperiod/?fran={register['period'].pk}&till={target.pk}",
        {"uppdrag": list(Membership.objects.values_list("pk", flat=True))},
    )

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Membership.objects.filter(period=target).exists()

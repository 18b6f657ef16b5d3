"""Database side of `make load`, run as `python -m bench.load_db setup|count` with the load
server's settings and database; prints JSON for bench/load.py.

setup: one extra contact politician per client (its own login, a unit with a manager, one
booked visit in the future that accepts questions, and one held visit for every report the
client will write), on top of seed_demo.
count: the stored rows carrying the load's markers, the reports' registration numbers, and
the outbox.
"""

import datetime
import json
import sys
from collections import Counter

MARK = "Lasttest"
PASSWORD = "lasttest-losenord-2026"


def setup(clients, reports_per_client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cms import roles
    from cms.models import OutboxMessage
    from visits.feedback.models import FeedbackFormPage
    from visits.register.models import ContactAssignment, MandatePeriod, Party, Politician, Unit
    from visits.reports.models import report_page
    from visits.requests.models import VisitRequest
    from visits.requests.notifications import muted
    from visits.requests.questions import VisitQuestionsFormPage

    period = MandatePeriod.objects.current()
    party = Party.objects.order_by("pk").first()
    group = Group.objects.get(name=roles.POLITICIANS)
    units = list(
        Unit.objects.active().filter(manager__isnull=False, committee__visit_routing="direct").order_by("pk")
    )
    if period is None or party is None or not units:
        raise SystemExit("Demoinnehållet saknar mandatperiod, parti eller enhet med chef: kör seed_demo först.")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    people = []
    with muted():  # the set-up sends no mail: the outbox holds only the load's messages
        for index in range(clients):
            username = f"lasttest{index + 1}"
            user, _created = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.se"}
            )
            user.set_password(PASSWORD)
            user.save()
            user.groups.add(group)
            politician, _created = Politician.objects.get_or_create(
                user=user,
                defaults={"first_name": "Last", "last_name": f"Klient {index + 1}", "slug": username,
                          "party": party, "email": f"{username}@example.se"},
            )
            unit = units[index % len(units)]
            ContactAssignment.objects.get_or_create(politician=politician, unit=unit, period=period)
            visit = VisitRequest.submit(
                politician=politician, unit=unit, kind=VisitRequest.Kind.CONTACT, wished_times="Om en månad",
                purpose="Bokat besök inför lasttestets frågor", year=starts.year, confirm_unpaid=True, by=user,
            )
            visit.accept(unit.manager, starts + datetime.timedelta(hours=index), confirm_time=True)
            held = held_visits(politician, unit, reports_per_client, index)
            people.append({"username": username, "password": PASSWORD, "unit": unit.slug, "visit": visit.pk,
                           "held": held})
    questions = VisitQuestionsFormPage.objects.live().first()
    feedback = FeedbackFormPage.objects.live().first()
    report = report_page()
    return {
        "report_url": report.url,
        "report_fields": [field.clean_name for field in report.form_fields.order_by("sort_order")],
        "people": people,
        "questions_url": questions.url,
        "question_field": questions.form_fields.order_by("sort_order").first().clean_name,
        "feedback_url": feedback.url,
        "feedback_units": list(Unit.objects.active().order_by("pk").values_list("slug", flat=True)[:5]),
        "outbox_before": OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
    }


def held_visits(politician, unit, count, index):
    """Held visits waiting for a report, one per report the client writes. Made in one insert
    (the set-up is not what is measured); the report's submit moves each to `reported`."""
    from django.utils import timezone

    from visits.requests.models import VisitRequest

    ends = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    visits = [
        VisitRequest(
            kind=VisitRequest.Kind.CONTACT, unit=unit, requested_by=politician, wished_times="Förra veckan",
            purpose="Genomfört besök inför lasttestets rapport", year=ends.year, paid=False,
            state=VisitRequest.State.HELD, starts_at=ends - datetime.timedelta(hours=3, minutes=number),
            ends_at=ends - datetime.timedelta(minutes=number),
        )
        for number in range(count)
    ]
    VisitRequest.objects.bulk_create(visits)
    return list(
        VisitRequest.objects.filter(requested_by=politician, state=VisitRequest.State.HELD, reports__isnull=True)
        .order_by("pk").values_list("pk", flat=True)
    )


def count(question_field, outbox_before):
    from cms.models import OutboxMessage
    from visits.feedback.models import FeedbackSubmission
    from visits.reports.models import VisitReport, report_page
    from visits.requests.models import VisitRequest
    from visits.requests.questions import VisitQuestion

    visits = Counter(VisitRequest.objects.filter(purpose__startswith=MARK).values_list("purpose", flat=True))
    questions = Counter(
        data.get(question_field, "")
        for data in VisitQuestion.objects.filter(author__user__username__startswith="lasttest").values_list(
            "form_data", flat=True
        )
    )
    feedback = Counter(FeedbackSubmission.objects.filter(text__startswith=MARK).values_list("text", flat=True))
    report_field = report_page().form_fields.order_by("sort_order").first().clean_name
    mine = VisitReport.objects.filter(author__user__username__startswith="lasttest")
    submitted = mine.filter(state=VisitReport.State.SUBMITTED)
    reports = Counter(data.get(report_field, "") for data in submitted.values_list("form_data", flat=True))
    numbers = list(VisitReport.objects.submitted().values_list("registration_number", flat=True))
    outbox = OutboxMessage.objects.filter(pk__gt=outbox_before)
    return {
        "report": {key: value for key, value in reports.items() if key.startswith(MARK)},
        "report_numbers": {
            "submitted": len(numbers), "distinct": len(set(numbers)),
            "drafts_left": mine.filter(state=VisitReport.State.DRAFT).count(),
        },
        "visit": dict(visits),
        "questions": {key: value for key, value in questions.items() if key.startswith(MARK)},
        "feedback": dict(feedback),
        "outbox": {
            "ids": list(outbox.values_list("pk", flat=True)),
            "status": dict(Counter(outbox.values_list("status", flat=True))),
        },
    }


def main():
    import django

    django.setup()
    command = sys.argv[1]
    if command == "setup":
        print(json.dumps(setup(int(sys.argv[2]), int(sys.argv[3]))))
    elif command == "count":
        print(json.dumps(count(sys.argv[2], int(sys.argv[3]))))
    else:
        raise SystemExit(f"okänt kommando {command}")


if __name__ == "__main__":
    main()

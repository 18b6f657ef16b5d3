"""Builders for the report tests: a world with the report form page, held visits, drafts."""

from visits.reports.demo import ensure_report_page
from visits.reports.models import VisitReport
from visits.requests.tests.factories import make_accepted, make_world


def make_report_world(site_home):
    w = make_world()
    w.page = ensure_report_page(site_home)
    w.bun.registry_email = "registrator.bun@adala.example.se"
    w.bun.save()
    return w


def make_held(w, days=-3, **kwargs):
    kwargs.setdefault("confirm_unpaid", True)  # tests make more visits than the two paid ones a year
    visit = make_accepted(w, days=days, **kwargs)
    return visit.mark_held(visit.unit.manager or w.manager)


def answers(page, *texts):
    fields = list(page.form_fields.order_by("sort_order"))
    return {field.clean_name: text for field, text in zip(fields, texts)}


def write(page, visit, author, *texts):
    return VisitReport.save_draft(visit=visit, author=author, page=page, form_data=answers(page, *texts))

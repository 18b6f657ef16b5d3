"""Mina sidor for a unit manager with every room's sections at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from visits.feedback.models import FeedbackFormPage, FeedbackSubmission
from visits.feedback.tests.factories import make_feedback
from visits.newsletters.models import Newsletter
from visits.register.tests.world import make_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_register()


def test_the_managers_mina_sidor_needs_the_same_queries_for_one_and_many_items(
    client, register, django_assert_num_queries
):
    site_page = FeedbackFormPage(title="Synpunkter", slug="synpunkter")
    Page.get_first_root_node().add_child(instance=site_page)
    client.force_login(register["manager"])
    Newsletter.send(register["unit"], register["manager"], "Ett", "Text")
    make_feedback(site_page, unit=register["unit"])
    client.get("/mina-sidor/")
    with CaptureQueriesContext(connection) as one:
        client.get("/mina-sidor/")
    for n in range(4):
        Newsletter.send(register["unit"], register["manager"], f"Brev {n}", "Text")
        make_feedback(site_page, unit=register["unit"], kind=FeedbackSubmission.Kind.PRAISE)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/mina-sidor/")

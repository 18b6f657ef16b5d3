"""The training app's answer to the visits summary's insyn_politician_activity_counts hook."""

import pytest
from wagtail import hooks

from training.models import SignUp
from training.wagtail_hooks import attended_training_counts

from .factories import local, make_politician, make_programme, make_session

pytestmark = pytest.mark.django_db


def test_attended_training_sign_ups_are_counted_per_politician_in_the_calendar_year(site_home):
    programme = make_programme(site_home)
    anna, bo = make_politician("anna"), make_politician("bo")
    attended = make_session(programme, starts_at=local(2027, 2, 4, 9))
    absent = make_session(programme, starts_at=local(2027, 3, 4, 9))
    next_year = make_session(programme, starts_at=local(2028, 1, 10, 9))
    SignUp.objects.create(session=attended, politician=anna, attended=True)
    SignUp.objects.create(session=next_year, politician=anna, attended=True)
    SignUp.objects.create(session=absent, politician=anna, attended=False)
    SignUp.objects.create(session=attended, politician=bo, attended=None)
    assert attended_training_counts([anna, bo], 2027) == {anna.pk: 1}
    assert attended_training_counts([anna], 2028) == {anna.pk: 1}
    assert attended_training_counts([bo], 2027) == {}


def test_the_hook_is_registered_for_the_visits_summary():
    assert attended_training_counts in hooks.get_hooks("insyn_politician_activity_counts")

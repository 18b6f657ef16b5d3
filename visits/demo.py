"""The demo of the contact politician programme, room by room from the bottom: the register,
feedback, newsletters and the evaluation, visits and activities, reports. Idempotent; run by `seed_demo`."""

from django.db import transaction

from .evaluation import demo as evaluation_demo
from .feedback import demo as feedback_demo
from .newsletters import demo as newsletter_demo
from .register import demo as register_demo
from .reports import demo as report_demo
from .requests import demo as request_demo
from .requests.activities import demo as activity_demo


@transaction.atomic
def build(home, users):
    register = register_demo.build(home, users)
    feedback_demo.build(home, users)
    newsletter_demo.build(users)
    evaluation_demo.build(home, users)
    request_demo.build(home, users)
    activity_demo.build(users)
    report_demo.build(home, users)
    return register

"""What the programme page shows each participant of their own, as personal parts of its shared
copy (cms.page_cache): their sign-up status per session, the "only mine" filter, the way to their
personal calendar."""

from django import template

from cms import memo

from ..forms import ProgrammeFilterForm
from ..models import SignUp
from ..views import participant

register = template.Library()


def _participant(request):
    return memo.per_request("training-participant", lambda: participant(request.user))


@register.simple_tag(takes_context=True)
def training_participant(context):
    """{"politician": …} or {"staff": user} for who signs up, None for anyone else."""
    return _participant(context["request"])


@register.simple_tag(takes_context=True)
def my_signup_status(context, session_pk):
    """The participant's active sign-up status for the session ("confirmed", "waiting") or None;
    one query a request for all their sign-ups."""
    request = context["request"]

    def statuses():
        who = _participant(request)
        if not who:
            return {}
        return dict(SignUp.objects.active().of(**who).values_list("session_id", "status"))

    return memo.per_request("training-signup-statuses", statuses).get(int(session_pk))


@register.simple_tag(takes_context=True)
def only_mine_field(context):
    """The "only sessions for me" checkbox of the programme's filter, for participants only."""
    request = context["request"]
    if not _participant(request):
        return None
    return ProgrammeFilterForm(request.GET or None, [], participant=True)["mina"]

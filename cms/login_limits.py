"""A limit per client address across usernames, beside django-axes' lock of one username
from one address.

Axes locks (username, address) after `AXES_FAILURE_LIMIT` failures, which does not stop one
address from trying a few passwords each on many accounts. This handler also locks the address
once its failures for all usernames together reach `INSYN_LOGIN_FAILURES_PER_ADDRESS` within
axes' cool-off time. The count comes from axes' own records, so a successful login (which
clears that user's failures), the cool-off and `axes_reset` work on it as on axes' lock.
The limit is high, since a town hall's users share one address.
"""

from django.conf import settings
from django.db.models import Sum

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out


def failures_from_address(request):
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLimitHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        return failures_from_address(request) >= settings.INSYN_LOGIN_FAILURES_PER_ADDRESS

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if failures_from_address(request) >= settings.INSYN_LOGIN_FAILURES_PER_ADDRESS:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

"""Staff sessions end after a working day without use.

Who may enter the admin can change what every politician reads, so their session is not left
open for the default two weeks: at login it gets `INSYN_STAFF_SESSION_IDLE_SECONDS`, and every
request renews it (written at most every few minutes, not on every request).
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

STAFF_SESSION = "insyn_staff_seen"
RENEW_AFTER = 5 * 60  # seconds


@receiver(user_logged_in, dispatch_uid="insyn_staff_session")
def limit_staff_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if user.has_perm("wagtailadmin.access_admin"):
        request.session.set_expiry(settings.INSYN_STAFF_SESSION_IDLE_SECONDS)
        request.session[STAFF_SESSION] = int(time.time())


def keep_staff_session_alive(request):
    session = getattr(request, "session", None)
    # `session_key` first: a request without a session cookie never loads one for this.
    if session is None or session.session_key is None:
        return
    seen = session.get(STAFF_SESSION)
    if seen is not None and time.time() - seen > RENEW_AFTER:
        session[STAFF_SESSION] = int(time.time())
        session.set_expiry(settings.INSYN_STAFF_SESSION_IDLE_SECONDS)

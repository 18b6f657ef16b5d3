"""Password reset that tells nobody whether an address has an account.

The request only counts the try and queues a task, the same work whether the address exists or
not, so neither the answer nor its time says anything. The task looks the address up and puts
the link in the outbox. At most `INSYN_PASSWORD_RESET_LIMIT` mails go to one address an hour,
and one client address may ask `INSYN_PASSWORD_RESET_CLIENT_LIMIT` times an hour.
"""

from django.conf import settings
from django.template import loader
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm

from . import ratelimit
from .mail import queue_mail

HOUR = 60 * 60


class QueuedPasswordResetForm(PasswordResetForm):
    """WAGTAILADMIN_USER_PASSWORD_RESET_FORM: Wagtail's form, sent through the task queue."""

    def save(self, domain_override=None, subject_template_name=None, email_template_name=None,
             use_https=False, request=None, **kwargs):
        email = self.cleaned_data["email"]
        # `&`, not `and`: both limits count every try.
        within_limits = ratelimit.hit_key(
            "password-reset", email.casefold(), settings.INSYN_PASSWORD_RESET_LIMIT, HOUR
        ) & ratelimit.hit(request, "password-reset-client", settings.INSYN_PASSWORD_RESET_CLIENT_LIMIT, HOUR)
        if within_limits:
            send_password_reset.enqueue(
                email, domain_override or request.get_host(), use_https, subject_template_name, email_template_name
            )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        queue_mail([to_email], subject, body)


def send_reset_links(email, domain, use_https, subject_template_name, email_template_name):
    """In the task: one mail with a reset link for each active account with this address."""
    form = QueuedPasswordResetForm({"email": email})
    if form.is_valid():
        # Django's own `save`: the token, the link and the templates, then `send_mail` above.
        PasswordResetForm.save(
            form, domain_override=domain, use_https=use_https,
            subject_template_name=subject_template_name, email_template_name=email_template_name,
        )


@task()
def send_password_reset(email, domain, use_https, subject_template_name, email_template_name):
    """Run by the worker, so that the request takes as long whether the address exists or not."""
    send_reset_links(email, domain, use_https, subject_template_name, email_template_name)

from django_tasks import task

from .mail import deliver


@task()
def send_outbox_message(message_id):
    return deliver(message_id)


@task()
def send_password_reset(email, domain, use_https, subject_template_name, email_template_name):
    from .password_reset import send_reset_links

    send_reset_links(email, domain, use_https, subject_template_name, email_template_name)

"""E-mail leaves through the task queue, never inside a request.

`queue_email` enqueues `send_email` once the current transaction commits (nothing is sent for work that
is rolled back, and the request never talks to the mail server). The worker sends with the SMTP timeout
EMAIL_TIMEOUT; when the server does not answer or refuses, the task enqueues itself again with the next
attempt number, to run EMAIL_RETRY_SECONDS × attempt later, up to EMAIL_ATTEMPTS attempts, then logs
that the mail was not sent. django-tasks 0.12 has no retries of its own, hence the attempt counter.
With a task backend that cannot defer (TASKS_BACKEND=immediate, the demo), one attempt is made.
"""
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def queue_email(subject, body, address):
    """Send one e-mail after the current transaction commits (at once outside one), through the queue.
    A queue that cannot be written to is logged, never raised: the caller's work is already committed."""
    transaction.on_commit(partial(send_email.enqueue, subject, body, address), robust=True)


@task()
def send_email(subject, body, address, attempt=1):
    """Send one e-mail, waiting at most EMAIL_TIMEOUT seconds for the server; on failure enqueue the next
    attempt or, after the last, log the failure. Returns True when sent."""
    try:
        send_mail(subject, body, None, [address], connection=get_connection(timeout=settings.EMAIL_TIMEOUT))
        return True
    except OSError as error:  # smtplib's errors, refused connections and timeouts are all OSErrors
        if attempt < settings.EMAIL_ATTEMPTS and send_email.get_backend().supports_defer:
            run_after = timezone.now() + timedelta(seconds=settings.EMAIL_RETRY_SECONDS * attempt)
            send_email.using(run_after=run_after).enqueue(subject, body, address, attempt + 1)
            logger.warning("E-mail to %s failed (attempt %s of %s: %r); next attempt after %s",
                           address, attempt, settings.EMAIL_ATTEMPTS, error, run_after.isoformat(timespec="seconds"))
        else:
            logger.error("E-mail to %s not sent: gave up after attempt %s of %s (%r)",
                         address, attempt, settings.EMAIL_ATTEMPTS, error)
        return False

"""E-mail goes through the queue (emulation.mail): a mail server that does not answer never holds up a
request, and the worker gives up on it after EMAIL_TIMEOUT, tries again later, and finally logs it."""
import socket
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaigns import workflow
from campaigns.models import ReportStatus, UnitReport
from emulation.mail import send_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class SilentServer:
    """A TCP server that takes connections and never says a word: the kernel completes each handshake
    into the listening backlog, nobody ever sends the SMTP greeting."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0), backlog=16)
        self.port = self.socket.getsockname()[1]
        self.accepted = []

    def connections(self):
        """How many clients have connected so far (drains the backlog without blocking)."""
        self.socket.setblocking(False)
        try:
            while True:
                self.accepted.append(self.socket.accept()[0])
        except BlockingIOError:
            pass
        return len(self.accepted)

    def close(self):
        for connection in self.accepted:
            connection.close()
        self.socket.close()


@pytest.fixture
def silent_mail_server(settings):
    server = SilentServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.port, False
    settings.EMAIL_TIMEOUT = 1
    settings.TASKS = DATABASE_TASKS
    yield server
    server.close()


def queued_mail():
    return list(DBTaskResult.objects.filter(task_path="emulation.mail.send_email").order_by("enqueued_at"))


@pytest.mark.django_db(transaction=True)
def test_accepting_a_report_does_not_wait_for_a_silent_mail_server(
        silent_mail_server, office_client, land_report, land_head):
    land_head.email = "truongphong@example.vn"
    land_head.save()
    workflow.submit_report(land_report, actor=land_head)
    response = office_client.post(reverse("campaigns:report_transition", args=[land_report.pk, "accept"]), {"confirmed": "on"})
    assert response.status_code == 302
    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.ACCEPTED
    # The request never touched the mail server; the mail waits in the queue for the worker.
    assert silent_mail_server.connections() == 0
    [mail] = queued_mail()
    assert mail.args_kwargs["args"][2] == "truongphong@example.vn"


@pytest.mark.django_db(transaction=True)
def test_a_password_reset_does_not_wait_for_a_silent_mail_server(silent_mail_server, client, make_user):
    make_user(username="nguoidung", email="nguoidung@example.vn")
    response = client.post(reverse("password_reset"), {"email": "nguoidung@example.vn"})
    assert response.status_code == 302
    assert silent_mail_server.connections() == 0
    [mail] = queued_mail()
    assert mail.args_kwargs["args"][0] == "Đặt mật khẩu mới cho tài khoản Thi đua"


@pytest.mark.django_db(transaction=True)
def test_the_worker_gives_up_on_a_silent_server_after_its_timeout_and_tries_again_later(
        silent_mail_server, settings, caplog):
    settings.EMAIL_ATTEMPTS, settings.EMAIL_RETRY_SECONDS = 2, 600
    send_email.enqueue("Nhắc nộp báo cáo", "Quý I", "truongphong@example.vn")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert silent_mail_server.connections() == 1
    first, second = queued_mail()
    assert (first.status, first.return_value) == ("SUCCESSFUL", False)
    assert second.args_kwargs["args"] == ["Nhắc nộp báo cáo", "Quý I", "truongphong@example.vn", 2]
    assert second.status == "READY" and second.run_after > timezone.now() + timedelta(seconds=500)
    assert "E-mail to truongphong@example.vn failed (attempt 1 of 2" in caplog.text
    # The last attempt (run here without waiting ten minutes) logs the failure and queues nothing more.
    DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert silent_mail_server.connections() == 2
    assert [(mail.status, mail.return_value) for mail in queued_mail()] == [("SUCCESSFUL", False)] * 2
    assert "E-mail to truongphong@example.vn not sent: gave up after attempt 2 of 2" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_nothing_listening_is_a_failed_attempt_too(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    closed = socket.create_server(("127.0.0.1", 0))
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed.getsockname()[1]
    closed.close()
    settings.TASKS, settings.EMAIL_ATTEMPTS = DATABASE_TASKS, 1
    assert send_email.call("Nhắc", "Quý I", "a@example.vn") is False
    assert queued_mail() == []
    assert "E-mail to a@example.vn not sent: gave up after attempt 1 of 1" in caplog.text

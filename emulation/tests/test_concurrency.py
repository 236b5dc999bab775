"""Two people at once (issue 24 §1): the database as deployed (SQLite with a worker beside the web server, or
PostgreSQL) lets pages read while an import writes, writers wait for each other, and a lock never freed in
time is answered with a kind page, never a 500 or a 400."""
import datetime
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from emulation.logins import LAST_REQUEST_KEY
from emulation.models import Staff, Unit
from emulation.tests.concurrency import at_once, impatient, logged_in, write_lock_held
from emulation.models import Role
from django.contrib.sessions.models import Session
from emulation.tests.test_import import STAFF_HEADERS, staff_row, xlsx
from emulation.imports import stage_import
from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import run_job, start_job
from django.db import OperationalError
from emulation import imports
from emulation.imports import ImportRun

BUSY = "Hệ thống đang bận"


@pytest.fixture
def head_and_person(file_database, org, make_user, staff_in):
    return make_user(Role.UNIT_HEAD, unit=org.land), staff_in(org.land, full_name="Lê Văn Tám")


def test_sqlite_is_opened_with_the_write_ahead_log_a_busy_timeout_and_immediate_transactions(file_database):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's connection settings")
    with connection.cursor() as cursor:
        pragmas = [cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "busy_timeout", "synchronous")]
    assert (pragmas, connection.transaction_mode) == (["wal", 20000, 1], "IMMEDIATE")


def _rename(client, person, name):
    return client.post(reverse("staff_edit", args=[person.pk]), {
        "full_name": name, "unit": person.unit_id, "category": "civil_servant", "active": "on", "revision": person.revision,
    })


def test_a_save_that_finds_the_database_locked_too_long_gets_the_busy_page_and_saves_nothing(head_and_person):
    head, person = head_and_person
    client = logged_in(head)
    with impatient(), write_lock_held(Staff, person.pk):
        response = _rename(client, person, "Tên Mới")
    assert (response.status_code, response["Retry-After"]) == (503, "5")
    assert BUSY in response.content.decode() and "Vui lòng đợi giây lát rồi thử lại" in response.content.decode()
    person.refresh_from_db()
    assert (person.full_name, person.revision) == ("Lê Văn Tám", 0)

    assert _rename(client, person, "Tên Mới").status_code == 302  # the same form again, a moment later
    person.refresh_from_db()
    assert person.full_name == "Tên Mới"


def test_a_page_whose_session_cannot_be_saved_in_time_gets_the_busy_page_not_a_400(head_and_person):
    head, _person = head_and_person
    client = logged_in(head)
    session = client.session
    session[LAST_REQUEST_KEY] = int(time.time()) - 120  # this request stamps the idle clock: a session write
    session.save()
    with impatient(), write_lock_held(Session, session.session_key):
        response = client.get(reverse("staff_list"))
    assert response.status_code == 503
    assert BUSY in response.content.decode()


# A background import while ten people work ------------------------------------------------------------------

IMPORT_ROWS = 3000


def _import_file(rows):
    return xlsx(STAFF_HEADERS, [staff_row(f"Người Nhập {n}", f"05200{n:07d}", born=f"{1 + n % 28:02d}/03/1985")
                                for n in range(rows)]).read()


def test_a_background_import_while_ten_people_save_rename_upload_and_read_gives_no_error(
        file_database, settings, org, office_user, land_head, staff_in):
    settings.SESSION_IDLE_REFRESH_SECONDS = 0  # every request writes its session, as the progress page did
    run = stage_import("staff", _import_file(IMPORT_ROWS), "danh-sach.xlsx", user=office_user)
    job = start_job("import", office_user, import_kind="staff", token=run.token, action="confirm")
    people = [staff_in(org.land, full_name=f"Người Sửa {n}") for n in range(3)]
    importing = threading.Event()
    answers = {}  # what each person saw: (thread, what, status, kind refusal?)

    def worker():
        try:
            return run_job.call(job.pk)
        finally:
            importing.set()

    def again(name, action):
        """`action(round)` until the import has finished (at least twice): what a person does meanwhile."""
        def run_rounds():
            seen = answers.setdefault(name, [])
            for round_ in range(50):  # a bound, should the import never end
                if round_ >= 2 and importing.is_set():
                    break
                try:
                    seen.append(action(round_))
                except Exception as error:  # noqa: BLE001 - a 500: counted below
                    seen.append((name, error, None))
            return seen
        return run_rounds

    def rename(person):
        client = logged_in(land_head)

        def act(round_):
            current = Staff.objects.get(pk=person.pk)
            name = f"{person.full_name} lần {round_}"
            response = _rename(client, current, name)
            return ("rename", response, name)
        return act

    def rename_unit(unit):
        """Renaming reads the unit's names before it writes: the transaction SQLite once refused at once."""
        client = logged_in(office_user)

        def act(round_):
            name = f"Chi cục Môi trường {round_}"
            on_date = (datetime.date(2026, 1, 1) + datetime.timedelta(days=round_)).strftime("%d/%m/%Y")
            response = client.post(reverse("unit_rename", args=[unit.pk]), {"name": name, "on_date": on_date})
            return ("rename unit", response, name)
        return act

    def preview():
        client = logged_in(office_user)

        def act(round_):
            upload = xlsx(STAFF_HEADERS, [staff_row(f"Lê Văn Xem {round_}", "")], name="nho.xlsx")
            return ("preview", client.post(reverse("import_data", args=["staff"]), {"file": upload}), None)
        return act

    def read(user, url):
        client = logged_in(user)
        return lambda round_: ("read", client.get(url), None)

    progress_page = f"{reverse('import_data', args=['staff'])}?job={job.pk}"
    results = at_once(
        worker,
        *[again(f"rename {n}", rename(person)) for n, person in enumerate(people)],
        *[again(f"preview {n}", preview()) for n in range(2)],
        again("progress page", read(office_user, progress_page)),
        again("staff list", read(land_head, reverse("staff_list"))),
        again("home", read(office_user, reverse("home"))),
        again("rename unit", rename_unit(org.env)),
        again("a person", read(land_head, reverse("staff_detail", args=[people[0].pk]))),
    )

    assert results[0] == "done", Job.objects.values_list("status", "error").get(pk=job.pk)
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE
    assert Staff.objects.filter(full_name__startswith="Người Nhập ").count() == IMPORT_ROWS
    seen = [answer for name in answers for answer in answers[name]]
    errors = [(what, getattr(response, "status_code", response)) for what, response, _name in seen
              if isinstance(response, BaseException) or (response.status_code >= 400 and response.status_code != 503)]
    assert errors == []
    refused = [response for _what, response, _name in seen if response.status_code == 503]
    assert all(BUSY in response.content.decode() for response in refused)
    for person, name in zip(people, [f"rename {n}" for n in range(3)]):
        saved = [new_name for _what, response, new_name in answers[name] if response.status_code == 302]
        assert Staff.objects.get(pk=person.pk).full_name == (saved[-1] if saved else person.full_name)
    renamed = [name for _what, response, name in answers["rename unit"] if response.status_code == 302]
    assert Unit.objects.get(pk=org.env.pk).name == (renamed[-1] if renamed else "Chi cục Bảo vệ môi trường")
    for _what, response, _name in answers["preview 0"] + answers["preview 1"]:
        assert response.status_code == 503 or "Lê Văn Xem" in response.content.decode()
    print(f"\n{connection.vendor}: {len(seen)} requests beside an import of {IMPORT_ROWS} rows, "
          f"{len(errors)} errors, {len(refused)} refused kindly")


def test_an_import_job_stopped_by_a_busy_database_says_so_and_may_be_confirmed_again(db, org, office_user, monkeypatch):

    def locked(*args, **kwargs):
        Staff.objects.create(full_name="Nửa Chừng", unit=org.land)  # a row written before the lock stopped it
        raise OperationalError("database is locked")

    run = stage_import("staff", _import_file(2), "ds.xlsx", user=office_user)
    monkeypatch.setattr(imports, "run_import", locked)
    job = start_job("import", office_user, import_kind="staff", token=run.token, action="confirm")
    assert run_job.call(job.pk) == "failed"
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "Hệ thống bận xử lý công việc của người khác quá lâu nên chưa "
                                       "lưu được dữ liệu nào của tệp này. Vui lòng thực hiện lại sau giây lát.")
    assert (ImportRun.objects.get(pk=run.pk).applied_at, Staff.objects.filter(full_name="Nửa Chừng").exists()) == (None, False)

    monkeypatch.undo()
    again = start_job("import", office_user, import_kind="staff", token=run.token, action="confirm")
    assert run_job.call(again.pk) == "done"
    assert Staff.objects.filter(full_name__startswith="Người Nhập ").count() == 2
    assert Job.objects.get(pk=again.pk).status == JobStatus.DONE

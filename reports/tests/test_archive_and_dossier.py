"""The archive's search and the province dossier package with the province's answer."""
import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from awards.forwarding import PROVINCE_DECISION_KIND
from awards.models import AwardRecord, DossierFile, Nomination
from awards.tests.factories import NominationFactory, award
from campaigns.tests.factories import PlanFactory
from emulation.documents import issue_document
from emulation.documents.models import IssuedDocument
from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import run_job
from emulation.models import Agency, Role
from emulation.tests.factories import UnitFactory
from emulation.workflow import timeline_of
from reports.dossier import IMMEDIATE_DOSSIER_ITEMS
from reports import dossier
from awards import documents
from reports.archive import ArchiveSearchForm, kind_label
from reports.workflow import SUMMARY_DOCUMENT_KIND

TEMPLATE = "reports/demo_attachment.html"


def _issue(subject, kind, title, signer, number, units=(), day=date(2025, 3, 1)):
    return issue_document(subject, kind, TEMPLATE, {"nomination": {"nominee_name": title, "award_type": {"name": ""}}},
                          number=number, symbol="QĐ-STNMT", issue_date=day, title=title, signer_name=signer, units=units)


@pytest.fixture
def archived(org):
    plan = PlanFactory()
    other = PlanFactory()
    return {
        "plan": _issue(plan, "plan", "Phát động thi đua năm 2025", "Nguyễn Đức Trung", 5),
        "land": _issue(org.land, "award_decision", "Về việc tặng Giấy khen Phòng Quản lý đất đai", "Trần Văn Phước", 7,
                       units=[org.land], day=date(2025, 6, 1)),
        "env": _issue(other, "award_decision", "Về việc tặng Giấy khen Chi cục Bảo vệ môi trường", "Trần Văn Phước", 8,
                      units=[org.env], day=date(2025, 9, 1)),
    }


def test_archive_search_matches_summary_and_signer_without_diacritics(office_client, archived):
    response = office_client.get("/reports/archive/", {"q": "giay khen quan ly dat dai"})
    assert [row[0] for row in response.context["rows"]] == [archived["land"]]
    response = office_client.get("/reports/archive/", {"signer": "tran van phuoc", "date_from": "01/08/2025"})
    assert [row[0] for row in response.context["rows"]] == [archived["env"]]
    response = office_client.get("/reports/archive/", {"number": "05/QĐ", "kind": "plan"})
    assert [row[0] for row in response.context["rows"]] == [archived["plan"]]
    assert archived["plan"].sha256 in response.content.decode()


def test_unit_head_finds_the_plans_and_their_units_documents_only(land_head_client, archived):
    response = land_head_client.get("/reports/archive/")
    assert [row[0] for row in response.context["rows"]] == [archived["land"], archived["plan"]]
    for name, status in (("plan", 200), ("land", 200), ("env", 404)):
        response = land_head_client.get(f"/reports/archive/{archived[name].pk}/download/")
        assert response.status_code == status, name
    assert response.content != bytes(archived["env"].pdf)


def test_another_units_head_finds_neither_the_unit_nor_its_sub_units_documents(client, env_head, org, archived):
    team = _issue(PlanFactory(), "award_decision", "Về việc tặng Giấy khen Tổ Đăng ký", "A", 9, units=[org.land_team])
    client.force_login(env_head)
    response = client.get("/reports/archive/")
    assert [row[0] for row in response.context["rows"]] == [archived["env"], archived["plan"]]
    for document in (archived["land"], team):
        assert client.get(f"/reports/archive/{document.pk}/download/").status_code == 404


def test_another_agencys_office_director_and_unit_head_find_and_download_nothing(client, make_user, archived):
    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    unit = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=health)
    own = _issue(unit, "award_decision", "Về việc tặng Giấy khen Sở Y tế", "Hồ Văn Y", 3, units=[unit])
    assert own.agency_id == health.pk
    for user in (make_user(Role.OFFICE, agency=health), make_user(Role.DIRECTOR, agency=health),
                 make_user(Role.UNIT_HEAD, unit=unit)):
        client.force_login(user)
        response = client.get("/reports/archive/")
        assert [row[0] for row in response.context["rows"]] == [own], user.role
        for document in archived.values():
            assert client.get(f"/reports/archive/{document.pk}/download/").status_code == 404, (user.role, document)


def test_archive_is_refused_to_staff_and_council(client, make_user, archived):
    client.force_login(make_user())
    assert client.get("/reports/archive/").status_code == 403
    assert client.get(f"/reports/archive/{archived['plan'].pk}/download/").status_code == 403


def test_download_serves_the_exact_bytes_whose_checksum_is_shown(office_client, archived):
    document = archived["land"]
    response = office_client.get(f"/reports/archive/{document.pk}/download/")
    assert hashlib.sha256(response.content).hexdigest() == document.sha256 == response["X-Checksum-SHA256"]
    assert bytes(IssuedDocument.objects.get(pk=document.pk).pdf) == response.content


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("role", [Role.OFFICE, Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.ADMIN, Role.UNIT_HEAD])
def test_each_roles_archive_list_costs_the_same_queries_for_one_and_three_rows(
        client, make_user, org, django_assert_num_queries, role, rows):
    client.force_login(make_user(role, unit=org.land if role == Role.UNIT_HEAD else None))
    # A plan (every unit's), decisions about the head's unit and its sub-unit, one about another unit.
    plan = _issue(PlanFactory(), "plan", "Kế hoạch thi đua", "A", 1, day=date(2025, 1, 2))
    about = [_issue(PlanFactory(), "award_decision", f"Giấy khen {n}", "B", 10 + n, day=date(2025, 3, 1 + n),
                    units=[org.land_team if n % 2 else org.land]) for n in range(rows - 1)]
    other = _issue(PlanFactory(), "award_decision", "Giấy khen Chi cục", "C", 90, day=date(2025, 2, 1), units=[org.env])
    expected = [*reversed(about), plan] if role == Role.UNIT_HEAD else [*reversed(about), other, plan]
    # Session, login, count, rows; a unit head's unit (its path) besides.
    with django_assert_num_queries(5 if role == Role.UNIT_HEAD else 4):
        response = client.get("/reports/archive/")
    assert [row[0] for row in response.context["rows"]] == expected
    assert len(expected) == rows + (role != Role.UNIT_HEAD)


def test_the_archive_list_never_reads_a_pdf(client, make_user, org, archived):
    for user in (make_user(Role.OFFICE), make_user(Role.UNIT_HEAD, unit=org.land)):
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/reports/archive/", {"q": "giay khen"})
        assert response.context["rows"] and archived["land"].sha256 in response.content.decode()
        sql = " ".join(query["sql"] for query in captured.captured_queries)
        assert "documents_issueddocumentfile" not in sql and '"pdf"' not in sql


def test_a_download_reads_the_bytes_in_the_same_query_as_the_document(office_client, archived,
                                                                       django_assert_num_queries):
    with django_assert_num_queries(3):
        response = office_client.get(f"/reports/archive/{archived['land'].pk}/download/")
    assert response.content == bytes(archived["land"].pdf) and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("rows", [1, 3])
def test_archive_sorts_by_number_keeping_the_filters(office_client, org, django_assert_num_queries, rows):
    documents = [_issue(PlanFactory(), "plan", f"Kế hoạch {number}", "A", number + 1, day=date(2025, 3, 3 - number))
                 for number in range(rows)]
    _issue(org.land, "award_decision", "Về việc tặng Giấy khen", "B", 90, units=[org.land])
    with django_assert_num_queries(4):
        response = office_client.get("/reports/archive/", {"kind": "plan", "sort": "-number"})
    assert [row[0] for row in response.context["rows"]] == list(reversed(documents))
    with django_assert_num_queries(4):
        response = office_client.get("/reports/archive/", {"kind": "plan", "sort": "date"})
    assert [row[0] for row in response.context["rows"]] == list(reversed(documents))
    page = response.content.decode()
    # The sorted column's header turns the order round; every header keeps the filter.
    assert 'href="?kind=plan&amp;sort=-date" data-sort="date" aria-current="true"' in page
    assert 'href="?kind=plan&amp;sort=number" data-sort="number"' in page


@pytest.fixture
def forwarded(org, staff_in, office_user):
    nomination = NominationFactory(staff=staff_in(org.land, full_name="Đặng Đình Khoa"), award_type=award("CSTDT"))
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.FORWARDED)
    upload = DossierFile(nomination=nomination, name="Quyết định công nhận sáng kiến.pdf", uploaded_by=office_user)
    upload.file.save("x.pdf", ContentFile(b"%PDF-1.4 sang kien"), save=True)
    nomination.refresh_from_db()
    return nomination


def test_dossier_package_lists_and_holds_every_document(office_client, forwarded):
    response = office_client.post(f"/reports/province/{forwarded.round_id}/package.zip")
    assert (response["Content-Type"], response.streaming) == ("application/zip", True)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert names == ["00-MUC-LUC.txt", "01-to-trinh-va-danh-sach.pdf", "03-ho-so/01-dang-dinh-khoa/bao-cao-thanh-tich.pdf",
                     "03-ho-so/01-dang-dinh-khoa/01-quyet-dinh-cong-nhan-sang-kien.pdf"]
    contents = archive.read("00-MUC-LUC.txt").decode()
    assert "Báo cáo thành tích: Đặng Đình Khoa" in contents and "Tệp đính kèm: Quyết định công nhận sáng kiến.pdf" in contents
    assert archive.read(names[1]).startswith(b"%PDF") and archive.read(names[3]) == b"%PDF-1.4 sang kien"
    assert [entry.action for entry in timeline_of(forwarded)] == ["send_dossier"]


def test_dossier_package_is_refused_to_a_unit_head(land_head_client, forwarded):
    assert land_head_client.post(f"/reports/province/{forwarded.round_id}/package.zip").status_code == 403
    assert land_head_client.get(f"/reports/province/{forwarded.round_id}/").status_code == 403


def test_province_answer_creates_award_records(office_client, forwarded):
    response = office_client.post(f"/reports/province/{forwarded.round_id}/", {
        "decision_number": "245/QĐ-UBND", "decision_date": "20/01/2026", "authority": "", "awarded": [forwarded.pk],
    })
    assert response.status_code == 302
    record = AwardRecord.objects.get(nomination=forwarded)
    assert (record.decision_number, record.decision_date, record.source) == ("245/QĐ-UBND", date(2026, 1, 20), "province")
    forwarded.refresh_from_db()
    assert forwarded.status == Nomination.Status.DECIDED


# A large dossier package is built by the background worker ---------------------------------------------


def _package(client, nomination):
    return client.post(f"/reports/province/{nomination.round_id}/package.zip")


def test_a_small_package_is_built_in_the_request_without_a_job(office_client, forwarded):
    page = office_client.get(f"/reports/province/{forwarded.round_id}/").content.decode()
    response = _package(office_client, forwarded)

    assert IMMEDIATE_DOSSIER_ITEMS == 8  # one nominee and one uploaded file stay well under it
    assert "Bộ hồ sơ được lập ngay khi bấm" in page
    assert response["Content-Type"] == "application/zip" and not Job.objects.exists()


@pytest.fixture
def large(monkeypatch):
    """Every package counts as large (instead of nine nominees and files)."""
    monkeypatch.setattr(dossier, "IMMEDIATE_DOSSIER_ITEMS", 1)


def test_a_large_package_is_queued_and_the_page_follows_it(large, office_client, forwarded):
    page = office_client.get(f"/reports/province/{forwarded.round_id}/").content.decode()
    response = _package(office_client, forwarded)

    job = Job.objects.get()
    assert "Bộ hồ sơ lớn: được lập ở chế độ chạy nền" in page and "Lập bộ hồ sơ" in page
    assert (job.kind, job.status, job.params) == ("dossier-package", JobStatus.QUEUED, {"round": forwarded.round_id})
    assert response["Location"] == f"/reports/province/{forwarded.round_id}/?job={job.pk}#job"
    followed = office_client.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in followed and 'hx-trigger="every 2s"' in followed
    assert timeline_of(forwarded).count() == 0  # nothing sent yet


def test_the_worker_builds_the_large_package_with_progress_and_records_it_on_the_timeline(
        large, office_client, forwarded, monkeypatch):
    steps = []
    real = documents.achievements_file

    def watched(nomination):
        steps.append(Job.objects.values_list("status", "step").get())
        return real(nomination)

    monkeypatch.setattr(documents, "achievements_file", watched)
    _package(office_client, forwarded)
    job = Job.objects.get()

    assert run_job.call(job.pk) == "done"

    job.refresh_from_db()
    assert steps == [(JobStatus.RUNNING, "Hồ sơ 1/1: Đặng Đình Khoa")]
    assert (job.filename, job.content_type) == (f"ho-so-de-nghi-khen-thuong-{forwarded.round.year}-{forwarded.round_id}.zip",
                                                "application/zip")
    download = office_client.get(f"/jobs/{job.pk}/download/")
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert names[0] == "00-MUC-LUC.txt" and "03-ho-so/01-dang-dinh-khoa/01-quyet-dinh-cong-nhan-sang-kien.pdf" in names
    [entry] = timeline_of(forwarded)
    assert (entry.action, entry.data["job"], entry.data["files"]) == ("send_dossier", job.pk, len(names) - 1)


def test_uploads_over_the_byte_limit_make_the_package_large(office_client, forwarded, monkeypatch):
    monkeypatch.setattr(dossier, "IMMEDIATE_DOSSIER_BYTES", 10)  # the upload is 18 bytes

    _package(office_client, forwarded)

    assert Job.objects.get().kind == "dossier-package"


def test_a_package_job_whose_nominations_were_answered_meanwhile_fails_with_a_message(large, office_client, forwarded):
    _package(office_client, forwarded)
    Nomination.objects.filter(pk=forwarded.pk).update(status=Nomination.Status.DECIDED)
    job = Job.objects.get()

    run_job.call(job.pk)

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "Đợt này không có đề nghị nào đang chờ cấp trên quyết định.")


def test_a_unit_head_cannot_start_a_package_job(large, land_head_client, forwarded):
    assert _package(land_head_client, forwarded).status_code == 403
    assert not Job.objects.exists()


def test_another_office_user_cannot_download_the_package_built_for_a_colleague(large, office_client, client, make_user,
                                                                             forwarded):
    _package(office_client, forwarded)
    job = Job.objects.get()
    run_job.call(job.pk)
    client.force_login(make_user(Role.OFFICE))

    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    assert client.get(f"/reports/province/{forwarded.round_id}/?job={job.pk}").context["job"] is None


def test_a_typed_number_matches_that_number_exactly_not_every_number_containing_it(office_client, org):
    fifth = _issue(PlanFactory(), "plan", "Kế hoạch A", "A", 5)
    _issue(PlanFactory(), "plan", "Kế hoạch B", "A", 15)
    _issue(PlanFactory(), "plan", "Kế hoạch C", "A", 50)

    for typed in ("5", "05", "05/QĐ-STNMT", "5 / qd"):
        response = office_client.get("/reports/archive/", {"number": typed})
        assert [row[0] for row in response.context["rows"]] == [fifth], typed
    response = office_client.get("/reports/archive/", {"number": "05/KH"})
    assert list(response.context["rows"]) == []


def test_the_folded_search_columns_have_trigram_indexes_on_postgresql_and_a_covering_one_on_sqlite_and_the_scope_its_own(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'documents_issueddocument'")
            found = {name: definition for name, definition in cursor.fetchall() if name.endswith("_trgm")}
            assert sorted(found) == ["issued_document_search_trgm", "issued_document_signer_trgm"]
            assert all("gin" in definition and "gin_trgm_ops" in definition for definition in found.values())
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'documents_issueddocument'")
            assert {"issued_document_agency_number", "issued_document_scope"} <= {row[0] for row in cursor.fetchall()}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents_issueddocument'")
            names = {row[0] for row in cursor.fetchall()}
            assert {"issued_document_agency_number", "issued_document_scope", "issued_document_search_cover"} <= names
            assert not {n for n in names if n.endswith("_trgm")}
            # Led by the agency and the date: every search is within one agency (and often a few years), and
            # then counts its matches in this index.
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'issued_document_search_cover'")
            assert "(agency_id, issue_date, kind, signer_search, search_text)" in cursor.fetchone()[0]


# A package above DOSSIER_MAX_MB is refused --------------------------------------------------------------

TOO_LARGE = ("Bộ hồ sơ sẽ lớn hơn mức 1 MB cho phép. Hãy gửi riêng các tệp đính kèm lớn nhất cho cấp trên, "
             "hoặc đề nghị quản trị viên nâng mức giới hạn.")


def test_a_package_whose_uploads_pass_the_limit_is_refused_with_a_message_and_nothing_recorded(
        office_client, forwarded, settings, monkeypatch):
    settings.DOSSIER_MAX_MB = 1
    upload = DossierFile(nomination=forwarded, name="Ảnh chụp công trình.jpg", uploaded_by=forwarded.files.get().uploaded_by)
    upload.file.save("anh.jpg", ContentFile(b"\xff" * (1024 * 1024)), save=True)
    rendered = []
    monkeypatch.setattr(documents, "achievements_file", lambda nomination: rendered.append(nomination) or b"%PDF")

    page = office_client.get(f"/reports/province/{forwarded.round_id}/").content.decode()
    response = _package(office_client, forwarded)

    # The page says so before anyone clicks, and offers no button; a POST all the same is refused.
    assert TOO_LARGE in page and 'data-action="package"' not in page

    assert response["Location"] == f"/reports/province/{forwarded.round_id}/"
    assert TOO_LARGE in office_client.get(response["Location"]).content.decode()
    assert (rendered, timeline_of(forwarded).count()) == ([], 0)  # refused before rendering anything


def test_a_package_that_grows_past_the_limit_while_packing_is_refused(office_client, forwarded, settings, monkeypatch):
    settings.DOSSIER_MAX_MB = 1
    # The 18-byte upload is far below; the generated PDFs take the .zip past a limit of 2 KB.
    monkeypatch.setattr(dossier, "max_package_bytes", lambda: 2048)

    response = _package(office_client, forwarded)

    assert TOO_LARGE in office_client.get(response["Location"]).content.decode()
    assert timeline_of(forwarded).count() == 0


def test_a_package_job_over_the_limit_fails_with_the_message(large, office_client, forwarded, settings, monkeypatch):
    settings.DOSSIER_MAX_MB = 1
    monkeypatch.setattr(dossier, "max_package_bytes", lambda: 2048)
    _package(office_client, forwarded)
    job = Job.objects.get()

    run_job.call(job.pk)

    job.refresh_from_db()
    assert (job.status, job.error, timeline_of(forwarded).count()) == (JobStatus.FAILED, TOO_LARGE, 0)


def test_summary_reports_and_province_decisions_are_kinds_of_their_own_in_the_archive():
    with translation.override("vi"):
        choices = {key: str(label) for key, label in ArchiveSearchForm().fields["kind"].choices}
        assert choices[SUMMARY_DOCUMENT_KIND] == str(kind_label(SUMMARY_DOCUMENT_KIND)) == "Báo cáo sơ kết, tổng kết"
        assert choices[PROVINCE_DECISION_KIND] == "Quyết định khen thưởng của tỉnh"
        assert ArchiveSearchForm({"kind": SUMMARY_DOCUMENT_KIND}).is_valid()

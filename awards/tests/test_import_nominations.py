"""The list of proposed awardees a unit sends (danh sách đề nghị khen thưởng), imported into a round."""
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import DossierFile, Nomination, Outsider
from awards.tests.factories import NominationFactory, RoundFactory, award
from awards.workflow import NOMINATION_WORKFLOW
from emulation.models import Role
from emulation.tests.spreadsheets import office_xlsx
import tablib
from awards.resources import NominationResource
from emulation.imports import run_import
from emulation.permissions import agency_id_of, managed_units
from emulation.jobs.models import Job
from awards.models import AwardRound
from emulation.jobs.runner import run_job
from awards.tests.factories import RecordFactory

TITLE = "DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG"
HEADERS = ["Họ và tên", "Giới tính", "Ngày, tháng,\nnăm sinh", "Chức vụ", "Tên đơn vị/tập thể\ncông tác",
           "Hình thức / danh hiệu\nđề nghị"]
AWARDS_SHEET = [["LĐTT", "Lao động tiên tiến"], ["CSTĐCS", "Chiến sĩ thi đua cơ sở"], ["TTLĐTT", "Tập thể lao động tiên tiến"]]


def line(name, born, unit, award, gender="Nam", position="Chuyên viên"):
    return [name, gender, born, position, unit, award]


def url(round_):
    return reverse("import_data", args=["nominations"]) + f"?round={round_.pk}"


def preview(client, round_, upload):
    return client.post(url(round_), {"file": upload})


def confirm(client, round_, response):
    return client.post(url(round_), {"confirm": "1", "token": response.context["token"]})


@pytest.fixture
def people(org, staff_in):
    return {
        "tam": staff_in(org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12)),
        "hoa": staff_in(org.land_team, full_name="Trần Thị Hoa", date_of_birth=date(1990, 7, 1), gender="female"),
        "env": staff_in(org.env, full_name="Phạm Văn Môi", date_of_birth=date(1979, 1, 2)),
    }


@pytest.mark.django_db
def test_unit_head_imports_the_office_layout_list_as_drafts_with_eligibility_and_the_file_on_the_timeline(
        land_head_client, land_head, org, people):
    round_ = RoundFactory()
    upload = office_xlsx(TITLE, HEADERS, [
        line("Lê Văn Tám", "12/03/1985", "Phòng Quản lý đất đai", "LĐTT"),
        line("Tran Thi Hoa", "01/07/1990", "QLDD", None, gender="Nữ"),
        line("Phòng Quản lý đất đai", None, None, "Tập thể lao động tiên tiến", gender=None, position=None),
    ], code_list=AWARDS_SHEET, formulas={(1, 5): ("=VLOOKUP(\"CSTĐCS\",DANHMUC!A:B,2,0)", "Chiến sĩ thi đua cơ sở")},
        sections={0: "I. CÁ NHÂN", 2: "II. TẬP THỂ"}, name="ds-de-nghi-qldd.xlsx")
    response = preview(land_head_client, round_, upload)
    report = response.context["report"]
    assert report.errors == []
    assert {c.header: c.target for c in report.columns if c.header}["Hình thức / danh hiệu đề nghị"] == "Danh hiệu, hình thức"
    assert [(row, note["label"]) for row, _, _, note in report.preview] == [
        (6, "Chưa đủ điều kiện"), (7, "Chưa đủ điều kiện"), (9, "Chưa đủ điều kiện")]
    assert "Điều kiện" in response.content.decode()
    assert Nomination.objects.count() == 0
    done = confirm(land_head_client, round_, response)
    assert done.status_code == 302
    nominations = Nomination.objects.order_by("pk")
    assert [(n.nominee_name, n.award_type.code, n.status, n.unit.code, n.created_by) for n in nominations] == [
        ("Lê Văn Tám", "LDTT", "draft", "QLDD", land_head),
        ("Trần Thị Hoa", "CSTDCS", "draft", "QLDD-1", land_head),
        ("Phòng Quản lý đất đai", "TTLDTT", "draft", "QLDD", land_head),
    ]
    first = nominations[0]
    entry = NOMINATION_WORKFLOW.timeline(first)[-1]
    assert (entry.action, entry.label, entry.data["file"], entry.data["row"]) == (
        "import", "Tạo từ danh sách nhập từ tệp", "ds-de-nghi-qldd.xlsx", 6)
    files = DossierFile.objects.filter(nomination__in=nominations)
    assert [f.name for f in files] == ["ds-de-nghi-qldd.xlsx"] * 3
    assert files[0].file.read()[:2] == b"PK"
    detail = land_head_client.get(reverse("awards:nomination_detail", args=[first.pk])).content.decode()
    assert "Tạo từ danh sách nhập từ tệp" in detail and "ds-de-nghi-qldd.xlsx" in detail


@pytest.mark.django_db
def test_unit_head_cannot_nominate_people_or_units_of_another_unit(land_head_client, org, people):
    round_ = RoundFactory()
    upload = office_xlsx(TITLE, HEADERS, [
        line("Lê Văn Tám", "12/03/1985", "QLDD", "LĐTT"),
        line("Phạm Văn Môi", "02/01/1979", "QLDD", "LĐTT"),
        line("Phạm Văn Môi", "02/01/1979", "Chi cục Bảo vệ môi trường", "LĐTT"),
        line("Chi cục Bảo vệ môi trường", None, None, "TTLĐTT", gender=None),
    ])
    response = preview(land_head_client, round_, upload)
    errors = [(e.row, e.column, e.message) for e in response.context["report"].errors]
    assert errors == [
        (6, "Họ và tên", "Không có ai tên “Phạm Văn Môi”, sinh ngày 02/01/1979, công tác tại Phòng Quản lý đất đai."),
        (7, "Tên đơn vị/tập thể công tác", "Bạn không được đề nghị khen thưởng cho người của đơn vị này."),
        (8, "Tên đơn vị/tập thể công tác", "Bạn không được đề nghị khen thưởng cho đơn vị này."),
    ]
    assert "token" not in response.context
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_office_imports_a_list_for_any_unit(office_client, org, people):
    round_ = RoundFactory()
    response = preview(office_client, round_, office_xlsx(TITLE, HEADERS, [line("Phạm Văn Môi", "02/01/1979", "MT", "LĐTT")]))
    assert response.context["report"].errors == []
    confirm(office_client, round_, response)
    assert [(n.staff, n.unit) for n in Nomination.objects.all()] == [(people["env"], org.env)]


@pytest.mark.django_db
def test_ambiguous_and_unknown_people_are_listed_never_guessed(land_head_client, org, people, staff_in):
    staff_in(org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12))  # a namesake born the same day
    round_ = RoundFactory()
    upload = office_xlsx(TITLE, HEADERS, [
        line("Lê Văn Tám", "12/03/1985", "QLDD", "LĐTT"),
        line("Trần Thị Hoa", "01/07/1990", "QLDD", "LĐTT"),
        line("Người Không Có", "01/01/1990", "QLDD", "LĐTT"),
        line("Trần Thị Hoa", "01/07/1990", "QLDD", "Danh hiệu lạ"),
    ])
    errors = [(e.row, e.letter, e.message) for e in preview(land_head_client, round_, upload).context["report"].errors]
    assert errors[0][:2] == (5, "B")
    assert errors[0][2].startswith("Có nhiều người khớp với “Lê Văn Tám” tại Phòng Quản lý đất đai")
    assert errors[1:] == [
        (7, "B", "Không có ai tên “Người Không Có”, sinh ngày 01/01/1990, công tác tại Phòng Quản lý đất đai."),
        (8, "G", "Không có danh hiệu, hình thức “Danh hiệu lạ” trong danh mục."),
    ]
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_a_person_already_proposed_this_year_or_twice_in_the_file_is_refused_whole(land_head_client, org, people):
    round_ = RoundFactory()
    NominationFactory(round=RoundFactory(name="Đợt chuyên đề"), staff=people["hoa"])  # CSTĐCS, same year
    upload = office_xlsx(TITLE, HEADERS, [
        line("Lê Văn Tám", "12/03/1985", "QLDD", "LĐTT"),
        line("Lê Văn Tám", "12/03/1985", "QLDD", "Lao động tiên tiến"),
        line("Trần Thị Hoa", "01/07/1990", "QLDD", "CSTĐCS"),
    ])
    errors = [(e.row, e.message) for e in preview(land_head_client, round_, upload).context["report"].errors]
    assert errors == [
        (6, "Đã được đề nghị danh hiệu, hình thức này ở dòng 5 của tệp."),
        (7, "Đã được đề nghị danh hiệu, hình thức này trong năm 2025 (đợt “Đợt chuyên đề”)."),
    ]
    assert Nomination.objects.count() == 1


@pytest.mark.django_db
def test_round_trip_office_layout_export_imported_back_changes_nothing(land_head_client, org, people):
    round_ = RoundFactory()
    NominationFactory(round=round_, staff=people["tam"])
    NominationFactory(round=round_, staff=None, nominee_unit=org.land, award_type=award("TTLDTT"))
    exported = land_head_client.get(reverse("awards:nomination_export", args=[round_.pk]) + "?layout=office")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet["A1"].value == "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    assert [c.value for c in sheet[3]][:3] == ["STT", "Họ và tên", "Giới tính"]
    assert [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)] == [1, 2]
    response = preview(land_head_client, round_, SimpleUploadedFile("khu-hoi.xlsx", exported.content))
    report = response.context["report"]
    assert (report.errors, report.new, report.unchanged) == ([], 0, 2)
    confirm(land_head_client, round_, response)
    assert Nomination.objects.count() == 2


@pytest.mark.django_db
def test_nomination_import_refuses_staff_anonymous_and_closed_rounds(client, make_user, land_head, org):
    round_ = RoundFactory()
    assert client.get(url(round_)).status_code == 302
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(url(round_)).status_code == 403
    client.force_login(land_head)
    closed = RoundFactory(is_open=False)
    assert client.get(url(closed)).status_code == 404
    assert client.get(reverse("import_data", args=["nominations"])).status_code == 404
    page = client.get(url(round_))
    assert page.status_code == 200 and round_.name in page.content.decode()


@pytest.mark.django_db
def test_nomination_export_shows_only_the_nominations_the_user_may_see(client, env_head, org, people):
    round_ = RoundFactory()
    NominationFactory(round=round_, staff=people["tam"])
    NominationFactory(round=round_, staff=people["env"])
    client.force_login(env_head)
    sheet = load_workbook(io.BytesIO(client.get(reverse("awards:nomination_export", args=[round_.pk])).content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Phạm Văn Môi"]
    client.logout()
    assert client.get(reverse("awards:nomination_export", args=[round_.pk])).status_code == 302


@pytest.mark.django_db
def test_unit_award_history_in_office_layout_lists_only_that_units_awards(office_client, org, people):
    RecordFactory(staff=people["tam"], holder_unit=org.land, year=2023)
    RecordFactory(staff=people["env"], holder_unit=org.env, year=2023)
    page = office_client.get(reverse("awards:unit_history", args=[org.land.pk])).content.decode()
    assert f"?unit={org.land.pk}&amp;layout=office" in page
    response = office_client.get(reverse("awards:lookup_export") + f"?unit={org.land.pk}&layout=office")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert (sheet["A1"].value, sheet["A2"].value) == ("QUÁ TRÌNH KHEN THƯỞNG", "Phòng Quản lý đất đai")
    assert [(r[0], r[1]) for r in sheet.iter_rows(min_row=4, values_only=True)] == [(1, "Lê Văn Tám")]


def _many(staff_in, org, count, offset=0):
    """`count` rows of people of the land division, each born on another day."""
    rows = []
    for n in range(offset, offset + count):
        born = date(1980, 1, 1 + n % 28).replace(year=1980 + n // 28)
        staff_in(org.land, full_name=f"Người Đề Nghị {n}", date_of_birth=born)
        rows.append(line(f"Người Đề Nghị {n}", born.strftime("%d/%m/%Y"), "QLDD", "LĐTT"))
    return rows


@pytest.mark.django_db
def test_a_nominations_preview_costs_the_same_queries_for_one_row_as_for_twenty(
        org, land_head, staff_in, django_assert_max_num_queries):
    """Issue 25, item 10: the preview judged eligibility row by row (~10 queries a row)."""


    round_ = RoundFactory()
    headers = ["Họ và tên", "Ngày sinh", "Mã đơn vị", "Danh hiệu, hình thức"]

    def check(rows):
        resource = NominationResource(allowed_units=managed_units(land_head), agency_id=agency_id_of(land_head),
                                      round=round_)
        dataset = tablib.Dataset(*[[r[0], r[2], r[4], r[5]] for r in rows], headers=headers)
        return run_import(resource, dataset, dry_run=True, user=land_head)

    check(_many(staff_in, org, 1, 900))  # caches (content types, the catalogue) filled
    one, twenty = _many(staff_in, org, 1), _many(staff_in, org, 20, 100)
    with django_assert_max_num_queries(QUERIES_OF_A_PREVIEW):
        report = check(one)
    assert (report.errors, report.new, len(report.preview)) == ([], 1, 1)
    with django_assert_max_num_queries(QUERIES_OF_A_PREVIEW):
        report = check(twenty)
    assert (report.errors, report.new, [note["label"] for _r, _k, _v, note in report.preview]) == (
        [], 20, ["Chưa đủ điều kiện"] * 20)
    assert Nomination.objects.count() == 0


QUERIES_OF_A_PREVIEW = 25  # whatever the number of rows (measured: 25 for 1, 20 and 100 rows, the register of outside nominees read once; 35, 510, 2,510 before)


@pytest.mark.django_db
def test_a_large_nominations_list_is_checked_and_imported_in_the_background(
        land_head_client, land_head, org, people, staff_in, settings):

    settings.IMPORT_BACKGROUND_BYTES = 100
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    round_ = RoundFactory()
    response = preview(land_head_client, round_, office_xlsx(TITLE, HEADERS, _many(staff_in, org, 3)))
    job = Job.objects.get()
    assert response["Location"] == f"{url(round_)}&job={job.pk}"
    assert Nomination.objects.count() == 0
    page = land_head_client.get(response["Location"])
    assert (page.context["report"].errors, page.context["report"].new) == ([], 3)
    confirmed = land_head_client.post(url(round_), {"confirm": "1", "token": page.context["token"]})
    done = land_head_client.get(confirmed["Location"])
    assert done.context["imported"] is True
    assert sorted(n.nominee_name for n in Nomination.objects.filter(round=round_)) == [
        "Người Đề Nghị 0", "Người Đề Nghị 1", "Người Đề Nghị 2"]
    assert NOMINATION_WORKFLOW.timeline(Nomination.objects.first())[-1].actor == land_head



@pytest.mark.django_db
def test_a_background_check_of_a_round_closed_meanwhile_fails_with_a_message_and_writes_nothing(
        land_head_client, org, people, staff_in, settings):

    settings.IMPORT_BACKGROUND_BYTES = 100
    round_ = RoundFactory()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run yet
    preview(land_head_client, round_, office_xlsx(TITLE, HEADERS, _many(staff_in, org, 2)))
    AwardRound.objects.filter(pk=round_.pk).update(is_open=False)

    job = Job.objects.get()
    run_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Bạn không còn quyền nhập danh sách này.")
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_a_list_with_outside_nominees_finds_them_in_the_register_and_refuses_a_title_for_them(land_head_client, org, people):
    """Issue 30: an enterprise (by its tax code), a household (by its head's name) and an outside person
    are read from the register; the importer's unit proposes them."""
    company = Outsider.objects.create(kind="enterprise", name="Công ty TNHH Môi trường Xanh", tax_code="4300123456")
    Outsider.objects.create(kind="household", name="Phạm Văn Lộc")
    Outsider.objects.create(kind="person", name="Trần Thị Mai", birth_year=1978)
    round_ = RoundFactory()
    headers = [*HEADERS, "Số định danh cá nhân"]
    rows = [[*line("Công ty Xanh", None, None, "Giấy khen của Giám đốc Sở (tập thể)", gender=None, position=None), "4300123456"],
            [*line("Phạm Văn Lộc", None, None, "Giấy khen của Giám đốc Sở (tập thể)", gender=None, position=None), None],
            [*line("Trần Thị Mai", None, None, "Giấy khen của Giám đốc Sở", gender="Nữ", position=None), None]]
    response = preview(land_head_client, round_, office_xlsx(TITLE, headers, rows, name="ds-ngoai-so.xlsx"))
    assert response.context["report"].errors == []
    confirm(land_head_client, round_, response)
    assert sorted((n.nominee_name, n.award_type.code, n.unit.code) for n in Nomination.objects.all()) == [
        ("Công ty TNHH Môi trường Xanh", "GK_TT", "QLDD"), ("Hộ gia đình ông (bà) Phạm Văn Lộc", "GK_TT", "QLDD"),
        ("Trần Thị Mai", "GK", "QLDD")]
    assert Nomination.objects.get(award_type__code="GK_TT", outsider__kind="enterprise").outsider == company
    refused = preview(land_head_client, RoundFactory(), office_xlsx(TITLE, HEADERS, [
        line("Trần Thị Mai", None, None, "Lao động tiên tiến", gender="Nữ", position=None)], name="sai.xlsx"))
    assert "hình thức khen thưởng" in str(refused.context["report"].errors) + str(refused.context["report"].preview)

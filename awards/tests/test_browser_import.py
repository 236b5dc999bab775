"""A unit head imports the list of proposed awardees laid out the office way, in a real Chromium."""
from datetime import date

import pytest
from playwright.sync_api import expect

from awards.catalogue_data import load
from awards.models import AwardType, Nomination, Rule, RuleSet
from awards.tests.factories import RoundFactory
from emulation.models import Role
from emulation.tests.factories import StaffFactory, UserFactory
from emulation.tests.spreadsheets import office_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_head_imports_an_office_layout_list_and_sees_the_draft_nominations(org, page, login, nav, tmp_path):
    load(AwardType, RuleSet, Rule)  # transactional tests flush the catalogue of migration 0002
    UserFactory(username="truongphong", role=Role.UNIT_HEAD, unit=org.land)
    RoundFactory(name="Tổng kết năm 2025")
    StaffFactory(unit=org.land, full_name="Phạm Thị Hồng Nhung", date_of_birth=date(1988, 4, 9))
    StaffFactory(unit=org.land_team, full_name="Lê Văn Sáu", date_of_birth=date(1991, 10, 20))
    upload = office_xlsx(
        "DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG",
        ["Họ và tên", "Giới tính", "Ngày, tháng,\nnăm sinh", "Chức vụ", "Tên đơn vị/tập thể\ncông tác",
         "Hình thức / danh hiệu\nđề nghị"],
        [["Phạm Thị Hồng Nhung", "Nữ", "09/04/1988", "Chuyên viên", "Phòng Quản lý đất đai", "LĐTT"],
         ["Lê Văn Sáu", "Nam", "20/10/1991", "Chuyên viên", "Tổ Đăng ký", "Lao động tiên tiến"]],
        code_list=[["LĐTT", "Lao động tiên tiến"]],
    )
    path = tmp_path / "danh-sach-de-nghi.xlsx"
    path.write_bytes(upload.read())

    login("truongphong")
    nav("Khen thưởng", "Đề nghị khen thưởng")
    page.get_by_role("link", name="Nhập danh sách đề nghị khen thưởng (Excel)").click()
    expect(page.get_by_text("Tổng kết năm 2025")).to_be_visible()
    page.get_by_label("Tệp Excel (.xlsx, .xls) hoặc CSV").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Các cột của tệp (tên cột đọc ở dòng 3")).to_be_visible()
    expect(page.get_by_label("Cột F đọc thành")).to_have_value("Mã đơn vị")
    expect(page.locator(".import-preview")).to_contain_text("Phạm Thị Hồng Nhung")
    expect(page.locator(".import-preview")).to_contain_text("đủ điều kiện")
    page.get_by_role("button", name="Xác nhận nhập dữ liệu").click()
    expect(page.get_by_text("Đã nhập: 2 mới")).to_be_visible()
    expect(page.get_by_role("link", name="Phạm Thị Hồng Nhung")).to_be_visible()
    expect(page.get_by_role("link", name="Lê Văn Sáu")).to_be_visible()
    assert sorted(Nomination.objects.values_list("status", flat=True)) == ["draft", "draft"]
    page.get_by_role("link", name="Lê Văn Sáu").click()
    expect(page.get_by_text("Tạo từ danh sách nhập từ tệp")).to_be_visible()

"""The awards cycle in a real Chromium: nominate, check, vote, approve two at once, decide, look up."""
from datetime import date

import pytest
from playwright.sync_api import expect

from awards.catalogue_data import load
from awards.models import AwardType, CouncilMember, Evaluation, Nomination, Rule, RuleSet
from awards.tests.factories import (
    CouncilMemberFactory, EvaluationFactory, NominationFactory, RoundFactory, award, council_passed,
)
from awards.voting import open_session
from emulation.documents.tests.pdftools import pdf_text
from emulation.models import Role
from emulation.tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(transactional_db):
    """Transactional tests flush the database, the catalogue of migration 0002 with it."""
    load(AwardType, RuleSet, Rule)


def test_nomination_to_decision_and_lookup(catalogue, org, page, login, nav):
    UserFactory(username="truongphong", role=Role.UNIT_HEAD, unit=org.land)
    office = UserFactory(username="vanphong", role=Role.OFFICE)
    UserFactory(username="giamdoc", role=Role.DIRECTOR, first_name="Trung", last_name="Nguyễn Đức")
    round_ = RoundFactory(name="Tổng kết năm 2025")
    person = StaffFactory(unit=org.land, full_name="Phạm Thị Hồng Nhung", employed_since=date(2012, 3, 1))
    EvaluationFactory(staff=person, year=2025, level=Evaluation.Level.GOOD)
    session = open_session(round=round_, held_on=date(2025, 12, 5), present=[CouncilMemberFactory() for _ in range(5)])
    other = council_passed(NominationFactory(round=round_, award_type=award("LDTT"),
                                             staff=StaffFactory(unit=org.land, full_name="Lê Văn Sáu")), office)

    login("truongphong")
    nav("Khen thưởng", "Đề nghị khen thưởng")
    page.get_by_role("link", name="Đề nghị khen thưởng mới").click()
    page.get_by_label("Đợt xét").select_option(label="Tổng kết năm 2025")
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Lao động tiên tiến")
    # A search-as-you-type field (emulation.pickers): typing without diacritics fills the choice.
    page.locator("#id_staff_search").fill("hong nhung")
    expect(page.locator("#id_staff option")).to_have_count(2)
    page.get_by_label("Cá nhân").select_option(label="Phạm Thị Hồng Nhung (Phòng Quản lý đất đai)")
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành tốt nhiệm vụ, tích cực tham gia phong trào thi đua.")
    page.get_by_role("button", name="Lưu và kiểm tra điều kiện").click()
    expect(page.get_by_role("heading", name="Điều kiện, tiêu chuẩn")).to_be_visible()
    expect(page.get_by_text("Đáp ứng đủ các điều kiện.")).to_be_visible()
    page.get_by_role("button", name="Gửi Văn phòng").click()
    expect(page.get_by_text("Đơn vị đã gửi").first).to_be_visible()
    nomination = Nomination.objects.get(staff=person)

    login("vanphong")
    page.goto(f"/awards/nominations/{nomination.pk}/")
    page.get_by_role("button", name="Chuyển Hội đồng").click()
    session.agenda.add(nomination)  # the council voted on paper: the Office types the totals, then closes
    session.present.set(CouncilMember.objects.all())
    page.goto(f"/awards/council/{session.pk}/")
    page.get_by_text("Phiếu giấy về Phạm Thị Hồng Nhung").click()
    for member in session.present.all():
        page.get_by_label(member.full_name, exact=True).check()
    page.get_by_label("Đồng ý", exact=True).fill("6")
    page.get_by_label("Lý do", exact=True).fill("Họp trực tiếp, bỏ phiếu giấy")
    page.get_by_role("button", name="Ghi nhận phiếu giấy").click()
    expect(page.get_by_text("Đã ghi nhận phiếu giấy về Phạm Thị Hồng Nhung.")).to_be_visible()
    page.get_by_role("button", name="Kết thúc biểu quyết và ban hành biên bản").click()
    expect(page.get_by_test_id("agenda-row").filter(has_text="Phạm Thị Hồng Nhung")).to_contain_text("đạt")

    login("giamdoc")
    nav("Khen thưởng", "Đề nghị khen thưởng")
    page.get_by_label("Chọn Phạm Thị Hồng Nhung").check()
    page.get_by_label("Chọn Lê Văn Sáu").check()
    page.get_by_role("button", name="Thực hiện cho các đề nghị đã chọn").click()
    # First what is about to be approved, then the confirmation.
    expect(page.get_by_test_id("bulk-summary")).to_have_text("Phê duyệt: 2 đề nghị")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đã xử lý 2 đề nghị.")).to_be_visible()
    # Each nomination by name, so that one left behind (or a third one approved by mistake) fails here.
    assert dict(Nomination.objects.values_list("staff__full_name", "status")) == {
        "Phạm Thị Hồng Nhung": Nomination.Status.APPROVED, "Lê Văn Sáu": Nomination.Status.APPROVED}

    login("vanphong")
    nav("Khen thưởng", "Quyết định")
    page.get_by_role("link", name="Ban hành quyết định").click()
    page.get_by_label("Ngày ký").fill("20/12/2025")
    page.get_by_label("Người ký").fill("Nguyễn Đức Trung")
    page.get_by_role("button", name="Ban hành quyết định").click()
    expect(page.get_by_text("Đã ban hành quyết định và ghi nhận khen thưởng.")).to_be_visible()
    with page.expect_download() as download:
        page.locator("[data-testid='decision-pdf-download']").click()
    assert download.value.suggested_filename == "01-QĐ-STNMT.pdf"
    with open(download.value.path(), "rb") as pdf:
        text = pdf_text(pdf.read())
    assert "Phạm Thị Hồng Nhung" in text and "Lê Văn Sáu" in text

    nav("Khen thưởng", "Tra cứu khen thưởng")
    page.get_by_label("Họ tên, tên đơn vị").fill("pham thi hong nhung")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Phạm Thị Hồng Nhung").click()
    expect(page.get_by_role("heading", name="Quá trình khen thưởng: Phạm Thị Hồng Nhung")).to_be_visible()
    expect(page.get_by_text("01/QĐ-STNMT")).to_be_visible()
    assert other.pk != nomination.pk

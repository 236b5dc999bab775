"""The council online in a real Chromium: the Office opens a session, three members vote from phone-sized
windows, the Office closes the vote, the Director approves the nomination that passed."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from awards.catalogue_data import load
from awards.models import AwardType, CouncilSession, Evaluation, Nomination, Rule, RuleSet, SealedTally, VoteCast
from awards.tests.factories import CouncilMemberFactory, EvaluationFactory, NominationFactory, RoundFactory, award
from emulation.models import Notification, Role
from emulation.tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
S = Nomination.Status


@pytest.fixture
def catalogue(transactional_db):
    load(AwardType, RuleSet, Rule)


def _phone(browser, live_server, username):
    """A phone-sized window of its own, logged in as `username` through the login page."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    context.set_default_timeout(15000)
    phone = context.new_page()
    phone.goto("/")
    phone.get_by_label("Tên đăng nhập").fill(username)
    phone.get_by_label("Mật khẩu").fill("secret-pass-123")
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url("**/")
    return phone


def _fits_the_screen(phone):
    return phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _nominee(round_, org, name, code):
    person = StaffFactory(unit=org.land, full_name=name, employed_since=date(2012, 3, 1))
    EvaluationFactory(staff=person, year=2025, level=Evaluation.Level.EXCELLENT)
    return NominationFactory(round=round_, staff=person, award_type=award(code), status=S.CHECKED)


def test_three_members_vote_on_their_phones_the_office_closes_and_the_director_approves(
        catalogue, org, page, login, browser, live_server):
    UserFactory(username="vanphong", role=Role.OFFICE)
    UserFactory(username="giamdoc", role=Role.DIRECTOR)
    for number in (1, 2, 3):
        CouncilMemberFactory(full_name=f"Thành viên {number}", valid_from=date(2024, 1, 1),
                             user=UserFactory(username=f"tv{number}", role=Role.COUNCIL))
    CouncilMemberFactory(full_name="Thành viên vắng", valid_from=date(2024, 1, 1))  # four members: quorum 3
    round_ = RoundFactory(name="Tổng kết năm 2025")
    passes = _nominee(round_, org, "Phạm Thị Hồng Nhung", "LDTT")  # show of hands, more than half of 4: 3
    secret = _nominee(round_, org, "Đặng Đình Khoa", "CSTDCS")  # secret ballot, 80 % of 4: 4
    refused = _nominee(round_, org, "Lê Văn Sáu", "LDTT")

    login("vanphong")
    page.goto("/awards/council/")
    page.get_by_role("link", name="Phiên họp Hội đồng mới").click()
    page.get_by_label("Đợt xét").select_option(label="Tổng kết năm 2025")
    page.get_by_label("Ngày họp").fill("05/12/2025")
    page.get_by_label("Địa điểm").fill("Phòng họp trực tuyến")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã mở phiên họp; các thành viên đã được thông báo.")).to_be_visible()
    expect(page.get_by_test_id("quorum")).to_contain_text("0/4 thành viên có mặt, cần 3")
    session = CouncilSession.objects.get()
    assert set(session.agenda.values_list("pk", flat=True)) == {passes.pk, secret.pk, refused.pk}

    choices = {"tv1": ("yes", "yes", "no"), "tv2": ("yes", "yes", "no"), "tv3": ("yes", "no", "yes")}
    for username, (on_passes, on_secret, on_refused) in choices.items():
        phone = _phone(browser, live_server, username)
        assert Notification.objects.filter(recipient__username=username, link=f"/awards/council/{session.pk}/").exists()
        phone.get_by_role("link", name="Biểu quyết tại phiên họp Hội đồng ngày 05/12/2025").click()
        phone.get_by_test_id("attend").click()
        expect(phone.get_by_text(f"Đã điểm danh Thành viên {username[-1]}.")).to_be_visible()
        for name, choice in (("Phạm Thị Hồng Nhung", on_passes), ("Đặng Đình Khoa", on_secret), ("Lê Văn Sáu", on_refused)):
            card = phone.get_by_test_id("ballot-card").filter(has_text=name)
            card.get_by_role("button", name=re.compile("^Đồng ý" if choice == "yes" else "^Không đồng ý")).click()
            # The choice is shown first and recorded only once confirmed (a vote cannot be changed).
            expect(phone.get_by_test_id("chosen")).to_have_text("Đồng ý" if choice == "yes" else "Không đồng ý")
            assert _fits_the_screen(phone)
            phone.get_by_test_id("confirm-vote").click()
            expect(phone.get_by_text(f"Đã ghi nhận biểu quyết của bạn về {name}.")).to_be_visible()
        expect(phone.get_by_test_id("ballot-card").filter(has_text="Đặng Đình Khoa")).to_contain_text("Đã bỏ phiếu (phiếu kín)")
        expect(phone.get_by_test_id("ballot-card").filter(has_text="Lê Văn Sáu")).to_contain_text(
            "Đã biểu quyết: đồng ý" if on_refused == "yes" else "Đã biểu quyết: không đồng ý")
        assert _fits_the_screen(phone)
        phone.context.close()
    assert (VoteCast.objects.count(), SealedTally.objects.count()) == (9, 1)  # the secret choices: one sealed row

    page.goto(f"/awards/council/{session.pk}/")
    expect(page.get_by_test_id("quorum")).to_contain_text("3/4 thành viên có mặt, cần 3")
    page.get_by_role("button", name="Kết thúc biểu quyết và ban hành biên bản").click()
    expect(page.get_by_test_id("closed")).to_be_visible()
    row = page.get_by_test_id("agenda-row").filter(has_text="Phạm Thị Hồng Nhung")
    expect(row).to_contain_text("75 %")
    expect(row).to_contain_text("đạt")
    expect(page.get_by_test_id("agenda-row").filter(has_text="Đặng Đình Khoa")).to_contain_text("không đạt")
    assert dict(Nomination.objects.values_list("staff__full_name", "votes__passed")) == {
        "Phạm Thị Hồng Nhung": True, "Đặng Đình Khoa": False, "Lê Văn Sáu": False}

    login("giamdoc")
    page.goto(f"/awards/nominations/{passes.pk}/")
    expect(page.get_by_test_id("council-result")).to_contain_text("3/4 thành viên đồng ý (75 %), cần 3 (quá nửa tổng số thành viên)")
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.get_by_text("Giám đốc đã duyệt").first).to_be_visible()
    page.goto(f"/awards/nominations/{secret.pk}/")
    expect(page.get_by_test_id("council-result")).to_contain_text("không đạt")
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)
    assert dict(Nomination.objects.values_list("staff__full_name", "status")) == {
        "Phạm Thị Hồng Nhung": S.APPROVED, "Đặng Đình Khoa": S.VOTED, "Lê Văn Sáu": S.VOTED}

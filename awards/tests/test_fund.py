"""The agency's emulation and commendation fund (issue 30 §7): its sources, what each decision committed,
what is left; a warning before a decision that exceeds it; the yearly statement (page, PDF, Excel)."""
import io
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.fund import open_fund, statement
from awards.models import Decision, Exemplar, FundSource, Nomination, RewardFund
from awards.tests.factories import RoundFactory
from awards.tests.test_documents import lines, words
from emulation.documents.wording import amount_in_words
from emulation.models import Agency, Role, TimelineEntry, User

pytestmark = pytest.mark.django_db
S = Nomination.Status


def _fund(year=2025, *amounts):
    fund = open_fund(Agency.objects.primary(), year)
    for amount in amounts:
        FundSource.objects.create(fund=fund, kind="budget", amount=amount, received_on=date(year, 1, 15), reference="QĐ giao dự toán")
    return fund


def _decision(total, signed_on=date(2025, 12, 20), number=1, agency=None):
    round_ = RoundFactory(**({"agency": agency} if agency else {}))
    return Decision.objects.create(round=round_, number=number, symbol="QĐ-STNMT", signed_on=signed_on, signer_name="Giám đốc",
                                   summary=f"Tặng thưởng {number}", reward_total=total)


def _post_decision(client, nominations, **extra):
    return client.post(reverse("awards:decision_create"), {
        "symbol": "QĐ-STNMT", "signed_on": "20/12/2025", "signer_name": "Lê Văn Phó", "signer_authority": "deputy",
        "summary": "Về việc tặng danh hiệu", "nominations": [n.pk for n in nominations], **extra})


def test_the_statement_adds_up_the_sources_and_the_decisions_of_its_agency_and_year():
    fund = _fund(2025, 50_000_000, 10_000_000)
    _decision(4_220_000, number=1)
    _decision(710_000, number=2)
    _decision(9_999_000, signed_on=date(2024, 12, 20), number=3)  # another year
    other = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND", abbreviation="SYT", place="Quảng Ngãi")
    _decision(1_000_000, number=4, agency=other)  # another agency
    result = statement(fund)
    assert (result.received, result.committed, result.balance) == (60_000_000, 4_930_000, 55_070_000)
    assert [d.number for d in result.decisions] == [1, 2]


def test_the_statement_pdf_and_excel_state_the_same_figures(office_client):
    fund = _fund(2025, 60_000_000)
    _decision(4_220_000)
    pdf = office_client.get(reverse("awards:fund_pdf", args=[fund.pk])).content
    text = words(pdf)
    assert "Tình hình trích lập và sử dụng Quỹ thi đua, khen thưởng năm 2025" in text
    assert [line for line in lines(pdf) if line.startswith("Cộng")] == ["Cộng 60.000.000", "Cộng 4.220.000"]
    assert "Số dư Quỹ thi đua, khen thưởng năm 2025: 55.780.000 đồng (Bằng chữ: Năm mươi lăm triệu bảy trăm tám mươi nghìn đồng)" in text
    book = openpyxl.load_workbook(io.BytesIO(office_client.get(reverse("awards:fund_xlsx", args=[fund.pk])).content))
    assert list(book["Tổng hợp"].iter_rows(values_only=True)) == [
        ("Năm", "Tổng nguồn", "Đã quyết định chi", "Còn lại"), (2025, 60_000_000, 4_220_000, 55_780_000)]
    assert list(book["Quyết định"].iter_rows(values_only=True))[1][3] == 4_220_000


def test_a_decision_over_the_fund_is_warned_and_issued_once_the_office_confirms(office_client, money_awardees):
    _fund(2025, 1_000_000)
    response = _post_decision(office_client, money_awardees)
    assert response.status_code == 200 and not Decision.objects.exists()
    page = response.content.decode()
    assert ("Quyết định này chi 4.220.000 đ, nhưng Quỹ thi đua, khen thưởng năm 2025 chỉ còn 1.000.000 đ: vượt "
            "3.220.000 đ.") in page
    response = _post_decision(office_client, money_awardees, confirm_warnings="on")
    assert response.status_code == 302
    assert Decision.objects.get().reward_total == 4_220_000


def test_a_decision_within_the_fund_is_issued_without_a_warning(office_client, money_awardees):
    _fund(2025, 5_000_000)
    assert _post_decision(office_client, money_awardees).status_code == 302


def test_the_office_enters_a_source_and_the_fund_keeps_a_row_of_it(office_client):
    fund = _fund(2025)
    response = office_client.post(reverse("awards:fund_detail", args=[fund.pk]), {
        "kind": "contribution", "amount": "15000000", "received_on": "10/03/2025", "reference": "Thư cảm ơn số 5"})
    assert response.status_code == 302
    assert statement(fund).received == 15_000_000
    entry = TimelineEntry.objects.get(object_id=fund.pk, action="fund_source_added")
    assert entry.data == {"source": "Đóng góp của tổ chức, cá nhân", "amount": "15.000.000", "reference": "Thư cảm ơn số 5"}


def test_a_zero_source_is_refused_and_nothing_is_saved(office_client):
    fund = _fund(2025)
    response = office_client.post(reverse("awards:fund_detail", args=[fund.pk]), {
        "kind": "budget", "amount": "0", "received_on": "10/03/2025"})
    assert response.status_code == 200 and "Hãy nhập số tiền lớn hơn 0." in response.content.decode()
    assert not FundSource.objects.exists()


def test_the_director_reads_the_fund_but_does_not_enter_sources(client, make_user):
    fund = _fund(2025, 1_000_000)
    client.force_login(make_user(Role.DIRECTOR))
    assert "1.000.000" in client.get(reverse("awards:fund_detail", args=[fund.pk])).content.decode()
    assert client.post(reverse("awards:fund_detail", args=[fund.pk]), {"kind": "budget", "amount": "5"}).status_code == 403
    assert client.post(reverse("awards:fund_list"), {"year": "2026"}).status_code == 403
    assert not RewardFund.objects.filter(year=2026).exists()


@pytest.mark.parametrize("rows", [1, 3])
def test_fund_list_queries_do_not_grow_with_rows(office_client, rows, django_assert_num_queries):
    for n in range(rows):
        _fund(2020 + n, 1_000_000, 2_000_000)
        _decision(500_000, signed_on=date(2020 + n, 6, 1), number=n + 1)
    with django_assert_num_queries(5):  # session, user, count, page with the sources' sums, decisions' sums by year
        response = office_client.get(reverse("awards:fund_list"))
    assert [(f.year, f.received, f.committed, f.balance) for f in response.context["page"]] == [
        (2020 + n, 3_000_000, 500_000, 2_500_000) for n in reversed(range(rows))]


def test_an_amount_is_written_out_in_vietnamese_words():
    assert [amount_in_words(n) for n in (710_000, 1_005_000, 21_000, 15_000, 1_000_000_000)] == [
        "Bảy trăm mười nghìn đồng", "Một triệu không trăm linh năm nghìn đồng", "Hai mươi mốt nghìn đồng",
        "Mười lăm nghìn đồng", "Một tỷ đồng"]


def test_the_demo_has_the_fund_of_2025_and_three_exemplary_models_of_the_year(demo_data, client):
    call_command("seed_demo", stdout=io.StringIO())  # a second run adds nothing
    fund = RewardFund.objects.get(year=2025)
    result = statement(fund)
    # 710.000 (LĐTT) + 1.880.000 (TTLĐTT) + 2 × 1.410.000 (the Giấy khen of the demo's enterprise and household)
    assert (result.received, result.committed) == (77_500_000, 5_410_000)
    client.force_login(User.objects.get(username="giamdoc"))
    assert "72.090.000" in client.get(reverse("awards:fund_list")).content.decode()
    # … and three exemplary models of 2025: two accepted, one waiting for the Office
    assert sorted(Exemplar.objects.filter(year=2025).values_list("status", flat=True)) == ["accepted", "accepted", "submitted"]
    page = client.get(reverse("awards:exemplar_list"), {"year": 2025}).content.decode()
    assert "Hộ gia đình ông Đinh Văn Tâm, thôn Làng Mâm, xã Ba Tơ" in page

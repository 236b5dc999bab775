"""The money on the decision (issue 30 §6): each awardee's amount in the annex, the total in the money
article (Điều 2), in the PDF and in the Word twin, fixed when the decision is issued."""
import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from awards.models import BaseSalary, Decision, Nomination
from awards.tests.test_documents import _decide, lines, words

pytestmark = pytest.mark.django_db
S = Nomination.Status
MONEY_ARTICLE = ("Điều 2. Tiền thưởng kèm theo danh hiệu thi đua, hình thức khen thưởng tại Điều 1 theo mức của từng cá "
                 "nhân, tập thể trong danh sách kèm theo, tổng cộng: 4.220.000 đồng (Bằng chữ: Bốn triệu hai trăm hai "
                 "mươi nghìn đồng), được chi từ Quỹ thi đua, khen thưởng của Sở Thử nghiệm năm 2025.")


def test_the_decision_pdf_states_the_money_article_and_each_awardees_amount(office_client, money_awardees):
    decision = _decide(office_client, money_awardees)
    text = words(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    assert MONEY_ARTICLE in text
    assert "Điều 4. Chánh Văn phòng Sở, Kế toán Văn phòng Sở" in text and "Như Điều 4;" in text
    rows = lines(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    assert "STT Họ và tên / Tập thể Chức vụ, đơn vị Số tiền (đồng)" in rows
    assert "1 Trần Thị Bích Chuyên viên, Phòng Quản lý đất đai 2.340.000" in rows
    assert "1 Phòng Quản lý đất đai Phòng Quản lý đất đai 1.880.000" in rows
    assert "Tổng cộng: 4.220.000 đồng" in text


def test_the_word_twin_carries_the_same_article_and_amounts(office_client, money_awardees):
    decision = _decide(office_client, money_awardees)
    document = Document(io.BytesIO(office_client.get(reverse("awards:decision_docx", args=[decision.pk])).content))
    paragraphs = " ".join(" ".join(p.text.split()) for p in document.paragraphs)
    # (the space after a bold “Điều 2.” is the Word converter's, being mended elsewhere: compare after it)
    assert MONEY_ARTICLE.removeprefix("Điều 2. ") in paragraphs
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Số tiền (đồng)" in cells and "2.340.000" in cells and "1.880.000" in cells


def test_the_amounts_are_fixed_when_the_decision_is_issued(office_client, money_awardees):
    decision = _decide(office_client, money_awardees)
    assert decision.reward_total == 4_220_000
    assert [(line["paid"], line["coefficient"]) for line in decision.reward_lines] == [(2_340_000, "1"), (1_880_000, "0.8")]
    assert decision.reward_lines[0]["citation"].startswith("Nghị định 152/2025/NĐ-CP Điều 50")
    BaseSalary.objects.create(valid_from=date(2025, 1, 1), amount=9_000_000, legal_basis="Một mức nhập sai về sau")
    text = words(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    assert "4.220.000 đồng" in text
    page = office_client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert "4.220.000" in page and "2.340.000" in page


def test_a_decision_without_a_base_salary_for_its_date_is_refused_and_nothing_is_saved(office_client, money_awardees):
    BaseSalary.objects.all().delete()
    response = office_client.post(reverse("awards:decision_create"), {
        "symbol": "QĐ-STNMT", "signed_on": "20/12/2025", "signer_name": "Lê Văn Phó", "signer_authority": "deputy",
        "summary": "Về việc tặng danh hiệu", "nominations": [n.pk for n in money_awardees]})
    assert response.status_code == 200
    assert "Chưa có mức lương cơ sở áp dụng cho ngày 20/12/2025" in response.content.decode()
    assert not Decision.objects.exists()
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.APPROVED}

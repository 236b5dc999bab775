"""Every awards document as a clerk signs it: one test per defect of issue 12."""
import io
import re
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from awards import documents
from awards.models import (
    CouncilMember, CouncilSession, Decision, Nomination, NominationVote, Registration, RegistrationLine,
)
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RecordFactory, award
from awards.voting import VotingError, cast_vote, close_session, open_session, record_vote
from emulation.documents import issued_document, render_html
from emulation.documents.tests.pdftools import pdf_text
from emulation.models import Agency, Role
from awards.workflow import act
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db
S = Nomination.Status


def words(data):
    return " ".join(pdf_text(data).split())


def lines(data):
    return [line.strip() for line in pdf_text(data, raw=True).splitlines() if line.strip()]


@pytest.fixture
def person_and_unit(org, staff_in):
    """One nomination for a person and one for a collective, approved, in the same round."""
    person = NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"), status=S.APPROVED)
    unit = NominationFactory(round=person.round, staff=None, nominee_unit=org.land, unit=org.land,
                             award_type=award("TTLDTT"), status=S.APPROVED)
    return person, unit


def _decide(office_client, nominations, authority="deputy", signed_on="20/12/2025"):
    response = office_client.post(reverse("awards:decision_create"), {
        "symbol": "QĐ-STNMT", "signed_on": signed_on, "signer_name": "Lê Văn Phó", "signer_authority": authority,
        "summary": "Về việc tặng danh hiệu thi đua năm 2025", "nominations": [n.pk for n in nominations],
    })
    assert response.status_code == 302, response.context and response.context["form"].errors
    return Decision.objects.get()


# Decision ----------------------------------------------------------------------------------------------------

def test_decision_signed_by_a_deputy_prints_kt_and_title_on_their_own_lines(office_client, person_and_unit):
    decision = _decide(office_client, person_and_unit)
    printed = lines(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    position = printed.index("KT. GIÁM ĐỐC")
    assert printed[position + 1:position + 3] == ["PHÓ GIÁM ĐỐC", "Lê Văn Phó"]


def test_decision_counts_persons_and_units_separately(office_client, person_and_unit):
    decision = _decide(office_client, person_and_unit)
    text = words(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    assert "cho 1 cá nhân và 1 tập thể có tên trong danh sách" in text


def test_decision_cites_the_rule_set_in_force_with_number_and_date_and_the_local_texts(office_client, person_and_unit, settings):
    Agency.objects.filter(pk=Agency.objects.primary().pk).update(
        legal_bases="Quyết định số 99/2024/QĐ-UBND ngày 02 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh ban hành Quy chế thi đua")
    decision = _decide(office_client, person_and_unit)
    text = words(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ" in text
    assert "Căn cứ Quyết định số 99/2024/QĐ-UBND ngày 02 tháng 01 năm 2024" in text
    assert "hiện hành" not in text and "98/2023" not in text


def test_decision_before_july_2025_cites_decree_98(office_client, person_and_unit):
    decision = _decide(office_client, person_and_unit, signed_on="20/06/2025")
    text = words(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    assert "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" in text and "152/2025" not in text


def test_decision_annex_repeats_its_header_row_on_each_page(office_client, org, staff_in):
    round_ = NominationFactory(staff=staff_in(org.land), status=S.APPROVED).round
    for index in range(60):
        NominationFactory(round=round_, staff=staff_in(org.land, full_name=f"Người số {index}"), status=S.APPROVED)
    decision = _decide(office_client, Nomination.objects.all())
    pages = pdf_text(office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content).split("\f")[:-1]
    annex = [page for page in pages if "Người số" in page]
    assert len(annex) >= 2 and all("STT Họ và tên / Tập thể Chức vụ, đơn vị" in " ".join(page.split()) for page in annex)


def test_decision_word_file_has_header_page_field_and_signature(office_client, person_and_unit):
    decision = _decide(office_client, person_and_unit)
    response = office_client.get(reverse("awards:decision_docx", args=[decision.pk]))
    document = Document(io.BytesIO(response.content))

    assert response["Content-Disposition"].startswith("attachment;") and "docx" in response["Content-Disposition"]
    assert [cell.text for cell in document.tables[0].rows[1].cells] == ["Số: 01/QĐ-STNMT", "Quảng Ngãi, ngày 20 tháng 12 năm 2025"]
    assert "PAGE" in document.sections[0].header._element.xml
    signature = [line for line in document.tables[1].rows[0].cells[1].text.split("\n") if line]
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Phó"]
    assert "Trần Thị Bích" in [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_decision_word_file_keeps_the_space_after_each_article_number(office_client, person_and_unit):
    decision = _decide(office_client, person_and_unit)
    document = Document(io.BytesIO(office_client.get(reverse("awards:decision_docx", args=[decision.pk])).content))

    articles = [p.text for p in document.paragraphs if p.text.startswith("Điều ")]
    assert [text[:13] for text in articles] == ["Điều 1. Tặng ", "Điều 2. Tiền ", "Điều 3. Quyết", "Điều 4. Chánh"]


def test_decision_word_file_is_refused_to_a_unit_head(land_head_client):
    assert land_head_client.get(reverse("awards:decision_docx", args=[1])).status_code == 403


def test_issued_decision_is_archived_as_pdf_a_with_a_verification_code(office_client, person_and_unit):
    decision = _decide(office_client, person_and_unit)
    archived = issued_document(decision, documents.DECISION_KIND)
    assert archived.verification_code and archived.number_symbol == "01/QĐ-STNMT"
    assert office_client.get(reverse("awards:decision_pdf", args=[decision.pk])).content == bytes(archived.pdf)


def test_decision_pdf_opens_in_the_browser_and_its_download_button_saves_it(office_client, person_and_unit):
    decision = _decide(office_client, person_and_unit)
    url = reverse("awards:decision_pdf", args=[decision.pk])
    shown, saved = office_client.get(url), office_client.get(url, {"download": "1"})
    assert shown["Content-Disposition"].startswith("inline;") and saved["Content-Disposition"].startswith("attachment;")
    assert shown.content == saved.content == bytes(issued_document(decision, documents.DECISION_KIND).pdf)
    page = office_client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert f'href="{url}" target="_blank"' in page and f'href="{url}?download=1" download' in page
    assert ">Tải về</a>" in page


# Council minutes ------------------------------------------------------------------------------------------------

@pytest.fixture
def session_with_vote(org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"), status=S.CHECKED)
    CouncilMemberFactory(position="chair", full_name="Nguyễn Chủ Tọa")
    CouncilMemberFactory(position="secretary", full_name="Lê Thư Ký")
    [CouncilMemberFactory() for _ in range(7)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination])
    return session, nomination


def _vote(office_client, session, nomination, votes_for=8):
    """The whole council voted on paper: the Office types the totals with the reason."""
    office_client.post(reverse("awards:session_paper", args=[session.pk, nomination.pk]), {
        "members": list(CouncilMember.objects.values_list("pk", flat=True)), "votes_for": votes_for, "votes_against": 1,
        "reason": "Họp trực tiếp, bỏ phiếu giấy"})


def test_minutes_secretary_is_a_centred_signature_on_the_left_with_the_chair_on_the_right(office_client, session_with_vote):
    session, nomination = session_with_vote
    _vote(office_client, session, nomination)
    template, context = documents.minutes_document(session)
    document = Document(io.BytesIO(documents.write((template, context), "docx")))
    left, right = document.tables[-1].rows[0].cells
    assert [line for line in left.text.split("\n") if line] == ["THƯ KÝ", "Lê Thư Ký"]
    assert [line for line in right.text.split("\n") if line] == ["CHỦ TỌA", "Nguyễn Chủ Tọa"]
    assert {paragraph.alignment for paragraph in left.paragraphs if paragraph.text} == {1}  # centred
    html = render_html(template, context)
    assert '<td class="signature">\n      <div class="signer-title">THƯ KÝ</div>' in html


def test_draft_minutes_print_no_number_yet(office_client, session_with_vote):
    session, nomination = session_with_vote
    _vote(office_client, session, nomination)

    printed = lines(documents.write(documents.minutes_document(session)))

    assert "DỰ THẢO" in printed and any(line.startswith("Số: /BB-HĐTĐKT") for line in printed)
    assert not any("01/BB-HĐTĐKT" in line for line in printed)


def test_minutes_agency_name_does_not_leave_one_word_alone(office_client, session_with_vote):
    session, nomination = session_with_vote
    printed = lines(office_client.get(reverse("awards:minutes_pdf", args=[session.pk])).content)
    assert "HỘI ĐỒNG THI ĐUA -" in printed and "KHEN THƯỞNG" in printed and "THƯỞNG" not in printed


def test_long_minutes_keep_the_signatures_with_the_last_lines(office_user, org, staff_in):
    round_ = NominationFactory(staff=staff_in(org.land), status=S.CHECKED).round
    members = [CouncilMemberFactory(position="chair", full_name="Nguyễn Chủ Tọa"),
               CouncilMemberFactory(position="secretary", full_name="Lê Thư Ký")] + [CouncilMemberFactory() for _ in range(7)]
    session = open_session(round=round_, held_on=date(2025, 12, 5), present=members)
    for nomination in list(Nomination.objects.all()) + [
            NominationFactory(round=round_, staff=staff_in(org.land), status=S.CHECKED) for _ in range(55)]:
        record_vote(session, nomination, votes_for=8, actor=office_user)
    pages = pdf_text(documents.minutes_pdf(session)).split("\f")[:-1]
    last = " ".join(pages[-1].split())
    assert len(pages) >= 2 and "Biên bản được lập và thông qua tại cuộc họp." in last and "THƯ KÝ" in last
    assert last.count("Đạt") >= 2  # the last rows of the table come along, not the signatures alone
    assert all("STT Họ và tên / Tập thể Danh hiệu, hình thức" in " ".join(page.split()) for page in pages if "Đạt" in page)


@pytest.mark.parametrize("code", ["CSTDCS", "LDTT"])  # secret ballot, show of hands
def test_minutes_count_the_members_present_who_did_not_vote_under_not_voting(office_user, org, staff_in, code):
    """7 of 9 members present, 5 of them vote (3 for, 2 against), an absent member gives a written opinion
    (for): "Không biểu quyết" is the 2 present who did not vote (issue 24 §7; it printed 0)."""
    nomination = NominationFactory(staff=staff_in(org.land), award_type=award(code), status=S.CHECKED)
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination], present=members[:7])
    for member, agrees in zip(members[:5], [True, True, True, False, False]):
        cast_vote(session, nomination, member, agrees=agrees)
    cast_vote(session, nomination, members[8], agrees=True, method="written")
    close_session(session, office_user)

    vote = NominationVote.objects.get(nomination=nomination)
    assert (vote.votes_for, vote.votes_against, vote.abstentions) == (4, 2, 2)
    html = render_html(*documents.minutes_document(CouncilSession.objects.get(pk=session.pk)))
    row = re.search(r'<tr><td class="number">1</td>.*?</tr>', html).group()
    # Đồng ý, Tỷ lệ (%), Không đồng ý, Không biểu quyết
    assert re.findall(r'<td class="center">([^<]*)</td>', row)[:4] == ["4", "44,4", "2", "2"]


def test_closing_a_session_issues_and_archives_its_minutes(office_client, session_with_vote):
    session, nomination = session_with_vote
    _vote(office_client, session, nomination)

    response = office_client.post(reverse("awards:session_close", args=[session.pk]), follow=True)

    session.refresh_from_db()
    archived = issued_document(session, documents.MINUTES_KIND)
    assert session.is_closed and archived.number_symbol == "01/BB-HĐTĐKT"
    assert "Phiên họp đã kết thúc" in response.content.decode()
    pdf = office_client.get(reverse("awards:minutes_pdf", args=[session.pk])).content
    assert pdf == bytes(archived.pdf) and "DỰ THẢO" not in words(pdf)


def test_closed_session_minutes_do_not_change_and_take_no_more_votes(office_client, office_user, session_with_vote, org, staff_in):
    session, nomination = session_with_vote
    _vote(office_client, session, nomination)
    office_client.post(reverse("awards:session_close", args=[session.pk]))
    before = office_client.get(reverse("awards:minutes_pdf", args=[session.pk])).content
    late = NominationFactory(round=nomination.round, staff=staff_in(org.land, full_name="Người Đến Muộn"), status=S.CHECKED)

    with pytest.raises(VotingError, match="Phiên họp đã kết thúc|closed"):
        record_vote(CouncilSession.objects.get(pk=session.pk), late, votes_for=9, actor=office_user)
    assert office_client.get(reverse("awards:minutes_pdf", args=[session.pk])).content == before


def test_a_session_without_votes_cannot_be_closed(office_client, session_with_vote):
    session, _ = session_with_vote
    office_client.post(reverse("awards:session_close", args=[session.pk]))
    assert CouncilSession.objects.get(pk=session.pk).is_closed is False


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.COUNCIL])
def test_only_the_office_closes_a_session(client, make_user, session_with_vote, role):
    session, _ = session_with_vote
    client.force_login(make_user(role))
    assert client.post(reverse("awards:session_close", args=[session.pk])).status_code == 403
    assert CouncilSession.objects.get(pk=session.pk).is_closed is False


# Tờ trình ---------------------------------------------------------------------------------------------------

@pytest.fixture
def voted(office_client, session_with_vote):
    session, nomination = session_with_vote
    _vote(office_client, session, nomination)
    office_client.post(reverse("awards:session_close", args=[session.pk]))
    nomination.refresh_from_db()
    return nomination


def test_proposal_prints_the_vote_against_the_whole_council(office_client, voted):
    text = words(office_client.get(reverse("awards:proposal_pdf", args=[voted.round.pk])).content)
    assert "8/9 thành viên đồng ý (cần 8)" in text and "cho 1 cá nhân theo danh sách" in text


def test_empty_round_proposal_says_so_instead_of_zero_persons(office_client, org):
    round_ = NominationFactory(staff=None, nominee_unit=org.land, unit=org.land, award_type=award("TTLDTT")).round
    text = words(office_client.get(reverse("awards:proposal_pdf", args=[round_.pk])).content)
    assert "0 cá nhân" not in text and "chưa có đề nghị nào được Hội đồng thông qua" in text


def test_proposal_draft_is_signed_tl_giam_doc_by_the_office_chief_with_a_name(office_client, voted, settings):
    Agency.objects.filter(pk=Agency.objects.primary().pk).update(office_chief="Phạm Chánh Văn")
    printed = lines(office_client.get(reverse("awards:proposal_pdf", args=[voted.round.pk])).content)
    position = printed.index("TL. GIÁM ĐỐC")
    assert printed[position + 1:position + 3] == ["CHÁNH VĂN PHÒNG", "Phạm Chánh Văn"] and "DỰ THẢO" in printed


def test_office_issues_the_proposal_with_number_date_and_no_draft_box(office_client, voted):
    response = office_client.post(reverse("awards:proposal_issue", args=[voted.round.pk]), {
        "to": "director", "issue_date": "08/01/2026", "signer_authority": "office_chief", "signer_name": "Phạm Chánh Văn",
    }, follow=True)

    archived = issued_document(voted.round, documents.PROPOSAL_KINDS[False])
    text = words(bytes(archived.pdf))
    assert "Đã ban hành số 01/TTr-STNMT ngày 08/01/2026" in response.content.decode()
    assert "Số: 01/TTr-STNMT" in text and "Quảng Ngãi, ngày 08 tháng 01 năm 2026" in text and "DỰ THẢO" not in text
    assert office_client.get(reverse("awards:proposal_pdf", args=[voted.round.pk])).content == bytes(archived.pdf)
    word = Document(io.BytesIO(office_client.get(reverse("awards:proposal_docx", args=[voted.round.pk])).content))
    assert [cell.text for cell in word.tables[0].rows[1].cells] == ["Số: 01/TTr-STNMT", "Quảng Ngãi, ngày 08 tháng 01 năm 2026"]


def test_an_empty_proposal_cannot_be_issued(office_client, org):
    round_ = NominationFactory(staff=None, nominee_unit=org.land, unit=org.land, award_type=award("TTLDTT")).round
    office_client.post(reverse("awards:proposal_issue", args=[round_.pk]), {
        "issue_date": "08/01/2026", "signer_authority": "office_chief", "signer_name": "A"})
    assert issued_document(round_, documents.PROPOSAL_KINDS[False]) is None


def test_director_reads_but_cannot_issue_a_proposal(client, director_user, voted):
    client.force_login(director_user)
    page = client.get(reverse("awards:round_documents", args=[voted.round.pk]))
    assert page.status_code == 200 and "Ban hành tờ trình" not in page.content.decode()
    assert client.post(reverse("awards:proposal_issue", args=[voted.round.pk]), {}).status_code == 403


def test_unit_head_cannot_open_the_round_documents(client, land_head, voted):
    client.force_login(land_head)
    assert client.get(reverse("awards:round_documents", args=[voted.round.pk])).status_code == 403


# Registration summary ----------------------------------------------------------------------------------------------

@pytest.fixture
def registered(org, staff_in):
    registration = Registration.objects.create(unit=org.land, year=2025, collective_title=award("TTLDTT"),
                                               status=Registration.Status.RECEIVED)
    RegistrationLine.objects.create(registration=registration, staff=staff_in(org.land), award_type=award("LDTT"))
    return registration


def test_office_issues_the_registration_summary(office_client, registered):
    response = office_client.post(reverse("awards:registration_rollup_issue") + "?year=2025", {
        "issue_date": "15/01/2026", "signer_authority": "office_chief", "signer_name": "Phạm Chánh Văn"}, follow=True)

    archived = documents.rollup_issued(2025, Agency.objects.primary())
    printed = lines(bytes(archived.pdf))
    assert "Đã ban hành số 01/BC-STNMT ngày 15/01/2026" in response.content.decode()
    assert "Số: 01/BC-STNMT Quảng Ngãi, ngày 15 tháng 01 năm 2026" in printed and "DỰ THẢO" not in printed
    position = printed.index("TL. GIÁM ĐỐC")
    assert printed[position + 1:position + 3] == ["CHÁNH VĂN PHÒNG", "Phạm Chánh Văn"]


def test_registration_summary_count_column_is_not_broken_word_by_word(office_client, registered):
    text = pdf_text(office_client.get(reverse("awards:registration_rollup_pdf") + "?year=2025").content)
    assert "Số đơn vị đăng ký" in text and "Số cá nhân đăng ký" in text


def test_unit_head_cannot_issue_the_registration_summary(land_head_client, registered):
    response = land_head_client.post(reverse("awards:registration_rollup_issue") + "?year=2025", {
        "issue_date": "15/01/2026", "signer_authority": "office_chief", "signer_name": "X"})
    assert response.status_code == 403 and documents.rollup_issued(2025, Agency.objects.primary()) is None


def test_registration_summary_excel_has_a_vietnamese_sheet_typed_counts_and_frozen_header(office_client, registered):
    book = openpyxl.load_workbook(io.BytesIO(office_client.get(reverse("awards:registration_rollup_export") + "?year=2025").content))
    sheet = book.active
    assert book.sheetnames == ["Đăng ký thi đua 2025", "Danh sách đăng ký"]  # the names: issue 31 §7
    assert sheet.freeze_panes == "A2" and sheet["C2"].value == 1 and isinstance(sheet["C2"].value, int)
    assert sheet.column_dimensions["A"].width >= len("Tập thể lao động tiên tiến")


def test_award_history_excel_keeps_years_and_dates_typed(office_client, org, staff_in):
    RecordFactory(staff=staff_in(org.land), year=2023, decision_date=date(2023, 1, 18))
    book = openpyxl.load_workbook(io.BytesIO(office_client.get(reverse("awards:lookup_export")).content))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    row = {header: cell.value for header, cell in zip(headers, sheet[2])}
    assert book.sheetnames == ["Lịch sử khen thưởng"] and sheet.freeze_panes == "A2"
    assert row["Năm"] == 2023 and row["Ngày quyết định"].date() == date(2023, 1, 18)


# Báo cáo thành tích ---------------------------------------------------------------------------------------------------

def test_achievements_report_history_stops_at_the_nomination_year(land_head_client, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"))
    RecordFactory(staff=nomination.staff, year=2023, award_type=award("LDTT"), decision_number="11/QĐ-STNMT")
    RecordFactory(staff=nomination.staff, year=2026, award_type=award("LDTT"), decision_number="99/QĐ-STNMT")
    text = words(land_head_client.get(reverse("awards:achievements_pdf", args=[nomination.pk])).content)
    assert "11/QĐ-STNMT" in text and "99/QĐ-STNMT" not in text


def test_achievements_report_is_dated_once_submitted_and_the_unit_head_signs_with_a_name(land_head_client, land_head, org, staff_in):
    land_head.first_name, land_head.last_name = "Đông", "Võ Văn"
    land_head.save()
    nomination = NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"))
    act(nomination, "submit", actor=land_head)
    Nomination.objects.filter(pk=nomination.pk).update(status=S.APPROVED)
    printed = lines(land_head_client.get(reverse("awards:achievements_pdf", args=[nomination.pk])).content)
    today = documents.timezone.localdate()
    assert any(line.startswith("Quảng Ngãi, ngày") and f"năm {today.year}" in line and "ngày  " not in line for line in printed)
    assert "DỰ THẢO" not in printed
    assert "THỦ TRƯỞNG ĐƠN VỊ" in printed and land_head.get_full_name() in printed
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in printed and "Trần Thị Bích" in printed


def test_collective_achievements_report_follows_the_collective_form(land_head_client, org):
    nomination = NominationFactory(staff=None, nominee_unit=org.land, unit=org.land, award_type=award("TTLDTT"))
    text = words(land_head_client.get(reverse("awards:achievements_pdf", args=[nomination.pk])).content)
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "1. Danh hiệu thi đua" in text and "2. Hình thức khen thưởng" in text


def test_achievements_word_file_is_refused_to_another_unit(client, env_head, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land))
    client.force_login(env_head)
    assert client.get(reverse("awards:achievements_docx", args=[nomination.pk])).status_code == 404


# Award history extract ----------------------------------------------------------------------------------------------

def test_staff_member_downloads_their_own_award_history_extract(client, make_user, org, staff_in):
    person = staff_in(org.land, full_name="Trần Thị Bích")
    RecordFactory(staff=person, year=2023, award_type=award("LDTT"), decision_number="11/QĐ-STNMT")
    user = make_user(Role.STAFF, unit=org.land)
    person.user = user
    person.save()
    client.force_login(user)

    printed = lines(client.get(reverse("awards:person_history_pdf", args=[person.pk])).content)

    assert "TRÍCH LỤC" in printed and "TL. GIÁM ĐỐC" in printed
    assert any("11/QĐ-STNMT" in line for line in printed) and any(line.startswith("Quảng Ngãi, ngày") for line in printed)


@pytest.mark.parametrize("gender, words", [("female", "của bà Trần Thị Bích"), ("male", "của ông Trần Thị Bích"),
                                           ("", "của ông/bà Trần Thị Bích")])
def test_award_history_extract_calls_a_person_by_their_recorded_gender(org, staff_in, gender, words):
    person = staff_in(org.land, full_name="Trần Thị Bích", gender=gender)

    _template, context = documents.history_document(person, [], is_unit=False)

    assert context["doc"].summary == f"Quá trình khen thưởng {words}"


def test_award_history_extract_of_another_person_is_not_found(client, make_user, org, staff_in):
    other = staff_in(org.env)
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse("awards:person_history_pdf", args=[other.pk])).status_code == 404


def test_unit_history_extract_in_word_for_the_office(office_client, org):
    response = office_client.get(reverse("awards:unit_history_docx", args=[org.land.pk]))
    document = Document(io.BytesIO(response.content))
    assert "TRÍCH LỤC" in [paragraph.text for paragraph in document.paragraphs]


def test_history_page_hides_its_chrome_when_printed(office_client, org):
    css = open(finders.find("css/app.css")).read()
    assert "@media print" in css and "body > nav, body > footer" in css
    page = office_client.get(reverse("awards:unit_history", args=[org.land.pk])).content.decode()
    assert reverse("awards:unit_history_pdf", args=[org.land.pk]) in page

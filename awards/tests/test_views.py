"""Pages of the awards app: allowed, refused, and what they show."""
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import AwardRecord, DossierFile, EligibilityOverride, Nomination, Registration
from awards.tests.factories import (
    CouncilMemberFactory, EvaluationFactory, NominationFactory, RecordFactory, RoundFactory, award, council_passed,
)
from awards.voting import close_session, open_session, record_vote
from emulation.models import Role
from django.db import connection
from django.test.utils import CaptureQueriesContext
from emulation.models import Agency
from emulation.tests.factories import StaffFactory, UnitFactory
from emulation.documents.tests.pdftools import pdf_text
from awards.decisions import issue_decision
from awards.models import Initiative
from awards.rules import can_decide

pytestmark = pytest.mark.django_db
S = Nomination.Status


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def nomination(org, staff_in):
    return NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"))


def test_unit_head_creates_a_nomination_and_sees_the_conditions(land_head_client, org, staff_in):
    person = staff_in(org.land, employed_since=date(2010, 1, 1))
    round_ = RoundFactory()
    EvaluationFactory(staff=person, year=2025, level=4)
    response = land_head_client.post(reverse("awards:nomination_create"), {
        "round": round_.pk, "award_type": award("LDTT").pk, "staff": person.pk, "achievements": "Hoàn thành tốt",
    }, follow=True)
    nomination = Nomination.objects.get()
    assert (nomination.unit, nomination.year, nomination.status) == (org.land, 2025, S.DRAFT)
    assert response.context["verdict"].eligible is True
    assert "Điều 24" in response.content.decode()


def test_duplicate_nomination_is_refused_by_the_form(land_head_client, nomination):
    response = land_head_client.post(reverse("awards:nomination_create"), {
        "round": nomination.round.pk, "award_type": nomination.award_type.pk, "staff": nomination.staff.pk, "achievements": "x",
    })
    assert response.status_code == 200
    assert Nomination.objects.count() == 1
    assert response.context["form"].non_field_errors()


def test_unit_head_cannot_nominate_another_units_person(env_head, client, nomination):
    response = _login(client, env_head).post(reverse("awards:nomination_create"), {
        "round": nomination.round.pk, "award_type": award("LDTT").pk, "staff": nomination.staff.pk, "achievements": "x",
    })
    assert "staff" in response.context["form"].errors


def test_staff_cannot_open_nominations(client, make_user):
    assert _login(client, make_user(Role.STAFF)).get(reverse("awards:nomination_list")).status_code == 403


def test_other_unit_head_gets_404_for_a_nomination(client, env_head, nomination):
    assert _login(client, env_head).get(reverse("awards:nomination_detail", args=[nomination.pk])).status_code == 404


def test_council_member_sees_checked_nominations_of_open_rounds_only(client, make_user, nomination):
    member = _login(client, make_user(Role.COUNCIL))
    assert member.get(reverse("awards:nomination_detail", args=[nomination.pk])).status_code == 404
    Nomination.objects.filter(pk=nomination.pk).update(status=S.CHECKED)
    assert member.get(reverse("awards:nomination_detail", args=[nomination.pk])).status_code == 200


@pytest.mark.parametrize("rows", [1, 3])
def test_nomination_list_queries_do_not_grow_with_rows(office_client, org, staff_in, rows, django_assert_num_queries):
    round_ = RoundFactory()
    for _ in range(rows):
        NominationFactory(round=round_, staff=staff_in(org.land))
    with django_assert_num_queries(6):  # … and the open rounds a list may be imported into
        response = office_client.get(reverse("awards:nomination_list"))
    assert len(response.context["page"]) == rows
    assert f"/import/nominations/?round={round_.pk}" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_nomination_list_sorts_by_a_column_keeping_the_filters(office_client, org, staff_in, rows, django_assert_num_queries):
    round_ = RoundFactory()
    nominations = [NominationFactory(round=round_, staff=staff_in(org.land, full_name=f"Người Thứ {n}")) for n in range(rows)]
    NominationFactory(round=RoundFactory(name="Đợt khác"), staff=staff_in(org.land, full_name="Người Đợt Khác"))
    with django_assert_num_queries(7):  # the list's 6 and the round filter's choice, the same without the sort
        response = office_client.get(reverse("awards:nomination_list"), {"round": round_.pk, "sort": "-name"})
    assert [n.pk for n in response.context["page"]] == [n.pk for n in reversed(nominations)]
    page = response.content.decode()
    # The sorted column's header turns the order round; every header keeps the round filter.
    assert f'href="?round={round_.pk}&amp;sort=name" data-sort="name" aria-current="true"' in page
    assert f'href="?round={round_.pk}&amp;sort=unit" data-sort="unit"' in page
    assert "Người Đợt Khác" not in page


def test_unit_head_submits_and_office_passes_through_the_pages(land_head_client, client, office_user, nomination):
    land_head_client.post(reverse("awards:nomination_act", args=[nomination.pk]), {"action": "submit"})
    assert Nomination.objects.get(pk=nomination.pk).status == S.SUBMITTED
    _login(client, office_user).post(reverse("awards:nomination_act", args=[nomination.pk]), {"action": "pass"})
    assert Nomination.objects.get(pk=nomination.pk).status == S.CHECKED


def test_unit_head_cannot_approve_through_the_page(land_head_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.VOTED)
    response = land_head_client.post(reverse("awards:nomination_act", args=[nomination.pk]), {"action": "approve"}, follow=True)
    assert Nomination.objects.get(pk=nomination.pk).status == S.VOTED
    assert response.context["messages"]


@pytest.mark.parametrize("status, action", [
    (S.CHECKED, "record_vote"), (S.APPROVED, "decide"), (S.FORWARDED, "province_award"),
    (S.FORWARDED, "province_refuse"), (S.FORWARDED, "send_dossier"),
])
def test_generic_action_endpoint_refuses_form_only_actions(office_client, nomination, status, action):
    """Found by the generated access test (issue 9, hole 2): the Office moved a nomination to "voted" with
    no vote through the generic endpoint. Actions that need their own form are refused there."""
    Nomination.objects.filter(pk=nomination.pk).update(status=status)
    response = office_client.post(reverse("awards:nomination_act", args=[nomination.pk]),
                                  {"action": action, "note": "x"}, follow=True)
    assert Nomination.objects.get(pk=nomination.pk).status == status
    assert [str(m) for m in response.context["messages"]] == ["Thao tác này chỉ thực hiện được qua biểu mẫu riêng của nó."]


def test_unit_head_cannot_use_the_bulk_action(land_head_client, nomination):
    response = land_head_client.post(reverse("awards:nomination_bulk"), {"action": "approve", "nominations": [nomination.pk]})
    assert response.status_code == 403


def test_director_approves_two_at_once(client, director_user, office_user, org, staff_in):
    round_ = RoundFactory()
    voted = [council_passed(NominationFactory(round=round_, staff=staff_in(org.land)), office_user) for _ in range(2)]
    data = {"action": "approve", "note": "Đồng ý", "nominations": [n.pk for n in voted]}
    page = _login(client, director_user).post(reverse("awards:nomination_bulk"), data).content.decode()
    # First the confirmation: who, which award, the council's result; nothing decided yet.
    assert [voted[0].nominee_name in page, voted[1].nominee_name in page, "đạt" in page] == [True, True, True]
    assert set(Nomination.objects.filter(pk__in=[n.pk for n in voted]).values_list("status", flat=True)) == {S.VOTED}
    client.post(reverse("awards:nomination_bulk"), {**data, "confirmed": "1"})
    assert list(Nomination.objects.filter(pk__in=[n.pk for n in voted]).values_list("status", flat=True)) == [S.APPROVED] * 2


def test_dossier_file_upload_and_permission_checked_download(land_head_client, client, env_head, nomination, settings):
    land_head_client.post(reverse("awards:nomination_upload", args=[nomination.pk]), {
        "file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    })
    document = DossierFile.objects.get()
    response = land_head_client.get(reverse("awards:dossier_file", args=[document.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Disposition"].startswith("inline;")  # the browser's PDF viewer
    saved = land_head_client.get(reverse("awards:dossier_file", args=[document.pk]), {"download": "1"})
    assert saved["Content-Disposition"].startswith("attachment;")
    assert str(settings.MEDIA_ROOT) in document.file.path
    client.logout()
    assert _login(client, env_head).get(reverse("awards:dossier_file", args=[document.pk])).status_code == 404


def test_dossier_file_of_a_wrong_type_or_size_is_refused(land_head_client, nomination, settings):
    settings.UPLOAD_MAX_BYTES = 10
    land_head_client.post(reverse("awards:nomination_upload", args=[nomination.pk]), {
        "file": SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream"),
    })
    land_head_client.post(reverse("awards:nomination_upload", args=[nomination.pk]), {
        "file": SimpleUploadedFile("big.pdf", b"x" * 11, content_type="application/pdf"),
    })
    assert DossierFile.objects.count() == 0


def test_office_overrides_a_failed_rule_with_a_reason(office_client, office_user, nomination):
    response = office_client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    failed = response.context["verdict"].failed[0]
    office_client.post(reverse("awards:nomination_override", args=[nomination.pk]), {"rule_key": failed.key, "reason": "Đã có xác nhận"})
    override = EligibilityOverride.objects.get()
    assert (override.by, override.reason, override.rule_key) == (office_user, "Đã có xác nhận", failed.key)


def test_unit_head_cannot_override(land_head_client, nomination):
    response = land_head_client.post(reverse("awards:nomination_override", args=[nomination.pk]), {"rule_key": "x", "reason": "y"})
    assert response.status_code == 403


def test_office_records_paper_ballots_with_a_reason_and_closing_counts_them(office_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.CHECKED)
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination])
    office_client.post(reverse("awards:session_paper", args=[session.pk, nomination.pk]), {
        "members": [m.pk for m in members], "votes_for": 8, "votes_against": 1, "reason": "Mạng không ổn định",
    })
    assert (session.present.count(), session.paper_tallies.get().reason) == (9, "Mạng không ổn định")
    assert Nomination.objects.get(pk=nomination.pk).status == S.CHECKED  # counted when the vote closes
    office_client.post(reverse("awards:session_close", args=[session.pk]))
    vote = Nomination.objects.get(pk=nomination.pk).agency_vote
    assert (vote.votes_for, vote.votes_against, vote.needed, vote.passed) == (8, 1, 8, True)
    assert Nomination.objects.get(pk=nomination.pk).status == S.VOTED


def test_paper_ballots_without_a_reason_are_refused(office_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.CHECKED)
    members = [CouncilMemberFactory() for _ in range(3)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination])
    response = office_client.post(reverse("awards:session_paper", args=[session.pk, nomination.pk]), {
        "members": [m.pk for m in members], "votes_for": 3}, follow=True)
    assert "lý do" in response.content.decode()
    assert not session.paper_tallies.exists() and not session.casts.exists()


def test_letters_in_a_paper_vote_count_are_answered_and_nothing_is_recorded(office_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.CHECKED)
    members = [CouncilMemberFactory() for _ in range(3)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination])
    response = office_client.post(reverse("awards:session_paper", args=[session.pk, nomination.pk]), {
        "members": [m.pk for m in members], "votes_for": "ba", "reason": "Mạng không ổn định"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đồng ý: Hãy nhập một số nguyên, chỉ gồm chữ số, ví dụ 75. Hãy chọn thành viên, nhập số phiếu và lý do."]
    assert 'inputmode="numeric" autocomplete="off" name="votes_for"' in response.content.decode()
    assert not session.paper_tallies.exists()


def test_director_cannot_record_paper_ballots(client, director_user, nomination):
    members = [CouncilMemberFactory()]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination])
    response = _login(client, director_user).post(reverse("awards:session_paper", args=[session.pk, nomination.pk]), {
        "members": [members[0].pk], "votes_for": 1, "reason": "x"})
    assert response.status_code == 403 and not session.paper_tallies.exists()


def test_office_issues_a_decision_that_creates_history(office_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.APPROVED)
    response = office_client.post(reverse("awards:decision_create"), {
        "symbol": "QĐ-STNMT", "signed_on": "20/12/2025", "signer_name": "Nguyễn Đức Trung",
        "signer_authority": "director", "summary": "Tặng danh hiệu", "nominations": [nomination.pk],
    })
    assert response.status_code == 302
    assert AwardRecord.objects.get().decision_number == "01/QĐ-STNMT"


def test_unit_head_cannot_issue_decisions(land_head_client):
    assert land_head_client.get(reverse("awards:decision_create")).status_code == 403


def test_lookup_finds_without_diacritics(office_client, org, staff_in):
    RecordFactory(staff=staff_in(org.land, full_name="Nguyễn Đức Trung"), year=2024)
    RecordFactory(staff=staff_in(org.land, full_name="Lê Văn Tám"), year=2024)
    response = office_client.get(reverse("awards:lookup"), {"q": "nguyen duc trung"})
    assert [r.staff.full_name for r in response.context["page"]] == ["Nguyễn Đức Trung"]


def test_lookup_filters_by_year_range_and_decision(office_client, org, staff_in):
    person = staff_in(org.land)
    RecordFactory(staff=person, year=2021, decision_number="11/QĐ-STNMT")
    RecordFactory(staff=person, year=2024, decision_number="22/QĐ-STNMT")
    response = office_client.get(reverse("awards:lookup"), {"year_from": 2022, "decision": "22/qđ"})
    assert [r.year for r in response.context["page"]] == [2024]


def test_the_office_lookup_checks_the_agency_row_by_row_and_never_shows_another_agency(office_client, office_user,
                                                                                      org, staff_in):

    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    RecordFactory(staff=staff_in(org.land, full_name="Người của Sở này"))
    RecordFactory(staff=StaffFactory(unit=UnitFactory(code="SYT-X", agency=health), full_name="Người của Sở khác"))
    with CaptureQueriesContext(connection) as captured:
        response = office_client.get(reverse("awards:lookup"))
    assert [r.staff.full_name for r in response.context["page"]] == ["Người của Sở này"]
    page_query = next(q["sql"] for q in captured.captured_queries if "ORDER BY" in q["sql"] and "awardrecord" in q["sql"])
    # the agency as EXISTS, not a join that would make SQLite sort every record of the agency
    assert "EXISTS" in page_query and '"emulation_unit"."agency_id" =' not in page_query


def test_unit_head_lookup_sees_only_own_unit(land_head_client, org, staff_in):
    RecordFactory(staff=staff_in(org.land_team))
    RecordFactory(staff=staff_in(org.env))
    response = land_head_client.get(reverse("awards:lookup"))
    assert [r.holder_unit for r in response.context["page"]] == [org.land_team]


@pytest.mark.parametrize("rows", [1, 3])
def test_lookup_queries_do_not_grow_with_rows(office_client, org, staff_in, rows, django_assert_num_queries):
    records = [RecordFactory(staff=staff_in(org.land, full_name=f"Người tra cứu {n}")) for n in range(rows)]
    # session, user, award types of the filter, count, page (the unit filter lists no units: a picker), the
    # names the holders' units bore (issue 31 §6)
    with django_assert_num_queries(6):
        response = office_client.get(reverse("awards:lookup"))
    assert sorted(r.pk for r in response.context["page"]) == sorted(r.pk for r in records)
    assert all(f"Người tra cứu {n}" in response.content.decode() for n in range(rows))


@pytest.mark.parametrize("rows", [1, 3])
def test_lookup_sorts_by_a_column_keeping_the_filters(office_client, org, staff_in, rows, django_assert_num_queries):
    records = [RecordFactory(staff=staff_in(org.land, full_name=f"Người tra cứu {n}"), year=2020 + n) for n in range(rows)]
    RecordFactory(staff=staff_in(org.land, full_name="Người năm cũ"), year=2010)
    with django_assert_num_queries(6):
        response = office_client.get(reverse("awards:lookup"), {"year_from": 2015, "sort": "year"})
    assert [r.pk for r in response.context["page"]] == [r.pk for r in records]
    page = response.content.decode()
    # The sorted column's header turns the order round; every header keeps the filter.
    assert 'href="?year_from=2015&amp;sort=-year" data-sort="year" aria-current="true"' in page
    assert 'href="?year_from=2015&amp;sort=name" data-sort="name"' in page
    assert "Người năm cũ" not in page


def test_lookup_export_is_an_excel_file(office_client, org, staff_in):
    RecordFactory(staff=staff_in(org.land))
    response = office_client.get(reverse("awards:lookup_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_history_page_of_a_person_and_refusal_for_another_unit(land_head_client, client, env_head, org, staff_in):
    person = staff_in(org.land)
    RecordFactory(staff=person, year=2023)
    response = land_head_client.get(reverse("awards:person_history", args=[person.pk]))
    assert [r.year for r in response.context["records"]] == [2023]
    client.logout()
    assert _login(client, env_head).get(reverse("awards:person_history", args=[person.pk])).status_code == 404


def test_unit_history_page(office_client, org):
    RecordFactory(staff=None, unit=org.env, award_type=award("TTLDTT"), year=2024)
    response = office_client.get(reverse("awards:unit_history", args=[org.env.pk]))
    assert [r.award_type.code for r in response.context["records"]] == ["TTLDTT"]


def test_unit_head_registers_and_office_receives(land_head_client, client, office_user, org, staff_in):
    person = staff_in(org.land)
    response = land_head_client.post(reverse("awards:registration_create"), {
        "year": 2026, "collective_title": award("TTLDTT").pk, "commitment": "Hoàn thành xuất sắc",
        "lines-TOTAL_FORMS": 1, "lines-INITIAL_FORMS": 0,
        "lines-0-staff": person.pk, "lines-0-award_type": award("CSTDCS").pk, "lines-0-commitment": "Có sáng kiến",
    })
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.lines.get().staff == person
    land_head_client.post(reverse("awards:registration_act", args=[registration.pk]), {"action": "submit"})
    _login(client, office_user).post(reverse("awards:registration_act", args=[registration.pk]), {"action": "receive"})
    assert Registration.objects.get().status == Registration.Status.RECEIVED


def test_registration_rollup_counts_titles_and_lists_missing_units(office_client, org):
    Registration.objects.create(unit=org.land, year=2026, collective_title=award("TTLDTT"), status=Registration.Status.RECEIVED)
    response = office_client.get(reverse("awards:registration_rollup"), {"year": 2026})
    assert response.context["collective"] == [("Tập thể lao động tiên tiến", 1)]
    assert org.env in response.context["missing"] and org.land not in response.context["missing"]
    export = office_client.get(reverse("awards:registration_rollup_export"), {"year": 2026})
    assert export.content[:2] == b"PK"
    text = _text(office_client.get(reverse("awards:registration_rollup_pdf"), {"year": 2026}).content)
    assert "Tổng hợp đăng ký thi đua năm 2026" in text and "Tập thể lao động tiên tiến" in text


def test_unit_head_cannot_see_the_rollup(land_head_client):
    assert land_head_client.get(reverse("awards:registration_rollup")).status_code == 403


@pytest.mark.parametrize("url, shown", [
    ("awards:round_list", ["Đợt xét khen thưởng</h1>", "Đợt khen thưởng cuối năm 2025"]),
    ("awards:session_list", ["Phiên họp Hội đồng</h1>"]),
    ("awards:decision_list", ["Quyết định</h1>"]),
    ("awards:registration_list", ["Đăng ký thi đua năm "]),
])
def test_office_list_pages_show_their_heading(office_client, url, shown):
    """Each list opens for the Office with its Vietnamese heading (the rounds' list with its round)."""
    RoundFactory(name="Đợt khen thưởng cuối năm 2025")
    page = office_client.get(reverse(url)).content.decode()
    assert [text for text in shown if text not in page] == []


def test_home_shows_the_directors_task(client, director_user, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.VOTED)
    response = _login(client, director_user).get(reverse("home"))
    tasks = {task.title: task.count for task in response.context["tasks"]}
    assert tasks["Đề nghị chờ duyệt"] == 1


# Documents ---------------------------------------------------------------------------------------

def _text(data):
    return pdf_text(data)


def test_decision_pdf_lists_the_awardees_with_its_number(office_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.APPROVED)
    office_client.post(reverse("awards:decision_create"), {
        "symbol": "QĐ-STNMT", "signed_on": "20/12/2025", "signer_name": "Nguyễn Đức Trung",
        "signer_authority": "director", "summary": "Về việc tặng danh hiệu thi đua năm 2025", "nominations": [nomination.pk],
    })
    response = office_client.get(reverse("awards:decision_pdf", args=[AwardRecord.objects.get().decision_id]))
    text = _text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "Số: 01/QĐ-STNMT" in text and "QUYẾT ĐỊNH" in text
    assert "Trần Thị Bích" in text and "Chiến sĩ thi đua cơ sở" in text


def test_decision_pdf_is_refused_to_a_unit_head(land_head_client):
    assert land_head_client.get(reverse("awards:decision_pdf", args=[1])).status_code == 403


def test_minutes_pdf_has_its_own_number_series_and_the_counts(office_client, office_user, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.CHECKED)
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members)
    nomination.refresh_from_db()
    record_vote(session, nomination, votes_for=8, votes_against=1, actor=office_user)
    close_session(session, office_user)  # the minutes are numbered when issued, at the close (a draft has no number)
    text = _text(office_client.get(reverse("awards:minutes_pdf", args=[session.pk])).content)
    assert "Số: 01/BB-HĐTĐKT" in text and "BIÊN BẢN" in text
    assert "Trần Thị Bích" in text and "Đạt" in text


def test_proposal_pdf_lists_the_passed_nominations(office_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.VOTED)
    text = _text(office_client.get(reverse("awards:proposal_pdf", args=[nomination.round.pk])).content)
    assert "TỜ TRÌNH" in text and "Trần Thị Bích" in text and "Giám đốc Sở" in text


def test_achievements_report_pdf_and_refusal_for_another_unit(land_head_client, client, env_head, nomination):
    RecordFactory(staff=nomination.staff, year=2023, award_type=award("LDTT"))
    text = _text(land_head_client.get(reverse("awards:achievements_pdf", args=[nomination.pk])).content)
    assert "BÁO CÁO THÀNH TÍCH" in text and "Trần Thị Bích" in text and "Lao động tiên tiến" in text
    client.logout()
    assert _login(client, env_head).get(reverse("awards:achievements_pdf", args=[nomination.pk])).status_code == 404


def test_approved_nomination_cannot_be_edited(land_head_client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.APPROVED)
    assert land_head_client.get(reverse("awards:nomination_edit", args=[nomination.pk])).status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_registration_list_queries_do_not_grow_with_rows(office_client, rows, django_assert_num_queries):
    for _ in range(rows):
        Registration.objects.create(unit=UnitFactory(), year=2026)
    with django_assert_num_queries(3):
        response = office_client.get(reverse("awards:registration_list"), {"year": 2026})
    assert len(response.context["registrations"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_registration_list_sorts_by_a_column_keeping_the_filters(office_client, rows, django_assert_num_queries):
    registrations = [Registration.objects.create(unit=UnitFactory(), year=2026) for _ in range(rows)]
    Registration.objects.create(unit=UnitFactory(), year=2025)
    with django_assert_num_queries(3):
        response = office_client.get(reverse("awards:registration_list"), {"year": 2026, "sort": "-unit"})
    expected = sorted(registrations, key=lambda registration: registration.unit.path, reverse=True)
    assert [r.pk for r in response.context["registrations"]] == [r.pk for r in expected]
    page = response.content.decode()
    # The sorted column's header turns the order round; every header keeps the year.
    assert 'href="?year=2026&amp;sort=unit" data-sort="unit" aria-current="true"' in page
    assert 'href="?year=2026&amp;sort=people" data-sort="people"' in page


@pytest.mark.parametrize("rows", [1, 3])
def test_session_list_queries_do_not_grow_with_rows(office_client, rows, django_assert_num_queries):
    round_ = RoundFactory()
    member = CouncilMemberFactory()
    sessions = [open_session(round=round_, held_on=date(2025, 12, day + 1), present=[member]) for day in range(rows)]
    with django_assert_num_queries(4):
        response = office_client.get(reverse("awards:session_list"))
    assert sorted(s.pk for s in response.context["page"]) == sorted(s.pk for s in sessions)
    assert all(f"{day + 1:02d}/12/2025" in response.content.decode() for day in range(rows))


@pytest.mark.parametrize("rows", [1, 3])
def test_decision_and_round_lists_queries_do_not_grow_with_rows(office_client, office_user, org, staff_in, rows, django_assert_num_queries):
    decisions = []
    for _ in range(rows):
        nomination = NominationFactory(staff=staff_in(org.land), status=S.APPROVED)
        decisions.append(issue_decision(
            round=nomination.round, nominations=[nomination], symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
            signer_name="A", signer_authority="director", summary="x", actor=office_user))
    with django_assert_num_queries(4):
        response = office_client.get(reverse("awards:decision_list"))
    assert sorted(d.pk for d in response.context["page"]) == sorted(d.pk for d in decisions)
    assert all(f"{n:02d}/QĐ-STNMT" in response.content.decode() for n in range(1, rows + 1))
    with django_assert_num_queries(4):
        response = office_client.get(reverse("awards:round_list"))
    assert sorted(r.pk for r in response.context["page"]) == sorted({d.round_id for d in decisions})


def test_home_tasks_of_unit_head_office_and_council(client, land_head, office_user, make_user, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(status=S.RETURNED)
    head = {t.title: t.count for t in _login(client, land_head).get(reverse("home")).context["tasks"]}
    assert head["Đề nghị cần hoàn thiện"] == 1
    Nomination.objects.filter(pk=nomination.pk).update(status=S.SUBMITTED)
    office = {t.title: t.count for t in _login(client, office_user).get(reverse("home")).context["tasks"]}
    assert office["Đề nghị cần kiểm tra"] == 1
    Nomination.objects.filter(pk=nomination.pk).update(status=S.CHECKED)
    council = {t.title: t.count for t in _login(client, make_user(Role.COUNCIL)).get(reverse("home")).context["tasks"]}
    assert council["Đề nghị chờ Hội đồng xét"] == 1


def _menu_labels(client):
    menu = client.get(reverse("home")).context["nav_menu"]
    return {item["label"] for section in menu for item in section["items"]}


def test_menus_follow_the_role(client, land_head, make_user):
    labels = _menu_labels(_login(client, land_head))
    assert {"Đề nghị khen thưởng", "Đăng ký thi đua", "Tra cứu khen thưởng"} <= labels and "Quyết định" not in labels
    labels = _menu_labels(_login(client, make_user(Role.STAFF)))
    assert not {"Đề nghị khen thưởng", "Quyết định"} & labels


def test_office_edits_the_catalogue(office_client):
    cstdcs = award("CSTDCS")
    data = {f: getattr(cstdcs, f) for f in ["code", "name", "category", "level", "subject", "authority", "deciding_body",
                                            "vote_threshold", "quorum_numerator", "quorum_denominator", "legal_basis",
                                            "dossier_documents", "order"]}
    data.update({"ballot_required": "on", "counts_toward_lookbacks": "on", "active": "on", "quota_percent": 15,
                 "quota_base": award("LDTT").pk})
    response = office_client.post(reverse("awards:award_type_edit", args=[cstdcs.pk]), data)
    assert response.status_code == 302
    cstdcs.refresh_from_db()
    assert (cstdcs.quota_percent, cstdcs.quota_base.code) == (15, "LDTT")


def test_unit_head_cannot_edit_the_catalogue(land_head_client):
    assert land_head_client.get(reverse("awards:award_type_edit", args=[award("LDTT").pk])).status_code == 403
    assert land_head_client.get(reverse("awards:catalogue")).status_code == 403


def test_office_records_an_initiative_that_the_rules_then_read(office_client, org, staff_in):
    person = staff_in(org.land)
    office_client.post(reverse("awards:record_create", args=["initiative"]), {
        "title": "Phần mềm tra cứu hồ sơ", "authors": [person.pk], "unit": org.land.pk, "level": 1, "year": 2025,
    })
    assert list(Initiative.objects.values_list("title", flat=True)) == ["Phần mềm tra cứu hồ sơ"]


def test_unit_head_cannot_record_discipline(land_head_client):
    assert land_head_client.get(reverse("awards:record_create", args=["discipline"])).status_code == 403


def test_director_delegates_to_a_deputy_who_then_may_decide(client, director_user, make_user):
    deputy = make_user(Role.DEPUTY_DIRECTOR)
    assert can_decide(deputy) is False
    _login(client, director_user).post(reverse("awards:record_create", args=["delegation"]), {
        "deputy": deputy.pk, "valid_from": "01/01/2020", "document": "Giấy ủy quyền 01",
    })
    assert can_decide(deputy) is True


def test_office_cannot_delegate(office_client):
    assert office_client.get(reverse("awards:record_create", args=["delegation"])).status_code == 403


@pytest.mark.parametrize("next_url, expected", [
    ("https://evil.example/steal", "/awards/nominations/"),
    ("//evil.example/steal", "/awards/nominations/"),
    ("/awards/nominations/?status=voted", "/awards/nominations/?status=voted"),
])
def test_bulk_action_follows_only_same_site_next_addresses(client, director_user, nomination, next_url, expected):
    response = _login(client, director_user).post(reverse("awards:nomination_bulk"), {
        "action": "approve", "nominations": [nomination.pk], "next": next_url, "confirmed": "1",
    })
    assert response.status_code == 302
    assert response["Location"] == expected

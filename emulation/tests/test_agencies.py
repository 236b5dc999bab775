"""Several issuing agencies in one installation (issue 16): the first agency comes from the settings, each
agency sees only its own, numbers its documents in its own series and prints its own letterhead.
(Every URL refused to another agency's logins: emulation/tests/test_access.py, the other-agency column.)"""
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.models import CouncilMember, Decision, Nomination
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RoundFactory, award
from awards.voting import VotingError, cast_vote, mark_attendance, open_session, session_members
from emulation.documents import next_number
from emulation.documents.tests.pdftools import pdf_text
from emulation.models import Agency, Role, Unit, User
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from awards.workflow import NOMINATION_WORKFLOW
from emulation.workflow import TransitionError
from emulation import demo
from awards.tests.factories import RecordFactory

S = Nomination.Status


@pytest.fixture
def health(db):
    """Sở Y tế: a second agency with its top unit, one unit, its Office and its Director."""
    agency = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation="SYT",
                                   place="Quảng Ngãi", office_chief="Trần Thị Hồng Vân")
    top = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    unit = UnitFactory(code="SYT-NVY", name="Phòng Nghiệp vụ Y", parent=top)

    class Health:
        pass

    Health.agency, Health.top, Health.unit = agency, top, unit
    Health.office = UserFactory(username="vanphong.syt", role=Role.OFFICE, agency=agency)
    Health.director = UserFactory(username="giamdoc.syt", role=Role.DIRECTOR, agency=agency)
    return Health


def test_the_first_agency_is_what_the_settings_held(db, settings):
    first = Agency.objects.primary()
    assert (first.name, first.abbreviation, first.place, first.parent_authority) == (
        settings.ORGANISATION["name"], settings.ORGANISATION["abbreviation"], settings.ORGANISATION["place"],
        settings.ORGANISATION["parent_authority"])
    assert first.legal_base_list == settings.ORGANISATION["legal_bases"]


def test_a_sub_unit_and_its_people_belong_to_the_agency_of_its_top_unit(health):
    team = UnitFactory(code="SYT-NVY-1", name="Tổ Khám chữa bệnh", parent=health.unit)
    head = UserFactory(role=Role.UNIT_HEAD, unit=team)
    assert (team.agency, head.agency) == (health.agency, health.agency)


def test_number_series_are_independent_per_agency(health):
    first = Agency.objects.primary()
    numbers = [next_number("BB-HĐTĐKT", 2025, first), next_number("BB-HĐTĐKT", 2025, health.agency),
               next_number("BB-HĐTĐKT", 2025, first), next_number("BB-HĐTĐKT", 2025, health.agency.pk)]
    assert numbers == [1, 1, 2, 2]


def test_office_of_another_agency_sees_none_of_the_first_agency_units(client, org, health):
    client.force_login(health.office)
    response = client.get(reverse("unit_list"))
    assert "Phòng Nghiệp vụ Y" in response.content.decode()
    assert "Phòng Quản lý đất đai" not in response.content.decode()
    assert client.get(reverse("unit_detail", args=[org.land.pk])).status_code == 404


def test_a_new_top_unit_of_an_office_belongs_to_its_agency(client, health):
    client.force_login(health.office)
    response = client.post(reverse("unit_create"), {"code": "SYT-TTYT", "name": "Trung tâm Y tế huyện", "kind": "center",
                                                    "order": 3, "active": "on"})
    assert response.status_code == 302
    assert Unit.objects.get(code="SYT-TTYT").agency == health.agency


def test_director_approves_only_in_their_agency(client, org, staff_in, health):
    nomination = NominationFactory(staff=staff_in(org.land), status=S.VOTED)
    client.force_login(health.director)
    response = client.post(reverse("awards:nomination_act", args=[nomination.pk]), {"action": "approve"})
    nomination.refresh_from_db()
    assert (response.status_code, nomination.status) == (404, S.VOTED)


def test_the_workflow_refuses_a_transition_by_another_agency_login(org, staff_in, health):
    nomination = NominationFactory(staff=staff_in(org.land), status=S.SUBMITTED)
    with pytest.raises(TransitionError, match="không có quyền"):
        NOMINATION_WORKFLOW.perform(nomination, "pass", actor=health.office)
    assert NOMINATION_WORKFLOW.available(nomination, health.office) == []


def test_the_workflow_refuses_a_set_wise_transition_by_another_agency_login(org, staff_in, health):
    """perform_many (the bulk path of decisions and council closes) asks the same agency question as perform,
    and changes nothing when one object of the set is another agency's."""
    ours = NominationFactory(round=RoundFactory(agency=health.agency), unit=health.unit, award_type=award("CSTDCS"),
                             staff=StaffFactory(unit=health.unit), status=S.SUBMITTED)
    theirs = NominationFactory(staff=staff_in(org.land), status=S.SUBMITTED)
    with pytest.raises(TransitionError, match="không có quyền"):
        NOMINATION_WORKFLOW.perform_many([ours, theirs], "pass", actor=health.office)
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.SUBMITTED}


def test_each_agency_decision_carries_its_own_header_symbol_and_number(client, org, staff_in, health, office_user):
    """The Office of each agency issues a decision of its own round: each PDF has its agency's letterhead and
    symbol, and both are number 01 (independent series)."""
    own = NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"), status=S.APPROVED)
    theirs = NominationFactory(round=RoundFactory(agency=health.agency), unit=health.unit, award_type=award("CSTDCS"),
                               staff=StaffFactory(unit=health.unit, full_name="Hồ Thị Y Tá"), status=S.APPROVED)
    texts = {}
    for user, nomination in ((office_user, own), (health.office, theirs)):
        client.force_login(user)
        form = client.get(reverse("awards:decision_create")).context["form"]
        assert list(form.fields["nominations"].queryset) == [nomination]
        response = client.post(reverse("awards:decision_create"), {
            "symbol": form.initial["symbol"], "signed_on": "20/12/2025", "signer_name": "Người Ký",
            "signer_authority": "director", "summary": "Về việc tặng danh hiệu", "nominations": [nomination.pk]})
        assert response.status_code == 302
        decision = Decision.objects.get(nominations=nomination)
        texts[user.agency.abbreviation] = " ".join(pdf_text(client.get(reverse("awards:decision_pdf",
                                                                               args=[decision.pk])).content).split())
    assert "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in texts["STNMT"] and "Số: 01/QĐ-STNMT" in texts["STNMT"]
    assert "SỞ Y TẾ" in texts["SYT"] and "Số: 01/QĐ-SYT" in texts["SYT"]
    assert "SỞ TÀI NGUYÊN" not in texts["SYT"] and "SỞ Y TẾ" not in texts["STNMT"]


def test_a_plan_of_an_office_takes_its_agency_letterhead_and_symbol(client, health):
    client.force_login(health.office)
    response = client.get(reverse("campaigns:plan_create"))
    form = response.context["form"]
    assert (form["agency"].value(), form["symbol"].value(), form["place"].value()) == ("SỞ Y TẾ", "KH-SYT", "Quảng Ngãi")


def test_create_agency_starts_an_agency_with_its_top_unit_and_office_login(db):
    out = StringIO()
    args = ["--name", "SỞ XÂY DỰNG", "--abbreviation", "sxd", "--parent-authority", "UBND TỈNH QUẢNG NGÃI",
            "--place", "Quảng Ngãi", "--unit-code", "SXD", "--unit-name", "Sở Xây dựng", "--office-login", "vanphong.sxd"]
    call_command("create_agency", *args, stdout=out)
    call_command("create_agency", *args, stdout=out)  # twice: nothing more
    agency = Agency.objects.get(abbreviation="SXD")
    assert Unit.objects.get(code="SXD").agency == agency
    assert User.objects.get(username="vanphong.sxd").agency == agency and Agency.objects.filter(abbreviation="SXD").count() == 1
    assert "Kept login vanphong.sxd." in out.getvalue()


def test_create_agency_starts_a_province_and_an_agency_that_forwards_to_it(db):
    out = StringIO()
    call_command("create_agency", "--name", "BAN THI ĐUA - KHEN THƯỞNG", "--abbreviation", "btđkt", "--kind", "province",
                 "--parent-authority", "SỞ NỘI VỤ TỈNH QUẢNG NGÃI", "--place", "Quảng Ngãi", "--unit-code", "BTDKT",
                 "--unit-name", "Ban Thi đua - Khen thưởng tỉnh", "--office-login", "chuyenvien.btd",
                 "--head-title", "TRƯỞNG BAN", stdout=out)
    call_command("create_agency", "--name", "SỞ XÂY DỰNG", "--abbreviation", "SXD", "--parent-authority",
                 "UBND TỈNH QUẢNG NGÃI", "--place", "Quảng Ngãi", "--unit-code", "SXD", "--unit-name", "Sở Xây dựng",
                 "--office-login", "vanphong.sxd", "--forwards-to", "BTĐKT", stdout=out)
    province = Agency.objects.get(abbreviation="BTĐKT")
    assert province.kind == Agency.Kind.PROVINCE
    assert Agency.objects.get(abbreviation="SXD").province == province


def test_demo_has_a_second_agency_with_its_office_login_and_keeps_the_first_untouched(db):
    demo.seed()
    demo.seed()
    office = User.objects.get(username="vanphong.syt")
    assert office.agency.abbreviation == "SYT" and office.role == Role.OFFICE
    assert Unit.objects.filter(agency=office.agency).count() == 13
    assert User.objects.get(username="vanphong").agency == Agency.objects.primary()


def test_a_person_moved_to_another_agency_keeps_their_history(client, org, staff_in, health):
    person = staff_in(org.land, full_name="Nguyễn Văn Chuyển")
    RecordFactory(staff=person, holder_unit=org.land, award_type=award("LDTT"), year=2023)
    person.unit = health.unit
    person.save()
    client.force_login(health.office)
    page = client.get(reverse("awards:person_history", args=[person.pk])).content.decode()
    assert "Nguyễn Văn Chuyển" in page and "Lao động tiên tiến" in page


def _health_session(health, held_on=date(2025, 12, 5)):
    round_ = RoundFactory(agency=health.agency)
    nomination = NominationFactory(round=round_, staff=StaffFactory(unit=health.unit), status=S.CHECKED)
    return open_session(round=round_, held_on=held_on, agenda=[nomination]), nomination


def test_a_session_counts_and_admits_only_the_council_of_its_agency(org, health):
    first = [CouncilMemberFactory(full_name=f"Sở một {n}") for n in range(3)]
    ours = [CouncilMemberFactory(full_name=f"Sở Y tế {n}", agency=health.agency) for n in range(5)]
    session, nomination = _health_session(health)
    assert session.total_members == 5  # the denominator: Sở Y tế's council only
    assert set(session_members(session)) == set(ours)
    with pytest.raises(VotingError, match="không là thành viên Hội đồng vào ngày họp"):
        mark_attendance(session, first[0])
    with pytest.raises(VotingError, match="không là thành viên Hội đồng vào ngày họp"):
        cast_vote(session, nomination, first[0], agrees=True, method="written")
    assert not session.present.exists() and not session.written.exists()


def test_each_agency_council_numbers_its_minutes_from_one(org, staff_in, health):
    CouncilMemberFactory(agency=health.agency)
    CouncilMemberFactory()
    health_session, _nomination = _health_session(health)
    first_round = RoundFactory()
    first_session = open_session(round=first_round, held_on=date(2025, 12, 5),
                                 agenda=[NominationFactory(round=first_round, staff=staff_in(org.land), status=S.CHECKED)])
    assert (health_session.minutes_number, first_session.minutes_number) == (1, 1)
    assert (health_session.total_members, first_session.total_members) == (1, 1)


def test_the_office_manages_only_its_agency_council_with_its_agency_logins(client, org, health, office_user):
    CouncilMemberFactory(full_name="Thành viên Sở một")
    client.force_login(health.office)
    page = client.get(reverse("awards:member_list")).content.decode()
    assert "Thành viên Sở một" not in page
    data = {"full_name": "Bác sĩ Lê Mới", "position": "member", "valid_from": "01/01/2026", "valid_to": "", "order": 1}
    refused = client.post(reverse("awards:member_create"), {**data, "username": office_user.username})
    assert refused.status_code == 200 and "Không có tài khoản đang hoạt động" in refused.content.decode()
    assert client.post(reverse("awards:member_create"), {**data, "username": health.director.username}).status_code == 302
    member = CouncilMember.objects.get(full_name="Bác sĩ Lê Mới")
    assert (member.agency, member.user) == (health.agency, health.director)
    assert "Bác sĩ Lê Mới" in client.get(reverse("awards:member_list")).content.decode()

"""Demo data of outside nominees (issue 30): one of each kind in the register, on Quảng Ngãi's communes of
2025; an enterprise and a household commended by the province in 2024 (their dossiers went to the province
and came back), then proposed, voted and given the Director's Giấy khen in a 2025 ad hoc round (the second
award reads the first); an outside person's dossier at the province and back in 2025; a foreigner's draft.

Idempotent: nothing is added once the 2025 round of outsiders exists.
"""
from datetime import date

from awards.decisions import issue_decision, record_outcome
from awards.eligibility import evaluate_nomination
from awards.models import (
    AwardKind, AwardRound, AwardType, CouncilMember, EligibilityOverride, Nomination, Outsider,
)
from awards.voting import close_session, open_session, record_vote
from awards.workflow import act
from emulation.models import Unit, User

ROUND_NAME = "Khen thưởng đột xuất tổ chức, cá nhân ngoài Sở năm 2025"
QUANG_NGAI = 51
# (kind, name, fields): communes of Quảng Ngãi (codes of the General Statistics Office, 2025).
OUTSIDERS = [
    (Outsider.Kind.ENTERPRISE, "Công ty TNHH Môi trường Xanh Sa Huỳnh",
     {"tax_code": "4300812345", "commune_code": 21211, "street": "Thôn Trung Sơn"}),
    (Outsider.Kind.HOUSEHOLD, "Phạm Văn Lộc", {"commune_code": 21220, "street": "Thôn Khê Ba"}),
    (Outsider.Kind.PERSON, "Trần Thị Mai", {"birth_year": 1978, "workplace": "Tổ trưởng tổ tự quản môi trường thôn",
                                           "id_number": "051178001234", "commune_code": 21211, "street": "Thôn Mỹ Lại"}),
    (Outsider.Kind.COLLECTIVE, "Đoàn Thanh niên xã Tịnh Khê", {"parent_body": "Ủy ban nhân dân xã Tịnh Khê",
                                                              "commune_code": 21211}),
    (Outsider.Kind.FOREIGNER, "Kenji Tanaka", {"nationality": "Nhật Bản", "birth_year": 1971,
                                               "workplace": "Chuyên gia dự án quản lý chất thải rắn (JICA)"}),
]


def _vote(round_, nominations, office):
    """The council's session on the round: every member present, everyone for; each failed condition set
    aside by the Office with the council's reason (the lawful way, as the Office does)."""
    members = list(CouncilMember.objects.in_force(date(2025, 12, 18), agency_id=round_.agency_id))
    session = open_session(round=round_, held_on=date(2025, 12, 18), present=members, actor=office,
                           place="Phòng họp Sở Tài nguyên và Môi trường")
    for nomination in nominations:
        record_vote(session, nomination, votes_for=len(members), votes_against=0, actor=office)
        for check in evaluate_nomination(nomination).failed:
            EligibilityOverride.objects.create(nomination=nomination, rule_key=check.key, rule_text=check.requirement[:300],
                                               reason="Hội đồng đã xem xét: thành tích khác với lần khen trước.", by=office)
    close_session(session, office)  # its minutes issued and archived
    return session


def seed():
    if AwardRound.objects.filter(name=ROUND_NAME).exists():
        return "outside nominees already loaded"
    users = {u.username: u for u in User.objects.filter(username__in=["vanphong", "giamdoc", "lanhdao.qldd"])}
    office, director, head = users["vanphong"], users["giamdoc"], users["lanhdao.qldd"]
    types = {t.code: t for t in AwardType.objects.filter(code__in=["GK", "GK_TT", "BK_TINH", "BK_TINH_TT"])}
    land = Unit.objects.get(code="QLDD")
    company, family, person, youth, expert = [
        Outsider.objects.create(kind=kind, name=name, province_code=QUANG_NGAI if "commune_code" in fields else None,
                                created_by=office, **fields)
        for kind, name, fields in OUTSIDERS]
    # 2024: the province's Bằng khen to the enterprise and the household (typed in when its decision came).
    earlier = AwardRound.objects.create(name="Khen thưởng đột xuất công tác ứng phó bão lũ năm 2024", kind=AwardKind.AD_HOC,
                                        year=2024, opens_on=date(2024, 10, 1), closes_on=date(2024, 10, 31), is_open=False)
    for outsider, text in ((company, "Hỗ trợ phương tiện thu gom, xử lý rác thải sau bão số 6."),
                           (family, "Hiến 300 m² đất làm đường cứu hộ, cứu nạn.")):
        old = Nomination.objects.create(round=earlier, award_type=types["BK_TINH_TT"], outsider=outsider, unit=land,
                                        path=Nomination.Path.AD_HOC, achievements=text, created_by=head)
        Nomination.objects.filter(pk=old.pk).update(status=Nomination.Status.FORWARDED)
        old.refresh_from_db()
        record_outcome(old, awarded=True, actor=office, decision_number="2105/QĐ-UBND", decision_date=date(2024, 11, 20))
    # 2025: the Director's Giấy khen to both, one proposed by the unit, one by the Office; a person's dossier
    # to the province and back; a foreigner's draft.
    round_ = AwardRound.objects.create(name=ROUND_NAME, kind=AwardKind.AD_HOC, year=2025, opens_on=date(2025, 12, 1),
                                       closes_on=date(2025, 12, 31))
    by_unit = Nomination.objects.create(
        round=round_, award_type=types["GK_TT"], outsider=company, unit=land, path=Nomination.Path.CONTRIBUTION,
        achievements="Tài trợ 500 thùng rác phân loại tại nguồn cho các thôn ven biển.", created_by=head)
    by_office = Nomination.objects.create(
        round=round_, award_type=types["GK_TT"], outsider=family, unit=office.unit, path=Nomination.Path.CONTRIBUTION,
        achievements="Tự nguyện giao đất để mở rộng điểm tập kết chất thải rắn của thôn.", created_by=office)
    citizen = Nomination.objects.create(
        round=round_, award_type=types["BK_TINH"], outsider=person, unit=land, path=Nomination.Path.AD_HOC,
        achievements="Phát hiện, báo tin kịp thời vụ đổ trộm chất thải nguy hại.", created_by=head)
    Nomination.objects.create(round=round_, award_type=types["GK"], outsider=expert, unit=office.unit,
                              path=Nomination.Path.MOVEMENT, created_by=office,
                              achievements="Hỗ trợ kỹ thuật dự án phân loại rác tại nguồn.")
    for nomination, proposer in ((by_unit, head), (by_office, office), (citizen, head)):
        act(nomination, "submit", actor=proposer)
        act(nomination, "pass", actor=office)
    _vote(round_, [by_unit, by_office, citizen], office)
    for nomination in (by_unit, by_office):
        act(nomination, "approve", actor=director, note="Đồng ý")
    act(citizen, "forward", actor=director, note="Trình Chủ tịch UBND tỉnh")
    record_outcome(citizen, awarded=True, actor=office, decision_number="2890/QĐ-UBND", decision_date=date(2025, 12, 29))
    decision = issue_decision(round=round_, nominations=[by_unit, by_office], symbol="QĐ-STNMT", signed_on=date(2025, 12, 22),
                              signer_name=director.get_full_name(), signer_authority="acting",
                              summary="Về việc tặng Giấy khen cho tổ chức, hộ gia đình ngoài Sở", actor=office)
    return f"{len(OUTSIDERS)} outside nominees ({youth.get_kind_display()} in the register only), decision {decision.reference}"

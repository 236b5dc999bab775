"""Demo of the province level (issue 16, stage B): dossiers forwarded by Sở TN&MT and Sở Y tế to the Ban
Thi đua - Khen thưởng tỉnh, one in each state — received (the demo round's Chiến sĩ thi đua cấp tỉnh of
Sở TN&MT, forwarded by its Director), under review, returned with a reason, more documents asked, accepted
(at the provincial council) and decided by the Chủ tịch's decision — each with its achievements report in
its dossier and its round's tờ trình to the province issued; and the provincial council's members.

The provincial council votes online in sessions of the province's own round (“Xét khen thưởng cấp tỉnh năm
2025”): a closed session passed three dossiers (two decided by the Chủ tịch, one waiting for his decision)
and did not pass one; an open session has the accepted dossier on its agenda, waiting for the members'
votes (hoidong.tinh, chutich, chuyenvien.btd are members with logins).

Idempotent: nothing is added when Sở Y tế's demo round exists. Logins: chuyenvien.btd (the province's
Office: the inbox, the council's sessions), chutich (the decisions), hoidong.tinh (a member of the
provincial council: the ballot), vanphong and vanphong.syt (the agencies' nomination pages).
"""
from datetime import date

from django.core.files.base import ContentFile

from awards import forwarding as province
from awards.receipt import receive
from awards.documents import PROPOSAL_KINDS, achievements_file, issue_proposal
from awards.models import AwardRound, AwardType, CouncilMember, DossierFile, Forwarding, Nomination
from awards.voting import cast_vote, close_session, members_in_force, open_session
from emulation.documents import Signature, SignAuthority, issued_document
from emulation.models import Agency, Staff, User

HEALTH_ROUND = "Xét khen thưởng năm 2025 (Sở Y tế)"
PROVINCE_ROUND = "Xét khen thưởng cấp tỉnh năm 2025"
STNMT_ROUND = "Khen thưởng chuyên đề năm 2025 (Sở TN&MT)"


def _forward(round_, award, staff, director, text):
    """A nomination the agency's council and Director passed (its content frozen), forwarded to the province."""
    nomination = Nomination.objects.create(round=round_, award_type=award, staff=staff, unit=staff.unit,
                                           achievements=text)
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.FORWARDED, frozen=nomination.snapshot())
    nomination.refresh_from_db()
    DossierFile.objects.create(nomination=nomination, name="bao-cao-thanh-tich.pdf",
                               file=ContentFile(achievements_file(nomination), name="bao-cao-thanh-tich.pdf"),
                               uploaded_by=director)
    return receive(nomination, actor=director)


def _council(agency, users):
    if CouncilMember.objects.filter(agency=agency).exists():
        return
    rows = [("Đặng Văn Minh", "Chủ tịch UBND tỉnh", CouncilMember.Position.CHAIR, "chutich"),
            ("Nguyễn Hoàng Sơn", "Phó Chủ tịch UBND tỉnh", CouncilMember.Position.VICE_CHAIR, None),
            ("Trương Thị Lệ", "Giám đốc Sở Nội vụ", CouncilMember.Position.STANDING, None),
            ("Huỳnh Thị Kim Ngân", "Chuyên viên Ban Thi đua - Khen thưởng", CouncilMember.Position.SECRETARY, "chuyenvien.btd"),
            ("Lê Quang Vinh", "Chủ tịch Liên đoàn Lao động tỉnh", CouncilMember.Position.MEMBER, "hoidong.tinh"),
            ("Phạm Thị Thu", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", CouncilMember.Position.MEMBER, None),
            ("Võ Minh Tuấn", "Giám đốc Sở Tài chính", CouncilMember.Position.MEMBER, None)]
    for order, (name, title, position, username) in enumerate(rows):
        CouncilMember.objects.create(full_name=name, title=title, position=position, order=order, agency=agency,
                                     valid_from=date(2024, 1, 1), user=users.get(username))


def _province_session(round_, held_on, votes, *, office, close=True, voters=None):
    """A session of the provincial council on `votes` ((dossier, agrees) each): every member present votes
    online (or only `voters` of them, the session left open); closed by the province's Office."""
    members = list(members_in_force(held_on, round_.agency_id))
    session = open_session(round=round_, held_on=held_on, place="Hội trường Ủy ban nhân dân tỉnh",
                           agenda=[dossier.nomination for dossier, _agrees in votes],
                           present=members if close else members[:voters], actor=office)
    for dossier, agrees in votes:
        for member in (members if close else members[:voters]):
            if member.user_id is None or close:
                cast_vote(session, dossier.nomination, member, agrees=agrees)
    if close:
        close_session(session, office)
    return session


def _proposal(round_, office, director):
    if issued_document(round_, PROPOSAL_KINDS[True]) is None:
        issue_proposal(round_, True, issue_date=date(2025, 12, 12), actor=office,
                       signature=Signature.of(SignAuthority.DIRECTOR, director.get_full_name()))


def _people(agency, count, exclude=()):
    return list(Staff.objects.filter(unit__agency=agency, user__isnull=True, unit__parent__isnull=False)
                .exclude(pk__in=exclude).exclude(nominations__year=2025).order_by("pk")[:count])


def seed():
    if AwardRound.objects.filter(name=HEALTH_ROUND).exists():
        return "province: already loaded"
    btd = Agency.objects.filter(kind=Agency.Kind.PROVINCE).order_by("pk").first()
    health = Agency.objects.filter(abbreviation="SYT").first()
    stnmt = Agency.objects.filter(kind=Agency.Kind.AGENCY).order_by("pk").first()
    users = {u.username: u for u in User.objects.filter(username__in=[
        "chuyenvien.btd", "chutich", "hoidong.tinh", "vanphong", "giamdoc", "vanphong.syt", "giamdoc.syt"])}
    if btd is None or health is None or len(users) < 7:
        return "province: the agencies' demo is missing"
    _council(btd, users)
    types = {t.code: t for t in AwardType.objects.filter(code__in=["CSTDT", "BK_TINH"])}
    specialist, chairman = users["chuyenvien.btd"], users["chutich"]

    health_round = AwardRound.objects.create(name=HEALTH_ROUND, year=2025, opens_on=date(2025, 11, 1),
                                             closes_on=date(2025, 12, 10), agency=health)
    stnmt_round = AwardRound.objects.create(name=STNMT_ROUND, year=2025, opens_on=date(2025, 11, 1),
                                            closes_on=date(2025, 12, 10), agency=stnmt, kind="thematic")
    h = _people(health, 6)
    s = _people(stnmt, 2)
    text = "Có thành tích xuất sắc trong công tác {}, được Hội đồng Thi đua - Khen thưởng của cơ quan đề nghị."
    under_review = _forward(health_round, types["BK_TINH"], h[0], users["giamdoc.syt"], text.format("phòng, chống dịch bệnh"))
    more_docs = _forward(health_round, types["BK_TINH"], h[1], users["giamdoc.syt"], text.format("kiểm nghiệm dược phẩm"))
    accepted = _forward(health_round, types["BK_TINH"], h[2], users["giamdoc.syt"], text.format("an toàn thực phẩm"))
    decided_health = _forward(health_round, types["BK_TINH"], h[3], users["giamdoc.syt"], text.format("dân số"))
    returned = _forward(stnmt_round, types["BK_TINH"], s[0], users["giamdoc"], text.format("quản lý đất đai"))
    decided_stnmt = _forward(stnmt_round, types["BK_TINH"], s[1], users["giamdoc"], text.format("bảo vệ môi trường"))
    passed = _forward(health_round, types["BK_TINH"], h[4], users["giamdoc.syt"], text.format("khám, chữa bệnh"))
    not_passed = _forward(health_round, types["BK_TINH"], h[5], users["giamdoc.syt"], text.format("hành chính"))
    _proposal(health_round, users["vanphong.syt"], users["giamdoc.syt"])
    _proposal(stnmt_round, users["vanphong"], users["giamdoc"])

    province.act(under_review, "review", actor=specialist)
    province.act(more_docs, "ask_documents", actor=specialist,
                 reason="Bổ sung bản sao quyết định công nhận sáng kiến và xác nhận của Thủ trưởng đơn vị.")
    province.act(returned, "review", actor=specialist)
    province.act(returned, "return", actor=specialist,
                 reason="Thành tích chưa nêu rõ số liệu, hiệu quả; đề nghị cơ quan hoàn chỉnh báo cáo thành tích.")
    for dossier in (accepted, decided_health, decided_stnmt, passed, not_passed):
        province.act(dossier, "review", actor=specialist)
        province.act(dossier, "accept", actor=specialist)
    # The provincial council: a closed session (three passed, one not), then an open one on the accepted dossier.
    council_round = AwardRound.objects.create(name=PROVINCE_ROUND, year=2025, opens_on=date(2025, 12, 1),
                                              closes_on=date(2025, 12, 31), agency=btd)
    _province_session(council_round, date(2025, 12, 18), [(decided_health, True), (decided_stnmt, True),
                                                          (passed, True), (not_passed, False)], office=specialist)
    _province_session(council_round, date(2025, 12, 26), [(accepted, True)], office=specialist, close=False,
                      voters=4)
    decision = province.issue_province_decision(
        [decided_health, decided_stnmt], actor=chairman, signed_on=date(2025, 12, 22),
        signer_name=chairman.get_full_name() or "Đặng Văn Minh", signer_authority="chairman",
        summary="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    return (f"province: {Forwarding.objects.count()} forwarded dossiers, decision {decision.reference}, "
            f"{CouncilMember.objects.filter(agency=btd).count()} provincial council members")

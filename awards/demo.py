"""Demo data of the awards app: award history 2021–2025 consistent with the rules, initiatives, the
council, a 2025 round with nominations in every state, a council session and a decision.

Idempotent: everything is created in one go the first time (seed_demo runs each app in a transaction);
when the 2025 round exists, nothing is added. History rows follow the rules on purpose: Đặng Đình Khoa
holds Chiến sĩ thi đua cơ sở in 2023 and 2024 (proposed again for 2025, and for the provincial title),
Võ Văn Đông holds it in 2022 and 2024 only (a gap), so his provincial proposal fails the check.
"""
import io
import random
from datetime import date

from awards import demo_money, demo_outsiders
from awards.catalogue_data import load as load_catalogue
from awards.decisions import issue_decision, record_outcome
from awards.models import (
    AwardKind, AwardRecord, AwardRound, AwardType, CouncilMember, Evaluation, Initiative, Nomination,
    Registration, RegistrationLine, Rule, RuleSet,
)
from awards.voting import (
    cast_vote, close_session, mark_attendance, open_agenda, open_session, record_vote, session_members,
)
from awards.workflow import act
from emulation.documents.numbering import reserve_number
from emulation.models import Delegation, Staff, Unit, User, primary_agency_id
import tablib
from awards.resources import NominationResource
from emulation.exports import office_workbook
from emulation.imports import confirm_import, preview_import
from emulation.permissions import managed_units
from awards.disclosure import answer, publish, set_public
from awards.models import Disclosure, DisclosureComment
from awards.documents import issue_proposal, office_chief_signature
from awards.workflow import REGISTRATION_WORKFLOW
from awards import demo_province

ROUND_NAME = "Xét khen thưởng tổng kết năm 2025"
#: The day of the council's online session of the demo round (open: `hoidong` may still vote in it).
ONLINE_SESSION_DAY = date(2025, 12, 15)
L = Evaluation.Level
# Lao động tiên tiến of 2025 was decided before the round (a decision numbered outside the software).
OLD_DECISIONS = {2021: ("12/QĐ-STNMT", date(2022, 1, 14)), 2022: ("09/QĐ-STNMT", date(2023, 1, 12)),
                 2023: ("15/QĐ-STNMT", date(2024, 1, 18)), 2024: ("11/QĐ-STNMT", date(2025, 1, 16)),
                 2025: ("20/QĐ-STNMT", date(2025, 12, 10))}


def _record(award, year, *, staff=None, unit=None):
    number, day = OLD_DECISIONS[year]
    AwardRecord.objects.create(
        staff=staff, unit=unit, award_type=award, year=year, kind=AwardKind.REGULAR, decision_number=number,
        decision_date=day, issuing_authority=award.deciding_body, source=AwardRecord.Source.IMPORTED,
    )


def _history(types, units, people, proposed):
    rng = random.Random(2021)
    staff = list(Staff.objects.filter(unit__code__in=["QLDD", "MT", "MT-KSON", "MT-TDDG"], active=True).order_by("pk"))
    khoa, dong = people["canbo"], people["lanhdao.qldd"]
    for person in staff:
        for year in range(2021, 2026):
            level = rng.choice([L.GOOD, L.GOOD, L.GOOD, L.EXCELLENT, L.COMPLETED])
            if person in (khoa, dong):
                level = L.EXCELLENT
            Evaluation.objects.create(staff=person, year=year, level=level)
            if level >= L.GOOD and (year < 2025 or person not in proposed):
                _record(types["LDTT"], year, staff=person)
    for year in (2023, 2024):
        _record(types["CSTDCS"], year, staff=khoa)
    for year in (2022, 2024):
        _record(types["CSTDCS"], year, staff=dong)
    for code in ("QLDD", "MT"):
        for year in range(2021, 2026):
            Evaluation.objects.create(unit=units[code], year=year, level=L.EXCELLENT if year % 2 else L.GOOD)
        for year in (2023, 2024):
            _record(types["TTLDTT"], year, unit=units[code])
    initiatives = [
        ("Số hóa hồ sơ địa chính bằng mã QR trên giấy chứng nhận", [khoa], units["QLDD"], Initiative.Level.PROVINCE, 2025, "245/QĐ-UBND"),
        ("Quy trình rút gọn thẩm định giá đất cụ thể", [khoa], units["QLDD"], Initiative.Level.BASE, 2024, "31/QĐ-STNMT"),
        ("Bản đồ số theo dõi biến động đất công", [dong], units["QLDD"], Initiative.Level.BASE, 2024, "31/QĐ-STNMT"),
        ("Cảnh báo sớm ô nhiễm nước mặt bằng trạm quan trắc tự động", [people["lanhdao.mt"]], units["MT"], Initiative.Level.BASE, 2025, "40/QĐ-STNMT"),
    ]
    created = []
    for title, authors, unit, level, year, number in initiatives:
        initiative = Initiative.objects.create(title=title, unit=unit, level=level, year=year, decision_number=number)
        initiative.authors.set(authors)
        created.append(initiative)
    return created


def _council(people):
    agency_id = primary_agency_id()
    members = [
        (people["giamdoc"].full_name, "Quyền Giám đốc Sở", CouncilMember.Position.CHAIR, "giamdoc"),
        (people["phogiamdoc"].full_name, "Phó Giám đốc Sở", CouncilMember.Position.VICE_CHAIR, "phogiamdoc"),
        (people["vanphong"].full_name, "Chuyên viên Văn phòng", CouncilMember.Position.SECRETARY, "vanphong"),
        (people["hoidong"].full_name, "Chủ tịch Công đoàn Sở", CouncilMember.Position.MEMBER, "hoidong"),
        (people["lanhdao.qldd"].full_name, "Trưởng phòng Quản lý đất đai", CouncilMember.Position.MEMBER, "lanhdao.qldd"),
        (people["lanhdao.mt"].full_name, "Chi cục trưởng Chi cục Bảo vệ môi trường", CouncilMember.Position.MEMBER, "lanhdao.mt"),
    ]
    for code in ("VP", "TTRA", "KHTC"):
        head = Staff.objects.filter(unit__code=code).order_by("pk").first()
        members.append((head.full_name, f"{head.position} {head.unit.short_name}", CouncilMember.Position.MEMBER, None))
    return [
        CouncilMember.objects.create(full_name=name, title=title, position=position, order=order, valid_from=date(2024, 1, 1),
                                     agency_id=agency_id,  # the first agency's council (the demo's Sở)
                                     user=User.objects.filter(username=username).first() if username else None)
        for order, (name, title, position, username) in enumerate(members)
    ]


def _online_session(round_, office):
    """The council's online session of the round: opened by the Office with what waits for the council,
    six members present (four marked themselves, two by the Office), three votes cast online and one
    written opinion; `hoidong` has not voted yet. Added once (also to a database seeded before it)."""
    if round_.sessions.filter(held_on=ONLINE_SESSION_DAY).exists():
        return None
    agenda = list(open_agenda(round_))
    if not agenda:
        return None
    session = open_session(round=round_, held_on=ONLINE_SESSION_DAY, place="Phòng họp trực tuyến của Sở",
                           agenda=agenda, actor=office)
    members = list(session_members(session))
    linked = {member.user.username: member for member in members if member.user_id}
    unlinked = [member for member in members if not member.user_id]
    voters = [linked[name] for name in ("giamdoc", "phogiamdoc", "vanphong") if name in linked]
    for member in voters + [linked[name] for name in ("lanhdao.mt",) if name in linked] + unlinked[:2]:
        mark_attendance(session, member)
    for nomination in agenda:
        for member in voters:
            cast_vote(session, nomination, member, agrees=True)
        for member in unlinked[2:3]:
            cast_vote(session, nomination, member, agrees=True, method="written")
    return session


def _nominate(round_, award, staff=None, unit=None, initiatives=(), text="Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2025."):
    nomination = Nomination.objects.create(
        round=round_, award_type=award, staff=staff, nominee_unit=unit, unit=staff.unit if staff else unit, achievements=text,
    )
    nomination.initiatives.set(initiatives)
    return nomination


def _import_list(round_, head, people):
    """The unit's list of proposed awardees in the office layout, imported as the unit head would."""

    if not people:
        return
    rows = tablib.Dataset(headers=["Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đơn vị", "Hình thức, danh hiệu đề nghị"])
    for person in people:
        born = person.date_of_birth.strftime("%d/%m/%Y") if person.date_of_birth else ""
        rows.append([person.full_name, person.get_gender_display() if person.gender else "", born, person.position,
                     person.unit.name, "LĐTT"])
    buffer = io.BytesIO()
    office_workbook("Danh sách đối tượng đề nghị khen thưởng", rows, subtitle=round_.name).save(buffer)

    def resource():
        return NominationResource(allowed_units=managed_units(head), round=round_)

    report, run = preview_import(resource().run_kind, resource(), buffer.getvalue(), "ds-de-nghi-qldd-2025.xlsx", user=head)
    if report.ok:
        confirm_import(run.kind, resource(), run.token, user=head)


DEPARTMENT_QUOTA = ("Quy chế thi đua, khen thưởng nội bộ của Sở: Chiến sĩ thi đua cơ sở không quá 15 % số cá nhân "
                    "được đề nghị Lao động tiên tiến của đơn vị trong đợt (làm tròn xuống; đơn vị nào cũng được "
                    "đề nghị ít nhất 1 người)")


def _department_quota(types):
    """The Department's own cap on Chiến sĩ thi đua cơ sở (the 2022 Law sets none; the old 15 % of NĐ
    91/2017 expired on 01/01/2024): a warning in the list of nominations. Only where no quota is set, so a
    quota the Office set is kept."""
    AwardType.objects.filter(code="CSTDCS", quota_percent__isnull=True, quota_basis="").update(
        quota_percent=15, quota_base=types["LDTT"], quota_basis=DEPARTMENT_QUOTA,
        quota_rounding=AwardType.QuotaRounding.DOWN, quota_minimum=1)


def _disclosure(round_, people, users):
    """The round's proposed awardees published to every staff member for five days, with a comment from
    a staff member that the Office answered (issue 13 §3), also made public with a citizen's answered comment
    (issue 31 §11). Once per round."""
    if Disclosure.objects.filter(round=round_).exists():
        return
    disclosure = publish(round_, days=5, actor=users["vanphong"], today=date(2025, 12, 6),
                         note="Đề nghị cán bộ, công chức, viên chức, người lao động xem danh sách và phản ánh (nếu có) "
                              "về Văn phòng Sở trước ngày 10/12/2025.")
    comment = DisclosureComment.objects.create(
        disclosure=disclosure, author=users["canbo"],
        text="Đề nghị làm rõ sáng kiến cấp tỉnh làm căn cứ đề nghị Chiến sĩ thi đua cấp tỉnh.")
    answer(comment, "Sáng kiến “Số hóa hồ sơ địa chính bằng mã QR trên giấy chứng nhận” được UBND tỉnh công nhận "
           "tại Quyết định số 245/QĐ-UBND; hồ sơ kèm theo đề nghị.", actor=users["vanphong"])
    # Also on the Department's public page (/cong-khai/<abbreviation>/), with a comment from a citizen (issue 31 §11).
    set_public(disclosure, True, actor=users["vanphong"])
    citizen = DisclosureComment.objects.create(
        disclosure=disclosure, sender="Phạm Văn Dũng", contact="0905 246 810",
        text="Tôi là người dân phường Nghĩa Chánh, xin xác nhận cán bộ Phòng Quản lý đất đai đã hỗ trợ tận tình khi tôi làm thủ tục đất đai.")
    answer(citizen, "Văn phòng Sở cảm ơn ông đã góp ý; ý kiến đã được ghi nhận trong hồ sơ xét khen thưởng.",
           actor=users["vanphong"])


def seed():
    # The catalogue comes with migration 0002; a database flushed since (transactional tests) gets it here.
    load_catalogue(AwardType, RuleSet, Rule)
    _department_quota({t.code: t for t in AwardType.objects.all()})
    existing = AwardRound.objects.filter(name=ROUND_NAME).first()
    if existing is not None:
        # Parts added to a demo loaded before they existed.
        users = {u.username: u for u in User.objects.filter(username__in=["vanphong", "canbo"])}
        if len(users) == 2:
            _disclosure(existing, None, users)
        added = _online_session(existing, User.objects.get(username="vanphong"))

        return ("already loaded" + (", online council session added" if added else "") + "; " + demo_province.seed()
                + "; " + demo_money.seed() + "; " + demo_outsiders.seed())
    types = {t.code: t for t in AwardType.objects.all()}
    units = {u.code: u for u in Unit.objects.filter(code__in=["QLDD", "MT", "MT-KSON"])}
    users = {u.username: u for u in User.objects.all()}
    people = {u.username: u.staff_record for u in users.values() if hasattr(u, "staff_record")}
    qldd = list(Staff.objects.filter(unit__code="QLDD", user__isnull=True).order_by("pk")[:5])
    mt = list(Staff.objects.filter(unit__code__in=["MT", "MT-KSON"], user__isnull=True).order_by("pk")[:4])
    initiatives = _history(types, units, people, proposed=set(qldd[:4] + mt[:1]))
    reserve_number("QĐ-STNMT", 2025, 20)
    members = _council(people)
    Delegation.objects.create(deputy=users["phogiamdoc"], granted_by=users["giamdoc"], valid_from=date(2025, 12, 15),
                              valid_to=None, document="Giấy ủy quyền số 05/GUQ-STNMT")
    round_ = AwardRound.objects.create(name=ROUND_NAME, kind=AwardKind.REGULAR, year=2025,
                                       opens_on=date(2025, 11, 1), closes_on=date(2025, 12, 10))
    qldd_head, mt_head, office, director = users["lanhdao.qldd"], users["lanhdao.mt"], users["vanphong"], users["giamdoc"]
    khoa, dong = people["canbo"], people["lanhdao.qldd"]

    _nominate(round_, types["LDTT"], qldd[0])  # draft
    _import_list(round_, qldd_head, qldd[4:5])  # a draft from the unit's list, the file on its timeline
    act(_nominate(round_, types["LDTT"], mt[0]), "submit", actor=mt_head)  # submitted
    returned = _nominate(round_, types["GK"], mt[1], text="Có thành tích trong phong trào cải cách hành chính.")
    act(returned, "submit", actor=mt_head)
    act(returned, "return", actor=office, note="Bổ sung báo cáo thành tích có xác nhận của thủ trưởng đơn vị.")
    checked = _nominate(round_, types["LDTT"], qldd[1])
    checked_secret = _nominate(round_, types["CSTDCS"], mt[3], text="Hoàn thành xuất sắc nhiệm vụ; sáng kiến cảnh báo sớm ô nhiễm.")
    voting = [
        (_nominate(round_, types["CSTDCS"], khoa), 9),  # stays voted: to approve
        (_nominate(round_, types["LDTT"], qldd[2]), 8),  # stays voted: to approve
        (_nominate(round_, types["CSTDCS"], mt[2]), 9),  # approved, waits for the decision
        (_nominate(round_, types["LDTT"], qldd[3]), 9),  # decided
        (_nominate(round_, types["TTLDTT"], unit=units["QLDD"], text="Tập thể hoàn thành tốt nhiệm vụ năm 2025."), 9),  # decided
        (_nominate(round_, types["CSTDT"], khoa, initiatives=initiatives[:1], text="Ba năm liên tục đạt Chiến sĩ thi đua cơ sở; sáng kiến cấp tỉnh."), 9),  # forwarded
        (_nominate(round_, types["CSTDT"], dong, initiatives=initiatives[2:3]), 6),  # not passed, rejected
    ]
    for nomination in [checked, checked_secret] + [n for n, _ in voting]:
        head = qldd_head if nomination.unit.path.startswith(units["QLDD"].path) else mt_head
        act(nomination, "submit", actor=head)
        act(nomination, "pass", actor=office)
    session = open_session(round=round_, held_on=date(2025, 12, 5), present=members[:8], written=members[8:],
                           place="Phòng họp Sở Tài nguyên và Môi trường")
    for nomination, votes in voting:
        record_vote(session, nomination, votes_for=votes, votes_against=9 - votes, actor=office)
    _disclosure(round_, people, users)

    close_session(session, office)  # its minutes are issued and archived (with a verification code)
    approved, decided_one, decided_two, forwarded, rejected = [n for n, _ in voting[2:]]
    for nomination in (approved, decided_one, decided_two):
        act(nomination, "approve", actor=director, note="Đồng ý")
    act(forwarded, "forward", actor=director, note="Trình Chủ tịch UBND tỉnh")
    act(rejected, "reject", actor=director, note="Không đạt tỷ lệ phiếu; chưa đủ 3 năm liên tục Chiến sĩ thi đua cơ sở.")
    decision = issue_decision(
        round=round_, nominations=[decided_one, decided_two], symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
        signer_name=people["giamdoc"].full_name, signer_authority="acting",
        summary="Về việc tặng danh hiệu thi đua năm 2025", actor=office,
    )
    issue_proposal(round_, False, issue_date=date(2025, 12, 10), signature=office_chief_signature(round_.agency), actor=office)
    previous = AwardRound.objects.create(name="Khen thưởng đột xuất năm 2024", kind=AwardKind.AD_HOC, year=2024,
                                         opens_on=date(2024, 9, 1), closes_on=date(2024, 9, 30), is_open=False)
    old = _nominate(previous, types["BK_TINH"], mt[3], text="Tham gia ứng cứu sự cố tràn dầu ven biển.")
    Nomination.objects.filter(pk=old.pk).update(status=Nomination.Status.FORWARDED)
    old.refresh_from_db()
    record_outcome(old, awarded=True, actor=office, decision_number="1820/QĐ-UBND", decision_date=date(2024, 10, 15))
    registration = Registration.objects.create(unit=units["QLDD"], year=2025, collective_title=types["TTLDTT"],
                                               commitment="Hoàn thành 100 % chỉ tiêu cấp giấy chứng nhận.")
    RegistrationLine.objects.bulk_create([
        RegistrationLine(registration=registration, staff=person, award_type=types["LDTT"]) for person in qldd
    ] + [RegistrationLine(registration=registration, staff=khoa, award_type=types["CSTDCS"], commitment="Có sáng kiến cấp tỉnh")])

    REGISTRATION_WORKFLOW.perform(registration, "submit", actor=qldd_head)
    REGISTRATION_WORKFLOW.perform(registration, "receive", actor=office)
    Registration.objects.create(unit=units["MT"], year=2025, collective_title=types["TTLDXS"], commitment="Giảm 20 % hồ sơ trễ hạn.")
    _online_session(round_, office)

    return (f"{AwardRecord.objects.count()} award records, {Nomination.objects.count()} nominations, "
            f"council session {session.minutes_number:02d}, decision {decision.reference}; {demo_province.seed()}; "
            f"{demo_money.seed()}; {demo_outsiders.seed()}")

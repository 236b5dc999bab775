"""The world the generated access test (test_access.py) asks every URL about, built once per test module.

Two units side by side under the Department: Phòng Quản lý đất đai (“own”: the unit of the unit head
`head` and of the staff member `staff`, with a sub-unit) and Chi cục Bảo vệ môi trường (“other”: the
unit of `other_head`). Every object that belongs to a unit exists twice, once in each (`world.own[...]`,
`world.other[...]`); objects that belong to no unit (rounds, sessions, decisions, periods, plans, the
catalogue) exist once (`world.shared[...]`).

The identities, in the order of the table's columns (IDENTITIES): anonymous, a staff member with a login
and a staff record of their own, a council member, the head of the own unit, the head of the other unit,
the Office, the Director, a Deputy Director without any delegation, the administrator.

Everything above belongs to the first agency (the Department); the province's standing body (Ban Thi đua –
Khen thưởng) has a draft summary of its own across them, which no login of
either agency may reach (`world.shared["province_summary"]`). A second agency (Sở Y tế) has a unit and
one login per role (OTHER_AGENCY, `world.users["agency_b:office"]` …): the other-agency column of the
access test asks each of them about every URL of the first agency's objects.
"""
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from awards.models import (
    AwardRound, BaseSalary, Decision, DossierFile, Exemplar, FundSource, RewardFund, Forwarding, Nomination, Outsider,
    ProvinceDecision, Registration,
)
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RecordFactory, award
from awards.voting import open_session
from campaigns.models import Evidence, PlanStatus, ReportingPeriod, ReportVersion
from campaigns.reporting import snapshot, start_report
from campaigns.tests.factories import ContentItemFactory, PlanFactory, TargetFactory
from emulation.documents import issue_document
from emulation.documents.models import SigningKey
from reports.workflow import create_summary
from emulation.jobs.models import Job, JobStatus
from emulation.models import Agency, Notification, Role
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from scoring.models import Block
from scoring.tests.factories import scoring_table
from scoring.workflow import open_table
from reports.workflow import create_province_summary
from awards.models import RuleSet
from awards.models import Disclosure, DisclosureComment

IDENTITIES = ("anon", "staff", "council", "head", "other_head", "office", "director", "deputy", "admin")
#: The logins of another agency, each with the identity of the first agency it mirrors.
OTHER_AGENCY = {"agency_b:staff": "staff", "agency_b:council": "council", "agency_b:head": "head",
                "agency_b:office": "office", "agency_b:director": "director", "agency_b:admin": "admin"}
#: The first bytes that make a stored upload a PDF (emulation.uploads checks content, not names).
PDF_BYTES = b"%PDF-1.4\n% access test\n"


class World:
    def __init__(self):
        self.users = {"anon": None}
        self.own = {}
        self.other = {}
        self.shared = {}

    def side(self, variant):
        return self.own if variant == "own" else self.other


def _issue(subject, kind, title, number, units=()):
    return issue_document(subject, kind, "reports/demo_attachment.html",
                          {"nomination": {"nominee_name": title, "award_type": {"name": ""}}},
                          number=number, symbol="QĐ-STNMT", issue_date=date(2025, 6, 1), title=title,
                          signer_name="Trần Văn Phước", units=units)


def _other_agency(world):
    """Sở Y tế: its own top unit, a unit, and one login per role (none of them may reach the first agency)."""
    agency = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation="SYT",
                                   place="Quảng Ngãi", office_chief="Đỗ Văn Phòng")
    top = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    unit = UnitFactory(code="SYT-NVY", name="Phòng Nghiệp vụ Y", parent=top)
    world.agency_b = agency
    users = world.users
    users["agency_b:staff"] = UserFactory(username="canbo.syt", role=Role.STAFF, unit=unit)
    StaffFactory(unit=unit, full_name="Hồ Thị Y Tá", user=users["agency_b:staff"], identity_number="051090000009")
    users["agency_b:council"] = UserFactory(username="hoidong.syt", role=Role.COUNCIL, agency=agency)
    users["agency_b:head"] = UserFactory(username="lanhdao.nvy", role=Role.UNIT_HEAD, unit=unit)
    users["agency_b:office"] = UserFactory(username="vanphong.syt", role=Role.OFFICE, agency=agency)
    users["agency_b:director"] = UserFactory(username="giamdoc.syt", role=Role.DIRECTOR, agency=agency)
    users["agency_b:admin"] = UserFactory(username="quantri.syt", role=Role.ADMIN, agency=agency)


def _province(world):
    """The province's standing body with its own draft summary (reports.province): no login of either
    agency may reach it. The agencies are not linked to it here (`Agency.province` stays empty), so that the
    catalogue rows keep their meaning: a Department forwarding to no standing body keeps the law itself."""
    province = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN THI ĐUA - KHEN THƯỞNG", abbreviation="BTĐKT",
                                     parent_authority="SỞ NỘI VỤ TỈNH QUẢNG NGÃI", place="Quảng Ngãi")
    office = UserFactory(username="chuyenvien.btd", role=Role.OFFICE, agency=province)
    summary = create_province_summary(province, "year", 2025, actor=office, title="Tổng kết công tác thi đua của tỉnh")
    type(summary).objects.filter(pk=summary.pk).update(results="Các sở, ban, ngành triển khai đều khắp.")
    summary.refresh_from_db()
    world.province = province
    world.shared["province_summary"] = summary
    return province


def build_world():
    """Every object the table's URLs point at; see the module docstring for the layout."""
    world = World()
    department = UnitFactory(code="SO", name="Sở Thử nghiệm", kind="department")
    land = UnitFactory(code="QLDD", name="Phòng Quản lý đất đai", parent=department, order=1)
    land_team = UnitFactory(code="QLDD-1", name="Tổ Đăng ký", parent=land)
    env = UnitFactory(code="MT", name="Chi cục Bảo vệ môi trường", parent=department, kind="sub_department", order=2)
    world.shared.update(department=department, land_team=land_team)
    world.own["unit"], world.other["unit"] = land, env

    users = world.users
    users["staff"] = UserFactory(username="canbo", role=Role.STAFF, unit=land)
    users["council"] = UserFactory(username="hoidong", role=Role.COUNCIL)
    users["head"] = UserFactory(username="lanhdao.qldd", role=Role.UNIT_HEAD, unit=land)
    users["other_head"] = UserFactory(username="lanhdao.mt", role=Role.UNIT_HEAD, unit=env)
    users["office"] = UserFactory(username="vanphong", role=Role.OFFICE)
    users["director"] = UserFactory(username="giamdoc", role=Role.DIRECTOR)
    users["deputy"] = UserFactory(username="phogiamdoc", role=Role.DEPUTY_DIRECTOR)
    users["admin"] = UserFactory(username="quantri", role=Role.ADMIN)

    # People: the staff member's own record is the own unit's person; the other is a person of the other unit.
    world.own["staff"] = StaffFactory(unit=land, full_name="Nguyễn Văn Cán", user=users["staff"], identity_number="051090000001")
    world.other["staff"] = StaffFactory(unit=env, full_name="Lê Thị Môi", identity_number="051090000002")
    for side in (world.own, world.other):
        RecordFactory(staff=side["staff"], award_type=award("LDTT"), year=2024)

    # Plans: an issued plan (every logged-in role reads it) and a draft (the Office and the Director only).
    issued = PlanFactory(status=PlanStatus.ISSUED, number=45, number_year=2025, year_from=2025, year_to=2025)
    first = ContentItemFactory(plan=issued, text="Cải cách hành chính.", order=1)
    TargetFactory(plan=issued, item=first, indicator="Tỷ lệ hồ sơ đúng hạn", unit_of_measure="%", target_value=100)
    draft = PlanFactory(status=PlanStatus.DRAFT, year_from=2026, year_to=2026)
    item = ContentItemFactory(plan=draft, text="Nội dung thi đua của bản thảo.", order=1)
    ContentItemFactory(plan=draft, text="Nội dung thứ hai.", order=2)
    world.shared.update(plan=issued, draft_plan=draft, draft_item=item)

    # A reporting period of both units; each unit's report as a draft with one evidence file.
    # Due soon after today: a page counts the working days to (or past) the due date one day at a time.
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(plan=issued, kind="quarter", name="Quý I", start=today - timedelta(days=90),
                                            end=today - timedelta(days=1), due=today + timedelta(days=10))
    period.units.set([land, env])
    world.shared["period"] = period
    for side, head in ((world.own, users["head"]), (world.other, users["other_head"])):
        report = start_report(period, side["unit"], actor=head)
        side["report"] = report
        side["evidence"] = Evidence.objects.create(
            report=report, item=first, file=ContentFile(PDF_BYTES, name="minh-chung.pdf"), original_name="minh-chung.pdf",
            size=len(PDF_BYTES), uploaded_by=head)
        # A submitted version to open (issue 31 §8), written as the workflow writes it, the report left a draft.
        ReportVersion.objects.create(report=report, number=1, snapshot=snapshot(report), author=head,
                                     submitted_at=timezone.now())
    # A second period in which no unit has started its report (the board cell's “start” page).
    blank_period = ReportingPeriod.objects.create(plan=issued, kind="quarter", name="Quý II", start=today,
                                                  end=today + timedelta(days=90), due=today + timedelta(days=100))
    blank_period.units.set([land, env])
    world.shared["blank_period"] = blank_period

    # Awards: one open round; per unit a draft nomination (the unit head may still edit it) and one the Office
    # passed to the council (council members read it), each with a dossier file; registrations as drafts.
    province = _province(world)
    world.shared["province_decision"] = ProvinceDecision.objects.create(
        agency=province, number=3, symbol="QĐ-UBND", signed_on=date(2025, 12, 20), signer_name="Đặng Văn Minh",
        summary="Về việc tặng danh hiệu")
    round_ = AwardRound.objects.create(name="Đợt xét khen thưởng năm 2025", year=2025, opens_on=date(2025, 11, 1),
                                       closes_on=date(2025, 12, 10), is_open=True)
    world.shared["round"] = round_
    # An enterprise of the register of outside nominees (awards.Outsider), kept by the agency's Office.
    world.shared["outsider"] = Outsider.objects.create(kind=Outsider.Kind.ENTERPRISE, name="Công ty TNHH Sông Trà",
                                                       tax_code="4300111222", province_code=51, commune_code=21211)
    members = [CouncilMemberFactory(user=users["council"])] + [CouncilMemberFactory() for _ in range(4)]
    world.shared["member"] = members[1]
    for side, head in ((world.own, users["head"]), (world.other, users["other_head"])):
        person = side["staff"]
        side["nomination"] = NominationFactory(round=round_, staff=person, award_type=award("CSTDCS"), created_by=head)
        side["checked"] = NominationFactory(round=round_, staff=StaffFactory(unit=side["unit"]), award_type=award("CSTDCS"))
        Nomination.objects.filter(pk=side["checked"].pk).update(status=Nomination.Status.CHECKED)
        side["forwarded"] = NominationFactory(round=round_, staff=StaffFactory(unit=side["unit"]), award_type=award("LDTT"))
        Nomination.objects.filter(pk=side["forwarded"].pk).update(status=Nomination.Status.FORWARDED)
        side["dossier_file"] = DossierFile.objects.create(
            nomination=side["nomination"], name="to-trinh.pdf", file=ContentFile(PDF_BYTES, name="to-trinh.pdf"), uploaded_by=head)
        side["checked_file"] = DossierFile.objects.create(
            nomination=side["checked"], name="bao-cao.pdf", file=ContentFile(PDF_BYTES, name="bao-cao.pdf"), uploaded_by=head)
        side["registration"] = Registration.objects.create(unit=side["unit"], year=2025)
        side["exemplar"] = Exemplar.objects.create(unit=side["unit"], year=2025, staff=person, deed="Cứu người đuối nước.",
                                                   evidence="Thư cảm ơn.", status=Exemplar.Status.SUBMITTED)
        # Forwarded to the province in this system (awards.forwarding): the province's pages refuse every
        # identity of the agency; the action endpoint answers the agency's own roles (forward again).
        side["sent"] = NominationFactory(round=round_, staff=StaffFactory(unit=side["unit"]), award_type=award("CSTDT"))
        Nomination.objects.filter(pk=side["sent"].pk).update(status=Nomination.Status.FORWARDED)
        side["forwarding"] = Forwarding.objects.create(nomination=side["sent"], agency_id=round_.agency_id,
                                                       province=province, forwarded_at=timezone.now())
        side["sent_file"] = DossierFile.objects.create(
            nomination=side["sent"], name="ho-so.pdf", file=ContentFile(PDF_BYTES, name="ho-so.pdf"), uploaded_by=head)
        # The Chủ tịch's decision on this unit's dossier: the agency opens it where it sees the dossier.
        side["province_decision"] = ProvinceDecision.objects.create(
            agency=province, number=4 if side is world.own else 5, symbol="QĐ-UBND", signed_on=date(2025, 12, 21),
            signer_name="Đặng Văn Minh", summary="Về việc tặng Bằng khen")
        Forwarding.objects.filter(pk=side["forwarding"].pk).update(decision=side["province_decision"])
    world.shared["session"] = open_session(round=round_, held_on=date(2025, 12, 5), present=members[:4],
                                           agenda=[world.own["checked"], world.other["checked"]])
    decision = Decision.objects.create(round=round_, number=12, symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
                                       signer_name="Nguyễn Đức Trung", summary="Tặng danh hiệu",
                                       created_by=users["office"])
    decision.nominations.set([world.own["checked"], world.other["checked"]])
    world.shared["decision"] = decision
    world.shared["award_type"] = award("CSTDCS")

    world.shared["rule_set"] = RuleSet.objects.order_by("-valid_from").first()
    world.shared["rule"] = world.shared["rule_set"].rules.order_by("pk").first()
    world.shared["base_salary"] = BaseSalary.objects.order_by("-valid_from").first()
    world.shared["fund"] = RewardFund.objects.create(agency_id=round_.agency_id, year=2025)
    FundSource.objects.create(fund=world.shared["fund"], kind="budget", amount=30_000_000, received_on=date(2025, 1, 10))

    world.shared["disclosure"] = Disclosure.objects.create(
        round=round_, published_on=date(2025, 12, 1), ends_on=date(2099, 12, 31), entries=[])
    world.shared["disclosure_comment"] = DisclosureComment.objects.create(
        disclosure=world.shared["disclosure"], text="Phản ánh")

    # The archive: the issued plan (addressed to every unit) and one decision about each unit.
    world.shared["plan_document"] = _issue(issued, "plan", "Phát động thi đua năm 2025", 45)
    for number, side in ((7, world.own), (8, world.other)):
        subject = PlanFactory()  # any subject: the archive keeps one document of a kind per subject
        side["document"] = _issue(subject, "award_decision", f"Về việc tặng Giấy khen {side['unit'].name}", number,
                                  units=[side["unit"]])

    # A draft summary report of the period (the Office and the Director only).
    summary = create_summary(period, "year", actor=users["office"], title="Tổng kết năm")
    type(summary).objects.filter(pk=summary.pk).update(results="Các phong trào được triển khai đều khắp.")
    summary.refresh_from_db()
    world.shared["summary"] = summary

    # A finished background job of the Office's (a job is its owner's alone).
    world.shared["job"] = Job.objects.create(kind="summary-pdf", title="Báo cáo tổng kết", owner=users["office"],
                                             status=JobStatus.DONE, progress=100, result=PDF_BYTES,
                                             filename="bao-cao.pdf", content_type="application/pdf")

    # A signing key of the first agency, kept by its Office (a token's, so that no key file is made here).
    world.shared["signing_key"] = SigningKey.objects.create(
        agency_id=users["office"].agency_id, signer_name="Người ký thử", kind=SigningKey.Kind.PKCS11,
        pkcs11_module="/usr/lib/softhsm/libsofthsm2.so", pkcs11_token="so", pkcs11_key="ky")

    _other_agency(world)
    _scoring(world)

    # Each login has one notification of their own (the list shows only one's own).
    for key, user in users.items():
        if user is not None:
            Notification.objects.create(recipient=user, text=f"Thông báo cho {user.username}", link="/")
    return world


def _scoring(world):
    """Scoring (issue 29): a table in scoring with each unit's self-assessment, and a block of both units."""
    table = scoring_table(year=2025)
    open_table(table, actor=world.users["office"])
    world.shared["scoring_table"] = table
    for side in (world.own, world.other):
        side["assessment"] = table.assessments.get(unit=side["unit"])
    block = Block.objects.create(name="Khối các phòng", year=2025, head=world.own["unit"], deputy=world.other["unit"])
    block.members.set([world.own["unit"], world.other["unit"]])
    world.shared["block"] = block

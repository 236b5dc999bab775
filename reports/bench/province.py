"""A synthetic province, written with bulk inserts: one function per kind of data, each taking the
`Province` built so far and adding to it, so that a new kind (the agencies of the province, their
forwarded dossiers) is one more function in `STEPS`.

Deterministic (one seeded random generator): two runs at the same scale make the same province. Writes
only into the database it is given; the `bench` command makes sure that is the benchmark's own.
"""
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from emulation.text import fold

PASSWORD = "thidua@2025"
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    name: str
    units: int
    staff: int
    years: int
    nominations: int
    items: int = 20
    documents: int = 200  # issued documents in the archive (its search pages)


SCALES = {
    "province": Scale("province", units=1000, staff=50000, years=10, nominations=5000, documents=100_000),
    "small": Scale("small", units=20, staff=500, years=2, nominations=100),
}


def custom_scale(units, staff, years):
    """A scale of the given size (nominations: one for every ten staff, at most 5,000)."""
    for scale in SCALES.values():
        if (scale.units, scale.staff, scale.years) == (units, staff, years):
            return scale
    return Scale("custom", units=units, staff=staff, years=years, nominations=min(5000, max(10, staff // 10)),
                 documents=min(100_000, max(200, staff * 2)))


@dataclass
class Province:
    """What the steps made so far (primary keys and the few objects later steps and measurements need)."""

    scale: Scale
    year: int  # the year under review: the round's year; the history covers the `years` before it
    rng: random.Random
    root: object = None
    units: list = field(default_factory=list)  # every unit below the Department, in tree order
    leaves: list = field(default_factory=list)
    staff_ids: list = field(default_factory=list)
    staff_unit: dict = field(default_factory=dict)  # staff id -> unit id
    users: dict = field(default_factory=dict)  # role key -> User
    plan: object = None
    periods: list = field(default_factory=list)
    round: object = None
    session: object = None
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    @property
    def history_years(self):
        return range(self.year - self.scale.years, self.year)


# Names ---------------------------------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý", "Đinh", "Trương", "Mai", "Tạ"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Ngọc", "Đình"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Kim", "Ngọc", "Thanh", "Thị Mỹ", "Thu", "Thị Hồng"]
GIVEN_M = ["Trung", "Hùng", "Dũng", "Nam", "Phong", "Quang", "Sơn", "Tuấn", "Thắng", "Bảo", "Khánh", "Long",
           "Hải", "Đạt", "Hiếu", "Lợi", "Tâm", "Vinh", "Cường", "Thành"]
GIVEN_F = ["Hà", "Lan", "Hương", "Mai", "Linh", "Trang", "Thảo", "Ngân", "Yến", "Nhung", "Hằng", "Phương",
           "Oanh", "Vân", "Duyên", "Loan", "Thủy", "Hạnh", "Giang", "Nga"]
TOP_KINDS = [("Chi cục", "sub_department"), ("Trung tâm", "center"), ("Phòng", "division"), ("Ban", "other")]
TOP_FIELDS = ["Quản lý đất đai", "Bảo vệ môi trường", "Tài nguyên nước", "Khoáng sản", "Biển và hải đảo",
              "Đo đạc bản đồ", "Công nghệ thông tin", "Quan trắc môi trường", "Phát triển quỹ đất",
              "Đăng ký đất đai", "Khí tượng thủy văn", "Thanh tra", "Kế hoạch tài chính", "Pháp chế"]
DISTRICTS = ["Bình Sơn", "Sơn Tịnh", "Tư Nghĩa", "Nghĩa Hành", "Mộ Đức", "Đức Phổ", "Ba Tơ", "Minh Long",
             "Sơn Hà", "Sơn Tây", "Trà Bồng", "Lý Sơn", "Quảng Ngãi", "Tây Trà", "Sơn Tịnh Đông"]
LEAF_KINDS = ["Đội", "Trạm", "Tổ", "Phòng", "Chi nhánh"]
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Cán sự", "Viên chức", "Kỹ thuật viên", "Nhân viên",
             "Phó Trưởng phòng", "Trưởng phòng"]


def person_name(rng):
    male = rng.random() < 0.5
    middle, given = (MIDDLE_M, GIVEN_M) if male else (MIDDLE_F, GIVEN_F)
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}", ("male" if male else "female")


# Steps ---------------------------------------------------------------------------------------------

def make_units(p):
    """The Department, about one unit in twenty directly below it, the rest one level further down."""
    from emulation.models import Unit

    rng, total = p.rng, max(p.scale.units - 1, 2)
    top_count = max(2, total // 20)
    p.root = Unit.objects.create(code="SO", name="Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi",
                                 short_name="Sở TN&MT", kind=Unit.Kind.DEPARTMENT)
    tops = []
    for i in range(top_count):
        prefix, kind = TOP_KINDS[i % len(TOP_KINDS)]
        name = f"{prefix} {TOP_FIELDS[i % len(TOP_FIELDS)]}" + (f" số {i // len(TOP_FIELDS) + 1}" if i >= len(TOP_FIELDS) else "")
        tops.append(Unit(code=f"U{i + 1:03d}", name=name, kind=kind, parent=p.root, order=i + 1))
    _bulk_units(tops, p.root.path)
    leaves = []
    for i in range(total - top_count):
        parent = tops[i % top_count] if i >= top_count else tops[i]
        name = f"{rng.choice(LEAF_KINDS)} {DISTRICTS[i % len(DISTRICTS)]} {i // len(DISTRICTS) + 1} – {parent.name}"
        leaves.append(Unit(code=f"{parent.code}-{i + 1:04d}", name=name[:255], kind=Unit.Kind.OTHER, parent=parent,
                           order=i + 1))
    _bulk_units(leaves, None)
    p.units = sorted(tops + leaves, key=lambda u: u.path)
    p.leaves = leaves
    p.counts["units"] = len(p.units) + 1


def _bulk_units(units, parent_path):
    from emulation.models import Unit

    for unit in units:
        unit.normalise()
        unit.agency_id = unit.parent.agency_id  # what Unit.save does; bulk_create skips save
    Unit.objects.bulk_create(units, batch_size=BATCH)
    if units and units[0].pk is None:  # a back end that does not return keys
        by_code = dict(Unit.objects.filter(code__in=[u.code for u in units]).values_list("code", "pk"))
        for unit in units:
            unit.pk = unit.id = by_code[unit.code]
    for unit in units:
        unit.path = f"{parent_path or unit.parent.path}{unit.order:04d}.{unit.pk:07d}/"
    Unit.objects.bulk_update(units, ["path"], batch_size=BATCH)


def make_staff(p):
    """Staff spread unevenly over the units (a few large centres, many small teams)."""
    from emulation.models import Staff

    rng = p.rng
    units = p.units
    weights = [rng.choice([1, 1, 1, 2, 3, 8]) for _ in units]
    chosen = rng.choices(units, weights=weights, k=p.scale.staff)
    rows = []
    for i, unit in enumerate(chosen):
        name, gender = person_name(rng)
        rows.append(Staff(
            full_name=name, gender=gender, unit_id=unit.pk, position=rng.choice(POSITIONS),
            date_of_birth=date(1965 + rng.randrange(35), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            identity_number=f"0511{i:08d}", employed_since=date(p.year - 1 - rng.randrange(30), 1 + rng.randrange(12), 1),
            category=rng.choice(["civil_servant", "public_employee", "public_employee", "worker"]),
            education=rng.choice(["university", "university", "postgraduate", "college"]), search_text=fold(name),
        ))
    _insert(Staff, rows)
    for staff_id, unit_id in Staff.objects.values_list("pk", "unit_id").order_by("pk"):
        p.staff_ids.append(staff_id)
        p.staff_unit[staff_id] = unit_id
    p.counts["staff"] = len(p.staff_ids)


def make_users(p):
    """The logins the measurements use, one per role, with the demo password (one hash for all)."""
    from emulation.models import Role, Staff, User

    hashed = make_password(PASSWORD)
    big_top = max(p.units[:max(2, len(p.units) // 20)], key=lambda u: sum(1 for x in p.units if x.path.startswith(u.path)))
    canbo = Staff.objects.filter(unit_id=p.leaves[0].pk).order_by("pk").first() or Staff.objects.order_by("pk").first()
    specs = {
        "admin": ("quantri", Role.ADMIN, None, "Quản trị"),
        "office": ("vanphong", Role.OFFICE, None, "Văn phòng"),
        "director": ("giamdoc", Role.DIRECTOR, None, "Giám đốc"),
        "council": ("hoidong", Role.COUNCIL, None, "Hội đồng"),
        "unit_head": ("lanhdao", Role.UNIT_HEAD, big_top.pk, "Lãnh đạo"),
        "leaf_head": ("lanhdao.to", Role.UNIT_HEAD, p.leaves[0].pk, "Tổ trưởng"),
        "staff": ("canbo", Role.STAFF, canbo.unit_id, canbo.full_name),
    }
    for key, (username, role, unit_id, name) in specs.items():
        user = User.objects.create(username=username, password=hashed, role=role, unit_id=unit_id, last_name=name,
                                   is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
        p.users[key] = user
    Staff.objects.filter(pk=canbo.pk).update(user=p.users["staff"])


def make_history(p):
    """Ten years of evaluations and award records for every person and unit (about 1,000,000 rows at
    province scale): most people 'completed well' and Lao động tiên tiến, some Chiến sĩ thi đua cơ sở or
    a Giấy khen; collectives Tập thể lao động tiên tiến. Evaluations also for the year under review.
    Written as plain rows (`insert_values`): model instances would take most of the time here."""
    from awards.models import AwardRecord, AwardType, Evaluation

    rng = p.rng
    types = dict(AwardType.objects.values_list("code", "pk"))
    evaluation_columns = ["staff_id", "unit_id", "year", "level"]
    record_columns = ["staff_id", "unit_id", "holder_unit_id", "award_type_id", "year", "decision_number",
                      "decision_date", "search_text"]
    record_fixed = {"issuing_authority": "Giám đốc Sở", "kind": "regular", "source": AwardRecord.Source.IMPORTED.value}
    evaluations, records = [], []
    n_eval = n_rec = 0
    folded = {staff_id: fold(name) for staff_id, name in _staff_names()}
    for year in [*p.history_years, p.year]:
        number = f"{50 + year % 50}/QĐ-STNMT"
        suffix = " " + fold(number)
        decided = date(year, 12, 20)
        ldtt, cstdcs, gk = types["LDTT"], types["CSTDCS"], types["GK"]
        for staff_id in p.staff_ids:
            draw = rng.random()
            level = 4 if draw < 0.15 else 3 if draw < 0.93 else 2 if draw < 0.99 else 1
            evaluations.append((staff_id, None, year, level))
            if year == p.year or level < 3:
                continue
            holder, text = p.staff_unit[staff_id], folded[staff_id] + suffix
            records.append((staff_id, None, holder, ldtt, year, number, decided, text))
            if level == 4 and rng.random() < 0.6:
                records.append((staff_id, None, holder, cstdcs, year, number, decided, text))
            elif rng.random() < 0.05:
                records.append((staff_id, None, holder, gk, year, number, decided, text))
        for unit in p.units:
            evaluations.append((None, unit.pk, year, 3 + (rng.random() < 0.3)))
            if year != p.year and rng.random() < 0.6:
                records.append((None, unit.pk, unit.pk, types["TTLDTT"], year, number, decided,
                                fold(f"{unit.name} {number}")))
        insert_values(Evaluation, evaluation_columns, evaluations)
        insert_values(AwardRecord, record_columns, records, **record_fixed)
        n_eval, n_rec = n_eval + len(evaluations), n_rec + len(records)
        evaluations, records = [], []
    p.counts["evaluations"] = n_eval
    p.counts["award_records"] = n_rec


def _staff_names():
    from emulation.models import Staff

    return Staff.objects.values_list("pk", "full_name").iterator(chunk_size=BATCH)


def make_initiatives(p):
    """About one person in twenty has an initiative recognised each year (some with co-authors), a few
    disciplines and an open review."""
    from awards.models import Discipline, Initiative, ReviewFlag

    rng = p.rng
    initiatives, authors = [], []
    for year in p.history_years:
        for staff_id in rng.sample(p.staff_ids, max(1, len(p.staff_ids) // 20)):
            initiatives.append(Initiative(title=f"Giải pháp nâng cao hiệu quả công tác chuyên môn năm {year} "
                                                f"({len(initiatives) + 1})", unit_id=p.staff_unit[staff_id],
                                          level=1 if rng.random() < 0.9 else 2, year=year,
                                          decision_number=f"{10 + year % 50}/QĐ-HĐSK", decision_date=date(year, 11, 30)))
            authors.append([staff_id] + ([rng.choice(p.staff_ids)] if rng.random() < 0.2 else []))
    _insert(Initiative, initiatives)
    keys = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    through = Initiative.authors.through
    _insert(through, [through(initiative_id=key, staff_id=s) for key, people in zip(keys, authors) for s in set(people)])
    disciplines = [Discipline(staff_id=s, form=1, valid_from=date(p.year - 2, 3, 1), valid_to=date(p.year - 1, 2, 28),
                              note="Khiển trách") for s in rng.sample(p.staff_ids, max(1, len(p.staff_ids) // 200))]
    _insert(Discipline, disciplines)
    _insert(ReviewFlag, [ReviewFlag(staff_id=s, kind=ReviewFlag.Kind.choices[0][0], opened_on=date(p.year, 1, 15))
                         for s in rng.sample(p.staff_ids, max(1, len(p.staff_ids) // 500))])
    p.counts["initiatives"] = len(initiatives)
    p.counts["disciplines"] = len(disciplines)


def make_plan(p):
    """One issued plan over the last two years with 20 content items (one target on every other item)."""
    from campaigns.models import ContentItem, Goal, LegalBasis, Plan, PlanStatus, Recipient, Target

    first = p.year - 1
    p.plan = Plan.objects.create(
        title=f"Phát động phong trào thi đua giai đoạn {first}–{p.year}", year_from=first, year_to=p.year,
        status=PlanStatus.ISSUED, number=45, number_year=first, issue_date=date(first, 1, 10),
        signer_name="Nguyễn Đức Trung", opening="Thực hiện Luật Thi đua, khen thưởng, Sở xây dựng Kế hoạch.",
        created_by=p.users["office"],
    )
    LegalBasis.objects.create(plan=p.plan, order=1, doc_type="Luật", doc_number="06/2022/QH15",
                              doc_date=date(2022, 6, 15), issuer="Quốc hội", summary="Thi đua, khen thưởng")
    Goal.objects.create(plan=p.plan, order=1, text="Phát huy tinh thần yêu nước, thi đua hoàn thành xuất sắc nhiệm vụ.")
    Recipient.objects.bulk_create([Recipient(plan=p.plan, order=i, text=t) for i, t in
                                   enumerate(["UBND tỉnh", "Ban TĐKT tỉnh", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, VP"])])
    items = ContentItem.objects.bulk_create([
        ContentItem(plan=p.plan, order=i + 1, text=f"Nội dung thi đua số {i + 1}: thi đua hoàn thành xuất sắc nhiệm vụ "
                                                  "chuyên môn, cải cách hành chính, chuyển đổi số.")
        for i in range(p.scale.items)])
    if items[0].pk is None:
        items = list(ContentItem.objects.filter(plan=p.plan).order_by("order"))
    Target.objects.bulk_create([
        Target(plan=p.plan, item=item, order=i, indicator=f"Tỷ lệ hồ sơ giải quyết đúng hạn ({i + 1})",
               unit_of_measure="%", target_value=95) for i, item in enumerate(items[::2])])
    p.counts["content_items"] = len(items)


def make_reports(p):
    """Four periods a year (quarter I, six months, nine months, year) over the plan's years, every unit
    reporting in each: the past ones accepted (a few late or returned), the current ones a mix."""
    from campaigns.models import ItemProgress, ReportingPeriod, ReportStatus, Target, TargetResult, UnitReport

    rng = p.rng
    local = ZoneInfo(settings.TIME_ZONE)
    items = list(p.plan.content_items.order_by("order"))
    targets = list(Target.objects.filter(plan=p.plan))
    today = timezone.localdate()
    for year in range(p.plan.year_from, p.plan.year_to + 1):
        for kind, name, end in [("quarter", "Quý I", date(year, 3, 31)), ("half_year", "6 tháng", date(year, 6, 30)),
                                ("nine_months", "9 tháng", date(year, 9, 30)), ("year", "Năm", date(year, 12, 31))]:
            p.periods.append(ReportingPeriod.objects.create(
                plan=p.plan, kind=kind, name=f"{name} năm {year}", start=date(year, 1, 1), end=end,
                due=end + timedelta(days=8), created_by=p.users["office"]))
    through = ReportingPeriod.units.through
    _insert(through, [through(reportingperiod_id=period.pk, unit_id=unit.pk) for period in p.periods for unit in p.units])
    reports = []
    for period in p.periods:
        past = period.due < today
        for unit in p.units:
            draw = rng.random()
            if past:
                status = ReportStatus.RETURNED if draw < 0.02 else ReportStatus.ACCEPTED
            else:
                status = (ReportStatus.DRAFT if draw < 0.3 else ReportStatus.SUBMITTED if draw < 0.7
                          else ReportStatus.ACCEPTED)
            submitted = None if status == ReportStatus.DRAFT else datetime.combine(period.due, datetime.min.time(), local)
            reports.append(UnitReport(period_id=period.pk, unit_id=unit.pk, status=status, late=rng.random() < 0.05,
                                      submitted_at=submitted, results="Đơn vị đã triển khai đầy đủ các nội dung thi đua.",
                                      created_by=p.users["office"]))
    _insert(UnitReport, reports)
    keys = list(UnitReport.objects.order_by("pk").values_list("pk", flat=True))
    states = ["done", "done", "in_progress", "not_started"]
    text = "Đã triển khai thực hiện; kết quả đạt yêu cầu đề ra."
    insert_values(ItemProgress, ["report_id", "item_id", "status", "percent", "text"], [
        (key, item.pk, states[(r + i) % 4], 100 if (r + i) % 4 < 2 else 50, text)
        for r, key in enumerate(keys) for i, item in enumerate(items)])
    _insert(TargetResult, [TargetResult(report_id=key, target_id=t.pk, value=85 + (r % 15))
                           for r, key in enumerate(keys) for t in targets])
    p.counts["periods"] = len(p.periods)
    p.counts["unit_reports"] = len(keys)


def make_round(p):
    """One annual round of the year under review with `nominations` proposals: people for Lao động tiên
    tiến, Chiến sĩ thi đua cơ sở and Giấy khen, collectives for Tập thể lao động tiên tiến, and the whole
    Department for the provincial flag; at every stage of the workflow, 500 of them approved."""
    from awards.models import AwardRound, AwardType, Nomination

    rng = p.rng
    types = dict(AwardType.objects.values_list("code", "pk"))
    p.round = AwardRound.objects.create(name=f"Đợt xét khen thưởng năm {p.year}", year=p.year,
                                        opens_on=date(p.year, 10, 1), closes_on=date(p.year, 12, 31))
    total = p.scale.nominations
    collective_units = [p.root] + p.units[: max(1, min(len(p.units), total // 25))]
    people = rng.sample(p.staff_ids, min(len(p.staff_ids), total - len(collective_units)))
    unit_of = {u.pk: u for u in p.units}
    approved = min(500, total // 5)
    rows = []
    for i, staff_id in enumerate(people):
        code = "LDTT" if i < approved or i % 10 < 7 else "CSTDCS" if i % 10 < 9 else "GK"
        status = ("approved" if i < approved else "checked" if i % 4 == 0 else "voted" if i % 4 == 1
                  else "submitted" if i % 4 == 2 else "draft")
        unit = unit_of[p.staff_unit[staff_id]]
        rows.append(Nomination(round=p.round, award_type_id=types[code], unit_id=unit.pk, staff_id=staff_id,
                               year=p.year, achievements="Hoàn thành xuất sắc nhiệm vụ được giao.", status=status,
                               created_by=p.users["office"], search_text=fold(str(staff_id))))
    for unit in collective_units:
        rows.append(Nomination(round=p.round, award_type_id=types["CTD_TINH" if unit is p.root else "TTLDTT"],
                               unit_id=unit.pk, nominee_unit_id=unit.pk, year=p.year, status="checked",
                               achievements="Tập thể hoàn thành xuất sắc nhiệm vụ.", created_by=p.users["office"],
                               search_text=fold(unit.name)))
    names = dict(_staff_names())
    for row in rows:
        if row.staff_id:
            row.search_text = fold(names[row.staff_id])
    _insert(Nomination, rows)
    p.counts["nominations"] = len(rows)


def make_council(p):
    """Nine council members and one session of the round with the vote of every nomination past it."""
    from awards.models import CouncilMember, CouncilSession, Nomination, NominationVote

    members = CouncilMember.objects.bulk_create([
        CouncilMember(full_name=person_name(p.rng)[0], position="chair" if i == 0 else "member", order=i,
                      valid_from=date(p.year - 1, 1, 1), agency_id=p.root.agency_id,
                      user=p.users["council"] if i == 1 else None)
        for i in range(9)])
    if members[0].pk is None:
        members = list(CouncilMember.objects.order_by("pk"))
    p.session = CouncilSession.objects.create(round=p.round, held_on=date(p.year, 12, 10), place="Hội trường Sở",
                                              total_members=9, minutes_number=1, minutes_year=p.year)
    p.session.present.set(members[:8])
    voted = Nomination.objects.filter(round=p.round, status__in=["voted", "approved"]).values_list("pk", flat=True)
    _insert(NominationVote, [NominationVote(session=p.session, nomination_id=key, votes_for=8, votes_against=0,
                                            abstentions=0, secret_ballot=False, needed=5, passed=True) for key in voted])
    p.counts["votes"] = len(voted)


def make_summary(p):
    """A draft annual summary report of the last closed year (the summary page and its PDF)."""
    from reports.models import SummaryKind
    from reports.workflow import create_summary

    period = next(x for x in p.periods if x.kind == "year" and x.start.year == p.plan.year_from)
    create_summary(period, SummaryKind.YEAR, actor=p.users["office"])


ARCHIVE_KINDS = [("plan", "KH"), ("award_decision", "QĐ"), ("council_minutes", "BB"), ("proposal", "TTr"),
                 ("summary-report", "BC"), ("registration_rollup", "BC")]
ARCHIVE_SUBJECTS = [
    "Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc", "Phát động phong trào thi đua năm",
    "Về việc công nhận danh hiệu Lao động tiên tiến", "Sơ kết phong trào thi đua 6 tháng đầu năm",
    "Tổng kết công tác thi đua, khen thưởng năm", "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng", "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở",
    "Đăng ký thi đua của các phòng, đơn vị", "Về việc tặng Cờ thi đua của UBND tỉnh",
]
ARCHIVE_SIGNERS = ["Nguyễn Đức Trung", "Trần Văn Phước", "Lê Thị Thu Hà", "Phạm Minh Đức", "Võ Văn Đông",
                   "Huỳnh Thị Mỹ Lệ"]


def make_archive(p, pdf_bytes=2048):
    """The archive of issued documents (100,000 at province scale: what `benchmark_archive` used to fill):
    ten years, six kinds, Vietnamese summary lines and signers, each document but the plans about one unit,
    each with a small PDF payload; the folded search columns computed as IssuedDocument.save would."""
    from django.contrib.contenttypes.models import ContentType

    from emulation.documents.models import IssuedDocument, IssuedDocumentFile, document_search_text
    from emulation.models import Unit

    rng, count = p.rng, p.scale.documents
    content_type = ContentType.objects.get_for_model(Unit)
    payload = b"%PDF-1.7\n" + bytes(rng.getrandbits(8) for _ in range(max(0, pdf_bytes - 9)))
    through = IssuedDocument.units.through
    for offset in range(0, count, BATCH):
        batch, about = [], []
        for index in range(offset, min(count, offset + BATCH)):
            kind, prefix = ARCHIVE_KINDS[index % len(ARCHIVE_KINDS)]
            day = date(p.year - 10, 1, 1) + timedelta(days=rng.randrange(3650))
            number, symbol = rng.randrange(1, 2000), f"{prefix}-STNMT"
            unit = rng.choice(p.units)
            title = f"{rng.choice(ARCHIVE_SUBJECTS)} {day.year} – {unit.name[:60]}, {person_name(rng)[0]}"
            signer = rng.choice(ARCHIVE_SIGNERS)
            batch.append(IssuedDocument(
                content_type=content_type, object_id=1_000_000 + index, kind=kind, number=number, symbol=symbol,
                issue_date=day, title=title, signer_name=signer, sha256=f"{index:064x}",
                size=len(payload), search_text=document_search_text(number, symbol, title, signer),
                signer_search=fold(signer)[:150], agency_id=p.root.agency_id))
            about.append(None if kind == "plan" else unit.pk)
        created = IssuedDocument.objects.bulk_create(batch)
        if created and created[0].pk is None:  # a back end that does not return keys
            created = list(IssuedDocument.objects.order_by("-pk")[:len(batch)])[::-1]
        _insert(IssuedDocumentFile, [IssuedDocumentFile(document_id=document.pk, pdf=payload) for document in created])
        _insert(through, [through(issueddocument_id=document.pk, unit_id=unit_id)
                          for document, unit_id in zip(created, about) if unit_id])
    p.counts["archived_documents"] = count


STEPS = [make_units, make_staff, make_users, make_history, make_initiatives, make_plan, make_reports, make_round,
         make_council, make_summary, make_archive]


def _insert(model, rows):
    if rows:
        model.objects.bulk_create(rows, batch_size=BATCH)


def insert_values(model, columns, rows, **fixed):
    """Insert `rows` (tuples in the order of `columns`, attribute names such as "staff_id") into `model`'s
    table in batches, without building model instances. Every other concrete column gets the value in
    `fixed` or the field's default, so a field added later with a default needs no change here."""
    if not rows:
        return
    meta = model._meta
    given = {name: i for i, name in enumerate(columns)}
    plan, names = [], []
    for f in meta.concrete_fields:
        if f.primary_key:
            continue
        names.append(connection.ops.quote_name(f.column))
        if f.attname in given:
            plan.append((given[f.attname], None))
        else:
            plan.append((None, fixed[f.attname] if f.attname in fixed else fixed.get(f.name, f.get_default())))
    values = [tuple(row[i] if i is not None else constant for i, constant in plan) for row in rows]
    table = connection.ops.quote_name(meta.db_table)
    head = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(cursor.cursor, head + "%s", values, page_size=BATCH)
        else:
            cursor.executemany(head + "(" + ", ".join(["%s"] * len(names)) + ")", values)


def generate(scale, *, year=None, seed=17, log=None):
    """Fill the (empty, migrated) database with a province of `scale`. Returns the Province with its counts
    and the seconds of each step."""
    p = Province(scale=scale, year=year or timezone.localdate().year, rng=random.Random(seed))
    for step in STEPS:
        started = time.perf_counter()
        with transaction.atomic():
            step(p)
        p.seconds[step.__name__] = round(time.perf_counter() - started, 2)
        if log:
            log(f"  {step.__name__}: {p.seconds[step.__name__]:.1f} s")
    return p

"""A synthetic province, written with bulk inserts: one function per kind of data, each taking the
`Province` built so far and adding to it, so that a new kind is one more function in `STEPS`.

The province is made of agencies (issue 16): about twenty issuing agencies (Sở, ban, ngành) of skewed
sizes — a few large, many small — which together hold the scale's units, staff, nominations and archive;
each with its own top unit and subtree, Office and Director logins, plan with its periods and unit reports,
round with nominations, council and session, number series and archive. Above them the province's standing
body (Ban Thi đua – Khen thưởng, an Agency of kind PROVINCE, as in the demo: `chuyenvien.btd` its Office,
`chutich` its Director, the provincial council), to which every agency has forwarded dossiers, some in
every state of the forwarding workflow (received, under review, returned, more documents asked, accepted,
decided by a decision of the Chủ tịch) through the product's own functions (awards.forwarding).

The first and largest agency is the installation's first one (the ORG_* settings: Sở TN&MT) and keeps the
logins the measurements have always used (vanphong, giamdoc, hoidong, lanhdao, lanhdao.to, canbo, quantri);
each other agency has `vanphong.<abbreviation>` and `giamdoc.<abbreviation>`.

Deterministic (one seeded random generator): two runs at the same scale make the same province. Writes
only into the database it is given; the `bench` command makes sure that is the benchmark's own.
"""
import functools
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
from awards.demo_province import _council
from emulation.demo_agencies import PROVINCE, PROVINCE_LOGINS, PROVINCE_UNITS
from emulation.models import Agency, User
from emulation.models import Unit
from emulation.models import Staff
from emulation.models import Role
from awards.models import AwardRecord, AwardType, Evaluation
from awards.models import Discipline, Initiative, ReviewFlag
from campaigns.models import ContentItem, Goal, LegalBasis, Plan, PlanStatus, Recipient, Target
from campaigns.models import ItemProgress, ReportingPeriod, ReportStatus, TargetResult, UnitReport
from awards.models import AwardRound, Nomination
from awards.models import CouncilMember, CouncilSession, NominationVote
from types import SimpleNamespace
from awards import forwarding as province
from awards.receipt import receive
from reports.models import SummaryKind
from reports.workflow import create_province_summary, create_summary
from django.contrib.contenttypes.models import ContentType
from emulation.documents.models import IssuedDocument, IssuedDocumentFile, NumberSeries, document_search_text
from psycopg2.extras import execute_values

PASSWORD = "thidua@2025"
BATCH = 5000
#: The fewest units an agency has: its top unit, two units below it and one sub-unit (make_units).
MIN_AGENCY_UNITS = 4


@dataclass(frozen=True)
class Scale:
    name: str
    units: int
    staff: int
    years: int
    nominations: int
    items: int = 20
    documents: int = 200  # issued documents in the archive (its search pages)
    agencies: int = 1  # issuing agencies sharing the units, staff, nominations and documents


SCALES = {
    "province": Scale("province", units=1000, staff=50000, years=10, nominations=5000, documents=100_000, agencies=20),
    "small": Scale("small", units=20, staff=500, years=2, nominations=100, agencies=3),
}


@functools.cache
def hashed_password():
    """The demo password hashed once for every generated login (hashing is slow on purpose)."""
    return make_password(PASSWORD)


def agency_count(units):
    """About one agency for seven units, at most twenty, each with at least MIN_AGENCY_UNITS units."""
    return max(1, min(20, round(units / 7), units // MIN_AGENCY_UNITS))


def custom_scale(units, staff, years):
    """A scale of the given size (nominations: one for every ten staff, at most 5,000)."""
    for scale in SCALES.values():
        if (scale.units, scale.staff, scale.years) == (units, staff, years):
            return scale
    return Scale("custom", units=units, staff=staff, years=years, nominations=min(5000, max(10, staff // 10)),
                 documents=min(100_000, max(200, staff * 2)), agencies=agency_count(units))


def split(total, count, minimum=0):
    """`total` shared by `count` agencies in skewed shares (the i-th gets about 1/i of the first's: a few
    large, many small), each at least `minimum`; largest first; the shares add up to `total`."""
    minimum = min(minimum, total // count)
    weights = [1 / (i + 1) for i in range(count)]
    rest = total - minimum * count
    raw = [rest * w / sum(weights) for w in weights]
    shares = [int(x) for x in raw]
    by_remainder = sorted(range(count), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[:rest - sum(shares)]:
        shares[i] += 1
    return [minimum + share for share in shares]


@dataclass
class Part:
    """One issuing agency of the province and what the steps made of it."""

    agency: object
    code: str  # its units' code prefix and its logins' suffix (the abbreviation without diacritics)
    unit_name: str
    short_name: str
    unit_count: int
    staff_count: int
    nominations: int
    documents: int
    root: object = None
    units: list = field(default_factory=list)  # every unit below its top unit, in tree order
    leaves: list = field(default_factory=list)
    staff_ids: list = field(default_factory=list)
    users: dict = field(default_factory=dict)  # role key -> User
    plan: object = None
    periods: list = field(default_factory=list)
    round: object = None
    session: object = None

    @property
    def abbreviation(self):
        return self.agency.abbreviation


@dataclass
class Province:
    """What the steps made so far (primary keys and the few objects later steps and measurements need).
    `root`, `units`, `users`, `plan`, `round`… are those of the largest agency (the measured one)."""

    scale: Scale
    year: int  # the year under review: the round's year; the history covers the `years` before it
    rng: random.Random
    parts: list = field(default_factory=list)  # the issuing agencies, largest first
    standing: object = None  # the province's standing body (Agency of kind PROVINCE)
    standing_users: dict = field(default_factory=dict)  # "office", "director" -> User
    staff_ids: list = field(default_factory=list)
    staff_unit: dict = field(default_factory=dict)  # staff id -> unit id
    forwardings: dict = field(default_factory=dict)  # forwarding status -> number of dossiers
    province_decision: object = None
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    @property
    def history_years(self):
        return range(self.year - self.scale.years, self.year)

    @property
    def largest(self):
        return self.parts[0]

    root = property(lambda self: self.largest.root)
    units = property(lambda self: self.largest.units)
    leaves = property(lambda self: self.largest.leaves)
    users = property(lambda self: self.largest.users)
    plan = property(lambda self: self.largest.plan)
    periods = property(lambda self: self.largest.periods)
    round = property(lambda self: self.largest.round)
    session = property(lambda self: self.largest.session)

    @property
    def all_units(self):
        return [unit for part in self.parts for unit in part.units]


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


# The agencies ----------------------------------------------------------------------------------------

PARENT_AUTHORITY = "UBND TỈNH QUẢNG NGÃI"
#: The other issuing agencies, in decreasing size: (name on documents, abbreviation, top unit, its short name).
OTHER_AGENCIES = [
    ("SỞ Y TẾ", "SYT", "Sở Y tế tỉnh Quảng Ngãi", "Sở Y tế"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT", "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "Sở GD&ĐT"),
    ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi",
     "Sở NN&PTNT"),
    ("SỞ GIAO THÔNG VẬN TẢI", "SGTVT", "Sở Giao thông vận tải tỉnh Quảng Ngãi", "Sở GTVT"),
    ("SỞ XÂY DỰNG", "SXD", "Sở Xây dựng tỉnh Quảng Ngãi", "Sở Xây dựng"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "SLĐTBXH", "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi",
     "Sở LĐ-TB&XH"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi", "Sở VHTT&DL"),
    ("SỞ NỘI VỤ", "SNV", "Sở Nội vụ tỉnh Quảng Ngãi", "Sở Nội vụ"),
    ("SỞ TÀI CHÍNH", "STC", "Sở Tài chính tỉnh Quảng Ngãi", "Sở Tài chính"),
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT", "Sở Kế hoạch và Đầu tư tỉnh Quảng Ngãi", "Sở KH&ĐT"),
    ("SỞ CÔNG THƯƠNG", "SCT", "Sở Công Thương tỉnh Quảng Ngãi", "Sở Công Thương"),
    ("SỞ TƯ PHÁP", "STP", "Sở Tư pháp tỉnh Quảng Ngãi", "Sở Tư pháp"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN", "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi", "Sở KH&CN"),
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT", "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi", "Sở TT&TT"),
    ("THANH TRA TỈNH", "TTT", "Thanh tra tỉnh Quảng Ngãi", "Thanh tra tỉnh"),
    ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "VPUBND", "Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi", "Văn phòng UBND tỉnh"),
    ("BAN DÂN TỘC", "BDT", "Ban Dân tộc tỉnh Quảng Ngãi", "Ban Dân tộc"),
    ("BAN QUẢN LÝ KHU KINH TẾ DUNG QUẤT VÀ CÁC KHU CÔNG NGHIỆP", "BQLKKT",
     "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", "Ban QL KKT"),
    ("ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH", "ĐPTTH", "Đài Phát thanh và Truyền hình tỉnh Quảng Ngãi", "Đài PT-TH"),
]
#: Divisions of an agency other than the first (whose own are TOP_FIELDS).
AGENCY_FIELDS = ["Văn phòng", "Thanh tra", "Kế hoạch - Tài chính", "Tổ chức cán bộ", "Nghiệp vụ", "Pháp chế",
                 "Quản lý chuyên ngành", "Chuyển đổi số", "Dịch vụ công", "Kiểm định", "Đào tạo", "Truyền thông"]
#: Of every 50 nominations of an agency, one is a dossier forwarded to the province (at least one in each state).
FORWARDED_SHARE = 50
FORWARDED_STATES = ["received", "reviewing", "returned", "more_docs", "accepted", "passed", "not_passed", "decided"]


def make_agencies(p):
    """The province's standing body (its top unit and division, its Office and Director logins, the
    provincial council) and the issuing agencies, each forwarding to it, with their shares of the scale."""
    scale, count = p.scale, p.scale.agencies
    p.standing = Agency.objects.create(**PROVINCE)
    standing_units = {}
    for order, (code, name, short_name, kind, parent_code) in enumerate(PROVINCE_UNITS):
        standing_units[code] = _unit(code, name, short_name, kind, agency=p.standing, order=order,
                                     parent=standing_units.get(parent_code))
    hashed = hashed_password()
    for key, (username, role, _code, full_name, _position, _gender) in zip(("office", "director"), PROVINCE_LOGINS):
        last, _, first = full_name.rpartition(" ")
        p.standing_users[key] = User.objects.create(username=username, password=hashed, role=role, agency=p.standing,
                                                    first_name=first, last_name=last)
    _council(p.standing, {user.username: user for user in p.standing_users.values()})

    first = Agency.objects.primary()
    specs = [(first, "Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi", "Sở TN&MT")]
    others = [row for row in OTHER_AGENCIES if row[1] != first.abbreviation][:count - 1]
    for name, abbreviation, unit_name, short_name in others:
        agency = Agency.objects.create(name=name, abbreviation=abbreviation, parent_authority=PARENT_AUTHORITY,
                                       place="Quảng Ngãi", legal_bases=first.legal_bases, province=p.standing)
        specs.append((agency, unit_name, short_name))
    Agency.objects.filter(pk=first.pk).update(province=p.standing)
    first.province = p.standing
    count = len(specs)
    units = split(scale.units, count, MIN_AGENCY_UNITS)
    staff = split(scale.staff, count, 10)
    nominations = split(scale.nominations, count, 4 + len(FORWARDED_STATES))
    documents = split(scale.documents, count, 1)
    for i, (agency, unit_name, short_name) in enumerate(specs):
        p.parts.append(Part(agency=agency, code=fold(agency.abbreviation).upper(), unit_name=unit_name,
                            short_name=short_name, unit_count=units[i], staff_count=staff[i],
                            nominations=nominations[i], documents=documents[i]))
    p.counts["agencies"] = count


def _unit(code, name, short_name, kind, *, agency, order=0, parent=None):
    return Unit.objects.create(code=code, name=name, short_name=short_name, kind=kind, agency=agency, order=order,
                               parent=parent)


# Steps ---------------------------------------------------------------------------------------------

def make_units(p):
    """Each agency's top unit, about one unit in twenty directly below it, the rest one level further down."""
    rng = p.rng
    for number, part in enumerate(p.parts):
        total = max(part.unit_count - 1, 3)
        top_count = max(2, total // 20)
        part.root = _unit(part.code, part.unit_name, part.short_name, Unit.Kind.DEPARTMENT, agency=part.agency,
                          order=number + 1)
        fields = TOP_FIELDS if number == 0 else AGENCY_FIELDS
        tops = []
        for i in range(top_count):
            prefix, kind = TOP_KINDS[i % len(TOP_KINDS)]
            name = f"{prefix} {fields[i % len(fields)]}" + (f" số {i // len(fields) + 1}" if i >= len(fields) else "")
            if number:
                name = f"{name} ({part.short_name})"
            tops.append(Unit(code=f"{part.code}-U{i + 1:03d}", name=name, kind=kind, parent=part.root, order=i + 1))
        _bulk_units(tops, part.root.path)
        leaves = []
        for i in range(total - top_count):
            parent = tops[i % top_count] if i >= top_count else tops[i]
            name = f"{rng.choice(LEAF_KINDS)} {DISTRICTS[i % len(DISTRICTS)]} {i // len(DISTRICTS) + 1} – {parent.name}"
            leaves.append(Unit(code=f"{parent.code}-{i + 1:04d}", name=name[:255], kind=Unit.Kind.OTHER, parent=parent,
                               order=i + 1))
        _bulk_units(leaves, None)
        part.units = sorted(tops + leaves, key=lambda u: u.path)
        part.leaves = leaves
    p.counts["units"] = sum(len(part.units) + 1 for part in p.parts)


def _bulk_units(units, parent_path):
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
    """Each agency's staff spread unevenly over its units (a few large centres, many small teams)."""
    rng = p.rng
    rows = []
    part_of = {}
    for part in p.parts:
        weights = [rng.choice([1, 1, 1, 2, 3, 8]) for _ in part.units]
        for unit in rng.choices(part.units, weights=weights, k=part.staff_count):
            part_of[unit.pk] = part
            name, gender = person_name(rng)
            i = len(rows)
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
        part_of[unit_id].staff_ids.append(staff_id)
    p.counts["staff"] = len(p.staff_ids)


def make_users(p):
    """The logins the measurements use, one per role in the largest agency, an Office and a Director in
    every other, with the demo password (one hash for all)."""
    hashed = hashed_password()
    largest = p.largest
    tops = largest.units[:max(2, len(largest.units) // 20)]
    big_top = max(tops, key=lambda u: sum(1 for x in largest.units if x.path.startswith(u.path)))
    canbo = (Staff.objects.filter(unit_id=largest.leaves[0].pk).order_by("pk").first()
             or Staff.objects.filter(unit__agency=largest.agency).order_by("pk").first())
    specs = {
        "admin": ("quantri", Role.ADMIN, None, "Quản trị"),
        "office": ("vanphong", Role.OFFICE, None, "Văn phòng"),
        "director": ("giamdoc", Role.DIRECTOR, None, "Giám đốc"),
        "council": ("hoidong", Role.COUNCIL, None, "Hội đồng"),
        "unit_head": ("lanhdao", Role.UNIT_HEAD, big_top.pk, "Lãnh đạo"),
        "leaf_head": ("lanhdao.to", Role.UNIT_HEAD, largest.leaves[0].pk, "Tổ trưởng"),
        "staff": ("canbo", Role.STAFF, canbo.unit_id, canbo.full_name),
    }
    for part in p.parts:
        if part is not largest:
            suffix = part.code.lower()
            specs = {"office": (f"vanphong.{suffix}", Role.OFFICE, None, f"Văn phòng {part.short_name}"),
                     "director": (f"giamdoc.{suffix}", Role.DIRECTOR, None, f"Giám đốc {part.short_name}")}
        for key, (username, role, unit_id, name) in specs.items():
            part.users[key] = User.objects.create(
                username=username, password=hashed, role=role, unit_id=unit_id, agency=part.agency, last_name=name,
                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
    Staff.objects.filter(pk=canbo.pk).update(user=largest.users["staff"])
    p.counts["logins"] = User.objects.count()


def make_history(p):
    """Ten years of evaluations and award records for every person and unit (about 1,000,000 rows at
    province scale): most people 'completed well' and Lao động tiên tiến, some Chiến sĩ thi đua cơ sở or
    a Giấy khen; collectives Tập thể lao động tiên tiến; each decided by their agency. Evaluations also for
    the year under review. Written as plain rows (`insert_values`): model instances would take most of the
    time here."""
    rng = p.rng
    types = dict(AwardType.objects.values_list("code", "pk"))
    evaluation_columns = ["staff_id", "unit_id", "year", "level"]
    record_columns = ["staff_id", "unit_id", "holder_unit_id", "award_type_id", "year", "decision_number",
                      "decision_date", "search_text"]
    record_fixed = {"issuing_authority": "Giám đốc Sở", "kind": "regular", "source": AwardRecord.Source.IMPORTED.value}
    evaluations, records = [], []
    n_eval = n_rec = 0
    folded = {staff_id: fold(name) for staff_id, name in _staff_names()}
    abbreviation = {unit.pk: part.agency.abbreviation for part in p.parts for unit in part.units}
    all_units = p.all_units
    for year in [*p.history_years, p.year]:
        numbers = {code: f"{50 + year % 50}/QĐ-{code}" for code in set(abbreviation.values())}
        suffixes = {code: " " + fold(number) for code, number in numbers.items()}
        decided = date(year, 12, 20)
        ldtt, cstdcs, gk = types["LDTT"], types["CSTDCS"], types["GK"]
        for staff_id in p.staff_ids:
            draw = rng.random()
            level = 4 if draw < 0.15 else 3 if draw < 0.93 else 2 if draw < 0.99 else 1
            evaluations.append((staff_id, None, year, level))
            if year == p.year or level < 3:
                continue
            holder = p.staff_unit[staff_id]
            code = abbreviation[holder]
            number, text = numbers[code], folded[staff_id] + suffixes[code]
            records.append((staff_id, None, holder, ldtt, year, number, decided, text))
            if level == 4 and rng.random() < 0.6:
                records.append((staff_id, None, holder, cstdcs, year, number, decided, text))
            elif rng.random() < 0.05:
                records.append((staff_id, None, holder, gk, year, number, decided, text))
        for unit in all_units:
            evaluations.append((None, unit.pk, year, 3 + (rng.random() < 0.3)))
            if year != p.year and rng.random() < 0.6:
                number = numbers[abbreviation[unit.pk]]
                records.append((None, unit.pk, unit.pk, types["TTLDTT"], year, number, decided,
                                fold(f"{unit.name} {number}")))
        insert_values(Evaluation, evaluation_columns, evaluations)
        insert_values(AwardRecord, record_columns, records, **record_fixed)
        n_eval, n_rec = n_eval + len(evaluations), n_rec + len(records)
        evaluations, records = [], []
    p.counts["evaluations"] = n_eval
    p.counts["award_records"] = n_rec


def _staff_names():
    return Staff.objects.values_list("pk", "full_name").iterator(chunk_size=BATCH)


def make_initiatives(p):
    """About one person in twenty has an initiative recognised each year (some with co-authors), a few
    disciplines and an open review."""
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
    """One issued plan of each agency over the last two years with 20 content items (one target on every
    other item), in the agency's own letterhead and series."""
    first = p.year - 1
    for part in p.parts:
        plan = Plan(
            title=f"Phát động phong trào thi đua giai đoạn {first}–{p.year}", year_from=first, year_to=p.year,
            status=PlanStatus.ISSUED, number=45, number_year=first, issue_date=date(first, 1, 10),
            signer_name="Nguyễn Đức Trung", opening="Thực hiện Luật Thi đua, khen thưởng, Sở xây dựng Kế hoạch.",
            created_by=part.users["office"],
        )
        plan.take_header_from(part.agency)
        plan.save()
        part.plan = plan
        LegalBasis.objects.create(plan=plan, order=1, doc_type="Luật", doc_number="06/2022/QH15",
                                  doc_date=date(2022, 6, 15), issuer="Quốc hội", summary="Thi đua, khen thưởng")
        Goal.objects.create(plan=plan, order=1, text="Phát huy tinh thần yêu nước, thi đua hoàn thành xuất sắc nhiệm vụ.")
        Recipient.objects.bulk_create([Recipient(plan=plan, order=i, text=t) for i, t in
                                       enumerate(["UBND tỉnh", "Ban TĐKT tỉnh", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, VP"])])
        items = ContentItem.objects.bulk_create([
            ContentItem(plan=plan, order=i + 1, text=f"Nội dung thi đua số {i + 1}: thi đua hoàn thành xuất sắc nhiệm "
                                                    "vụ chuyên môn, cải cách hành chính, chuyển đổi số.")
            for i in range(p.scale.items)])
        if items[0].pk is None:
            items = list(ContentItem.objects.filter(plan=plan).order_by("order"))
        Target.objects.bulk_create([
            Target(plan=plan, item=item, order=i, indicator=f"Tỷ lệ hồ sơ giải quyết đúng hạn ({i + 1})",
                   unit_of_measure="%", target_value=95) for i, item in enumerate(items[::2])])
    p.counts["content_items"] = p.scale.items * len(p.parts)


def make_reports(p):
    """Four periods a year (quarter I, six months, nine months, year) over each plan's years, every unit of
    the agency reporting in each: the past ones accepted (a few late or returned), the current ones a mix."""
    rng = p.rng
    local = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    through = ReportingPeriod.units.through
    states = ["done", "done", "in_progress", "not_started"]
    text = "Đã triển khai thực hiện; kết quả đạt yêu cầu đề ra."
    total = 0
    for part in p.parts:
        plan = part.plan
        items = list(plan.content_items.order_by("order"))
        targets = list(Target.objects.filter(plan=plan))
        for year in range(plan.year_from, plan.year_to + 1):
            for kind, name, end in [("quarter", "Quý I", date(year, 3, 31)), ("half_year", "6 tháng", date(year, 6, 30)),
                                    ("nine_months", "9 tháng", date(year, 9, 30)), ("year", "Năm", date(year, 12, 31))]:
                part.periods.append(ReportingPeriod.objects.create(
                    plan=plan, kind=kind, name=f"{name} năm {year}", start=date(year, 1, 1), end=end,
                    due=end + timedelta(days=8), created_by=part.users["office"]))
        _insert(through, [through(reportingperiod_id=period.pk, unit_id=unit.pk)
                          for period in part.periods for unit in part.units])
        reports = []
        for period in part.periods:
            past = period.due < today
            for unit in part.units:
                draw = rng.random()
                if past:
                    status = ReportStatus.RETURNED if draw < 0.02 else ReportStatus.ACCEPTED
                else:
                    status = (ReportStatus.DRAFT if draw < 0.3 else ReportStatus.SUBMITTED if draw < 0.7
                              else ReportStatus.ACCEPTED)
                submitted = None if status == ReportStatus.DRAFT else datetime.combine(period.due, datetime.min.time(), local)
                reports.append(UnitReport(period_id=period.pk, unit_id=unit.pk, status=status, late=rng.random() < 0.05,
                                          submitted_at=submitted, results="Đơn vị đã triển khai đầy đủ các nội dung thi đua.",
                                          created_by=part.users["office"]))
        _insert(UnitReport, reports)
        keys = list(UnitReport.objects.filter(period__plan=plan).order_by("pk").values_list("pk", flat=True))
        insert_values(ItemProgress, ["report_id", "item_id", "status", "percent", "text"], [
            (key, item.pk, states[(r + i) % 4], 100 if (r + i) % 4 < 2 else 50, text)
            for r, key in enumerate(keys) for i, item in enumerate(items)])
        _insert(TargetResult, [TargetResult(report_id=key, target_id=t.pk, value=85 + (r % 15))
                               for r, key in enumerate(keys) for t in targets])
        total += len(keys)
    p.counts["periods"] = sum(len(part.periods) for part in p.parts)
    p.counts["unit_reports"] = total


def make_round(p):
    """One annual round of each agency for the year under review with its share of the nominations:
    people for Lao động tiên tiến, Chiến sĩ thi đua cơ sở and Giấy khen, collectives for Tập thể lao động
    tiên tiến, and the whole agency for the provincial flag, at every stage of the workflow (up to 500
    approved); and one in fifty (at least one a state) a person for the Bằng khen of the Chủ tịch UBND tỉnh
    that the agency's council passed and its Director forwarded (content frozen): make_forwardings sends it."""
    rng = p.rng
    types = dict(AwardType.objects.values_list("code", "pk"))
    names = dict(_staff_names())
    award_names = dict(AwardType.objects.values_list("code", "name"))
    achievements = "Hoàn thành xuất sắc nhiệm vụ được giao."
    total_rows = 0
    for part in p.parts:
        part.round = AwardRound.objects.create(name=f"Đợt xét khen thưởng năm {p.year}", year=p.year,
                                               opens_on=date(p.year, 10, 1), closes_on=date(p.year, 12, 31),
                                               agency=part.agency)
        total = part.nominations
        forwarded = max(len(FORWARDED_STATES), total // FORWARDED_SHARE)
        collective_units = [part.root] + part.units[: max(1, min(len(part.units), total // 25))]
        people = rng.sample(part.staff_ids, min(len(part.staff_ids), total - len(collective_units)))
        unit_of = {u.pk: u for u in part.units}
        approved = min(500, total * 2 // 5)
        rows = []
        regular = people[:len(people) - forwarded]
        for i, staff_id in enumerate(regular):
            code = "LDTT" if i < approved or i % 10 < 7 else "CSTDCS" if i % 10 < 9 else "GK"
            status = ("approved" if i < approved else "checked" if i % 4 == 0 else "voted" if i % 4 == 1
                      else "submitted" if i % 4 == 2 else "draft")
            rows.append(Nomination(round=part.round, award_type_id=types[code], unit_id=p.staff_unit[staff_id],
                                   staff_id=staff_id, year=p.year, achievements=achievements, status=status,
                                   created_by=part.users["office"], search_text=fold(names[staff_id])))
        for staff_id in people[len(regular):]:
            unit = unit_of[p.staff_unit[staff_id]]
            frozen = {"nominee": names[staff_id], "award": award_names["BK_TINH"], "year": p.year, "unit": unit.name,
                      "achievements": achievements, "initiatives": [], "files": []}
            rows.append(Nomination(round=part.round, award_type_id=types["BK_TINH"], unit_id=unit.pk, staff_id=staff_id,
                                   year=p.year, achievements=achievements, status="forwarded", frozen=frozen,
                                   created_by=part.users["office"], search_text=fold(names[staff_id])))
        for unit in collective_units:
            rows.append(Nomination(round=part.round, award_type_id=types["CTD_TINH" if unit is part.root else "TTLDTT"],
                                   unit_id=unit.pk, nominee_unit_id=unit.pk, year=p.year, status="checked",
                                   achievements="Tập thể hoàn thành xuất sắc nhiệm vụ.", created_by=part.users["office"],
                                   search_text=fold(unit.name)))
        _insert(Nomination, rows)
        total_rows += len(rows)
    p.counts["nominations"] = total_rows


def make_council(p):
    """Each agency's council (nine members in the largest, seven elsewhere) and one session of its round
    with the vote of every nomination past it (the forwarded ones included)."""
    votes = []
    for part in p.parts:
        size = 9 if part is p.largest else 7
        members = CouncilMember.objects.bulk_create([
            CouncilMember(full_name=person_name(p.rng)[0], position="chair" if i == 0 else "member", order=i,
                          valid_from=date(p.year - 1, 1, 1), agency_id=part.agency.pk,
                          user=part.users.get("council") if i == 1 else None)
            for i in range(size)])
        if members[0].pk is None:
            members = list(CouncilMember.objects.filter(agency=part.agency).order_by("pk"))
        part.session = CouncilSession.objects.create(round=part.round, held_on=date(p.year, 12, 10),
                                                     place="Hội trường Sở", total_members=size, minutes_number=1,
                                                     minutes_year=p.year)
        part.session.present.set(members[:size - 1])
        voted = Nomination.objects.filter(round=part.round, status__in=["voted", "approved", "forwarded"]).values_list(
            "pk", flat=True)
        votes += [NominationVote(session=part.session, nomination_id=key, votes_for=size - 1, votes_against=0,
                                 abstentions=0, secret_ballot=False, needed=size // 2 + 1, passed=True) for key in voted]
    _insert(NominationVote, votes)
    p.counts["votes"] = len(votes)


def make_forwardings(p):
    """The dossiers the agencies forwarded reach the province through the product's own functions
    (awards.forwarding: `receive`, the specialist's `act`, the Chủ tịch's `issue_province_decision`): of
    each agency's, in turn received, under review, returned with a reason, more documents asked, accepted,
    passed or not passed by the provincial council (its results recorded as closing its session does), and
    decided by one decision of the Chủ tịch UBND tỉnh for all the decided ones."""

    specialist, chairman = p.standing_users["office"], p.standing_users["director"]
    steps = {"received": [], "reviewing": ["review"], "returned": ["review", "return"], "more_docs": ["ask_documents"],
             "accepted": ["review", "accept"], "passed": ["review", "accept"], "not_passed": ["review", "accept"],
             "decided": ["review", "accept"]}
    council = {"passed": True, "decided": True, "not_passed": False}
    reasons = {"return": "Thành tích chưa nêu rõ số liệu, hiệu quả; đề nghị cơ quan hoàn chỉnh báo cáo thành tích.",
               "ask_documents": "Bổ sung bản sao quyết định công nhận sáng kiến và xác nhận của Thủ trưởng đơn vị."}
    decided, voted = [], []
    for part in p.parts:
        director = part.users["director"]
        nominations = Nomination.objects.filter(round=part.round, status="forwarded").select_related(
            "round__agency", "staff", "unit", "award_type").order_by("pk")
        for i, nomination in enumerate(nominations):
            state = FORWARDED_STATES[i % len(FORWARDED_STATES)]
            forwarding = receive(nomination, actor=director)
            for action in steps[state]:
                province.act(forwarding, action, actor=specialist, reason=reasons.get(action, ""))
            if state in council:
                voted.append(SimpleNamespace(nomination=forwarding.nomination, passed=council[state]))
            if state == "decided":
                decided.append(forwarding)
            p.forwardings[state] = p.forwardings.get(state, 0) + 1
    province.record_council_results(voted, actor=specialist, data={vote.nomination.pk: {} for vote in voted})
    for forwarding in decided:
        forwarding.refresh_from_db(fields=["status"])
    signed_on = min(date(p.year, 12, 22), timezone.localdate())
    p.province_decision = province.issue_province_decision(
        decided, actor=chairman, signed_on=signed_on, signer_name="Đặng Văn Minh", signer_authority="chairman",
        summary="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    p.counts["forwarded_dossiers"] = sum(p.forwardings.values())


def make_summary(p):
    """A draft annual summary report of the last closed year of the largest agency (the summary page and
    its PDF), and the province's own summary of that year across the agencies, as a draft."""
    period = next(x for x in p.periods if x.kind == "year" and x.start.year == p.plan.year_from)
    create_summary(period, SummaryKind.YEAR, actor=p.users["office"])
    create_province_summary(p.standing, SummaryKind.YEAR, p.plan.year_from, actor=p.standing_users["office"])


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
    """The archive of issued documents (100,000 at province scale: what `benchmark_archive` used to fill),
    each agency its share in its own symbols: ten years, six kinds, Vietnamese summary lines and signers,
    each document but the plans about one unit, each with a small PDF payload; the folded search columns
    computed as IssuedDocument.save would. Then each agency's number series continue after its documents."""

    rng = p.rng
    content_type = ContentType.objects.get_for_model(Unit)
    payload = b"%PDF-1.7\n" + bytes(rng.getrandbits(8) for _ in range(max(0, pdf_bytes - 9)))
    through = IssuedDocument.units.through
    last = {}  # (agency, series, year) -> last number
    index = 0
    for part in p.parts:
        for offset in range(0, part.documents, BATCH):
            batch, about = [], []
            for _ in range(offset, min(part.documents, offset + BATCH)):
                kind, prefix = ARCHIVE_KINDS[index % len(ARCHIVE_KINDS)]
                day = date(p.year - 10, 1, 1) + timedelta(days=rng.randrange(3650))
                number, symbol = rng.randrange(1, 2000), part.agency.symbol(prefix)
                unit = rng.choice(part.units)
                title = f"{rng.choice(ARCHIVE_SUBJECTS)} {day.year} – {unit.name[:60]}, {person_name(rng)[0]}"
                signer = rng.choice(ARCHIVE_SIGNERS)
                batch.append(IssuedDocument(
                    content_type=content_type, object_id=1_000_000 + index, kind=kind, number=number, symbol=symbol,
                    issue_date=day, title=title, signer_name=signer, sha256=f"{index:064x}",
                    size=len(payload), search_text=document_search_text(number, symbol, title, signer),
                    signer_search=fold(signer)[:150], agency_id=part.agency.pk))
                about.append(None if kind == "plan" else unit.pk)
                key = (part.agency.pk, symbol, day.year)
                last[key] = max(last.get(key, 0), number)
                index += 1
            created = IssuedDocument.objects.bulk_create(batch)
            if created and created[0].pk is None:  # a back end that does not return keys
                created = list(IssuedDocument.objects.order_by("-pk")[:len(batch)])[::-1]
            _insert(IssuedDocumentFile, [IssuedDocumentFile(document_id=document.pk, pdf=payload) for document in created])
            _insert(through, [through(issueddocument_id=document.pk, unit_id=unit_id)
                              for document, unit_id in zip(created, about) if unit_id])
        key = (part.agency.pk, part.plan.symbol, part.plan.number_year)
        last[key] = max(last.get(key, 0), part.plan.number)
    existing = set(NumberSeries.objects.values_list("agency_id", "series", "year"))
    _insert(NumberSeries, [NumberSeries(agency_id=agency_id, series=series, year=year, last_number=number)
                           for (agency_id, series, year), number in last.items()
                           if (agency_id, series, year) not in existing])
    p.counts["archived_documents"] = index


STEPS = [make_agencies, make_units, make_staff, make_users, make_history, make_initiatives, make_plan, make_reports,
         make_round, make_council, make_forwardings, make_summary, make_archive]


def largest_agency_counts(p):
    """The size of the agency whose pages are measured (the results say it: before the agencies, the whole
    province was that agency)."""
    part = p.largest
    return {"agency": part.agency.abbreviation, "units": len(part.units) + 1, "staff": len(part.staff_ids),
            "nominations": part.nominations, "documents": part.documents}


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

"""The five forms as data: rows (code, label, unit of count, predicate), columns (numbering, predicate).

The words of the forms are those of Thông tư 02/2023/TT-BNV: Vietnamese by law, not translated.
A row or column predicate takes one item (a plan, an award record, a unit, a staff member) and the
year, and says whether the item is counted there. Section headings have no code and no figures.
"""
from dataclasses import dataclass, field
from typing import Callable

from django.utils.translation import gettext as _

from awards.models import AwardKind, AwardType, Outsider
from campaigns.models import MovementDuration, MovementLevel, MovementMethod, MovementScope
from emulation.models import Staff, Unit

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"


def _always(item, year):
    return True


def _never(item, year):
    """A row the Department's data cannot fill (business people, the central bodies): always 0."""
    return False


@dataclass(frozen=True)
class Row:
    code: str  # "01"; empty for a section heading
    label: str
    test: Callable = _always
    unit: str = ""  # column C (đơn vị tính) where the form has one
    bold: bool = False
    indent: int = 0

    @property
    def heading(self):
        return not self.code


def heading(label):
    return Row("", label, _never, bold=True)


@dataclass(frozen=True)
class Column:
    key: str  # stable key for the drill-down URL: "1", "2a", …
    test: Callable = _always


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class StatForm:
    slug: str  # "0601"
    number: str  # "0601.N/BNV-TĐKT"
    title: str
    subject: str  # what is counted, for the page ("movements", …)
    header: list  # rows of HeaderCell (after A/B[/C]), the numbering row excluded
    numbering: list  # HeaderCell of the numbering row, A, B[, C] included
    columns: list  # Column, in order; the first is the total
    rows: list
    count_unit: str = ""  # “Đơn vị tính: …” under the title
    has_unit_column: bool = False
    landscape: bool = False
    total_is_sum: bool = True  # column 1 = the sum of the others (False: 0605.N, where column 2 is “of which women”)
    receipt_date: str = "Ngày 15 tháng 12 năm báo cáo"
    notes: list = field(default_factory=list)


# --- 0601.N: movements (campaigns.Plan) ------------------------------------------------------------------

def _level(value):
    return lambda plan, year: plan.movement_level == value


def _scope(value):
    return lambda plan, year: plan.movement_scope == value


def _duration(value):
    return lambda plan, year: plan.duration_class == value


def _method(value):
    return lambda plan, year: plan.method_class == value


F0601 = StatForm(
    slug="0601", number="0601.N/BNV-TĐKT", title="SỐ PHONG TRÀO THI ĐUA", subject="movements",
    count_unit="Phong trào",
    header=[
        [HeaderCell("", rowspan=2), HeaderCell("Mã số", rowspan=2), HeaderCell("Tổng số", rowspan=2),
         HeaderCell("Số phong trào thi đua chia theo cấp chủ trì phát động thi đua", colspan=3)],
        [HeaderCell("Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"),
         HeaderCell("Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"),
         HeaderCell("Cơ quan, tổ chức, đơn vị")],
    ],
    numbering=[HeaderCell("A"), HeaderCell("B"), HeaderCell("1=(2+3+4)"), HeaderCell("2"), HeaderCell("3"), HeaderCell("4")],
    columns=[Column("1"), Column("2", _level(MovementLevel.CENTRAL)), Column("3", _level(MovementLevel.MINISTRY_PROVINCE)),
             Column("4", _level(MovementLevel.AGENCY))],
    rows=[
        Row("01", "Tổng số", bold=True),
        heading("1. Chia theo phạm vi tổ chức thi đua"),
        Row("02", "- Toàn quốc", _scope(MovementScope.NATIONAL)),
        Row("03", "- Bộ, ban, ngành, đoàn thể, địa phương", _scope(MovementScope.SECTOR_LOCAL)),
        Row("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", _scope(MovementScope.CLUSTER)),
        Row("05", "- Cơ quan, tổ chức, đơn vị", _scope(MovementScope.AGENCY)),
        heading("2. Chia theo thời hạn thi đua"),
        Row("06", "- Dưới 1 năm", _duration(MovementDuration.UNDER_ONE)),
        Row("07", "- 1 năm", _duration(MovementDuration.ONE)),
        Row("08", "- Từ 1 năm đến dưới 3 năm", _duration(MovementDuration.ONE_TO_THREE)),
        Row("09", "- Từ 3 năm đến dưới 5 năm", _duration(MovementDuration.THREE_TO_FIVE)),
        Row("10", "- Từ 5 năm trở lên", _duration(MovementDuration.FIVE_PLUS)),
        heading("3. Chia theo phương thức tổ chức phong trào thi đua"),
        Row("11", "- Thi đua theo chuyên đề", _method(MovementMethod.THEMATIC)),
        Row("12", "- Thi đua thường xuyên hàng năm", _method(MovementMethod.REGULAR)),
    ],
)

# --- 0602.N and 0603.N: awards of higher authorities (awards.AwardRecord) ---------------------------------

C = AwardType.StatisticsColumn
L = Staff.Leadership


def _award(column, subject=None):
    def test(record, year):
        if record.award_type.statistics_column != column:
            return False
        return subject is None or (subject == "collective") == _collective(record, year)
    return test


def _collective(record, year):
    """A unit of the agency, or an outside collective: an enterprise, a collective of another agency (a
    household has its own row)."""
    return bool(record.unit_id) or (bool(record.outsider_id) and record.outsider.kind in (
        Outsider.Kind.ENTERPRISE, Outsider.Kind.COLLECTIVE))


def _outsider_kind(kind):
    return lambda record, year: bool(record.outsider_id) and record.outsider.kind == kind


def _individual(record, year):
    return bool(record.staff_id) or (bool(record.outsider_id) and record.outsider.individual)


def _leadership(value):
    return lambda record, year: bool(record.staff_id) and record.staff.leadership == value


def _working_people(record, year):
    """“Người trực tiếp công tác, lao động…”: staff without a leadership post, and outside persons and
    foreigners (citizens commended for their work or contribution, not for a leadership post)."""
    return _leadership("")(record, year) or (bool(record.outsider_id) and record.outsider.individual)


def _kind(value):
    return lambda record, year: record.kind == value


def _award_subject_rows(codes):
    """The rows “by who was awarded” shared by 0602.N and 0603.N, numbered from `codes`."""
    labels = [
        ("- Tập thể", _collective, "Tập thể", 0),
        ("Trong đó: Doanh nghiệp", _outsider_kind(Outsider.Kind.ENTERPRISE), "Doanh nghiệp", 1),
        ("- Hộ gia đình", _outsider_kind(Outsider.Kind.HOUSEHOLD), "Hộ", 0),
        ("- Cá nhân", _individual, "Người", 0),
        ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", _leadership(L.MINISTRY), "Người", 1),
        ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", _leadership(L.DEPARTMENT), "Người", 1),
        ("+ Doanh nhân", _never, "Người", 1),
        ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", _leadership(L.OTHER), "Người", 1),
        ("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân, ...)",
         _working_people, "Người", 1),
    ]
    return [Row(code, label, test, unit, indent=indent) for code, (label, test, unit, indent) in zip(codes, labels)]


def _award_kind_rows(codes):
    labels = [("- Thường xuyên", AwardKind.REGULAR), ("- Chuyên đề", AwardKind.THEMATIC), ("- Đột xuất", AwardKind.AD_HOC),
              ("- Đối ngoại", AwardKind.FOREIGN), ("- Cống hiến", AwardKind.DEDICATION), ("- Niên hạn", AwardKind.SENIORITY),
              ("- Kháng chiến", AwardKind.RESISTANCE)]
    return [Row(code, label, _kind(kind)) for code, (label, kind) in zip(codes, labels)]


def _codes(first, last):
    return [f"{n:02d}" for n in range(first, last + 1)]


STATE_COLUMNS = {C.ORDER_MEDAL, C.HO_CHI_MINH_PRIZE, C.STATE_PRIZE, C.HONORARY_TITLE, C.GOVERNMENT_FLAG,
                 C.PM_CERTIFICATE, C.NATIONAL_FIGHTER, C.STATE_OTHER}
PROVINCE_COLUMNS = {C.CERTIFICATE, C.FIGHTER, C.FLAG, C.BADGE}

_TT, _CN = "Tập thể", "Cá nhân"
F0602 = StatForm(
    slug="0602", number="0602.N/BNV-TĐKT", title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", subject="state_awards",
    has_unit_column=True, landscape=True,
    header=[
        [HeaderCell("", rowspan=3), HeaderCell("Mã số", rowspan=3), HeaderCell("Đơn vị tính", rowspan=3),
         HeaderCell("Tổng số", rowspan=3), HeaderCell("Chia ra", colspan=12)],
        [HeaderCell("Các loại huân chương, huy chương", colspan=2), HeaderCell("Giải thưởng Hồ Chí Minh"),
         HeaderCell("Giải thưởng Nhà nước"), HeaderCell("Danh hiệu vinh dự Nhà nước", colspan=2),
         HeaderCell("Cờ thi đua của Chính phủ"), HeaderCell("Bằng khen của Thủ tướng Chính phủ", colspan=2),
         HeaderCell("Chiến sĩ thi đua toàn quốc"), HeaderCell("Các hình thức khen thưởng khác", colspan=2)],
        [HeaderCell(_TT), HeaderCell(_CN), HeaderCell(_CN), HeaderCell(_CN), HeaderCell(_TT), HeaderCell(_CN), HeaderCell(_TT),
         HeaderCell(_TT), HeaderCell(_CN), HeaderCell(_CN), HeaderCell(_TT), HeaderCell(_CN)],
    ],
    numbering=[HeaderCell("A"), HeaderCell("B"), HeaderCell("C"), HeaderCell("1"), HeaderCell("2", colspan=2), HeaderCell("3"),
               HeaderCell("4"), HeaderCell("5", colspan=2), HeaderCell("6"), HeaderCell("7", colspan=2), HeaderCell("8"),
               HeaderCell("9", colspan=2)],
    columns=[
        Column("1"),
        Column("2a", _award(C.ORDER_MEDAL, "collective")), Column("2b", _award(C.ORDER_MEDAL, "individual")),
        Column("3", _award(C.HO_CHI_MINH_PRIZE)), Column("4", _award(C.STATE_PRIZE)),
        Column("5a", _award(C.HONORARY_TITLE, "collective")), Column("5b", _award(C.HONORARY_TITLE, "individual")),
        Column("6", _award(C.GOVERNMENT_FLAG)),
        Column("7a", _award(C.PM_CERTIFICATE, "collective")), Column("7b", _award(C.PM_CERTIFICATE, "individual")),
        Column("8", _award(C.NATIONAL_FIGHTER)),
        Column("9a", _award(C.STATE_OTHER, "collective")), Column("9b", _award(C.STATE_OTHER, "individual")),
    ],
    rows=[
        Row("01", "Tổng số", bold=True),
        heading("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng"),
        Row("02", "- Bộ, ban, ngành, đoàn thể Trung ương", _never, "Bộ, ngành"),
        # The Department's proposals reach the Prime Minister through the province.
        Row("03", "- Tỉnh, thành phố trực thuộc Trung ương", _always, "Tỉnh, TP"),
        heading("2. Chia theo đối tượng khen thưởng"),
        *_award_subject_rows(_codes(6, 14)),
        heading("3. Chia theo phương thức khen thưởng"),
        *_award_kind_rows(_codes(15, 21)),
    ],
)

F0603 = StatForm(
    slug="0603", number="0603.N/BNV-TĐKT", subject="province_awards", has_unit_column=True, landscape=True,
    title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    header=[
        [HeaderCell("", rowspan=2), HeaderCell("Mã số", rowspan=2), HeaderCell("Đơn vị tính", rowspan=2),
         HeaderCell("Tổng số", rowspan=2), HeaderCell("Chia ra", colspan=4)],
        [HeaderCell("Bằng khen"), HeaderCell("Chiến sĩ thi đua cấp bộ, cấp tỉnh"),
         HeaderCell("Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"),
         HeaderCell("Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương")],
    ],
    numbering=[HeaderCell(t) for t in ("A", "B", "C", "1=(2+3+4+5)", "2", "3", "4", "5")],
    columns=[Column("1"), Column("2", _award(C.CERTIFICATE)), Column("3", _award(C.FIGHTER)), Column("4", _award(C.FLAG)),
             Column("5", _award(C.BADGE))],
    rows=[
        Row("01", "Tổng số", bold=True),
        heading("1. Chia theo đối tượng khen thưởng"),
        *_award_subject_rows(_codes(2, 10)),
        heading("2. Chia theo phương thức khen thưởng"),
        *_award_kind_rows(_codes(11, 17)),
    ],
)

# --- 0604.N: organisations doing emulation and commendation work (emulation.Unit) ---------------------------

B = Unit.EmulationBody


def _body(value):
    return lambda unit, year: unit.emulation_body == value


F0604 = StatForm(
    slug="0604", number="0604.N/BNV-TĐKT", subject="bodies", has_unit_column=True, receipt_date="",
    title="SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, "
          "TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    header=[[HeaderCell(""), HeaderCell("Mã số"), HeaderCell("Đơn vị tính"), HeaderCell("Số lượng")]],
    numbering=[HeaderCell(t) for t in ("A", "B", "C", "1")],
    columns=[Column("1")],
    rows=[
        Row("01", "Tổng số", _always, "Tổ chức", bold=True),
        heading("Chia theo cơ cấu tổ chức bộ máy"),
        Row("02", "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", _body(B.BUREAU), "Vụ"),
        Row("03", "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", _body(B.BUREAU_DIVISION), "Phòng"),
        Row("04", "- Cấp ban thuộc Sở Nội vụ", _body(B.HOME_AFFAIRS_BOARD), "Ban"),
        Row("05", "- Cấp phòng thuộc Sở Nội vụ", _body(B.HOME_AFFAIRS_DIVISION), "Phòng"),
    ],
)

# --- 0605.N: people doing emulation and commendation work (emulation.Staff) ---------------------------------

E = Staff.Education


def age_at_end_of(person, year):
    born = person.date_of_birth
    return None if born is None else year - born.year


def _age(low, high):
    def test(person, year):
        age = age_at_end_of(person, year)
        return age is not None and low <= age <= high
    return test


def _education(value):
    return lambda person, year: person.education == value


def _seniority(low, high):
    return lambda person, year: low <= year - person.emulation_work_since < high


F0605 = StatForm(
    slug="0605", number="0605.N/BNV-TĐKT", subject="people", total_is_sum=False, receipt_date="",
    title="SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, "
          "TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    count_unit="Người",
    header=[
        [HeaderCell("", rowspan=2), HeaderCell("Mã số", rowspan=2), HeaderCell("Số lượng (Người)", colspan=2)],
        [HeaderCell("Tổng số"), HeaderCell("Trong đó: Nữ")],
    ],
    numbering=[HeaderCell(t) for t in ("A", "B", "1", "2")],
    columns=[Column("1"), Column("2", lambda person, year: person.gender == Staff.Gender.FEMALE)],
    rows=[
        Row("01", "Tổng số", bold=True),
        heading("1. Chia theo độ tuổi"),
        Row("02", "- Từ 30 trở xuống", _age(0, 30)),
        Row("03", "- Từ 31 đến 40", _age(31, 40)),
        Row("04", "- Từ 41 đến 50", _age(41, 50)),
        Row("05", "- Từ 51 đến 55", _age(51, 55)),
        Row("06", "- Từ 56 đến 60", _age(56, 60)),
        Row("07", "- Trên 60 tuổi", _age(61, 200)),
        heading("2. Chia theo trình độ đào tạo"),
        Row("08", "- Sơ cấp", _education(E.ELEMENTARY)),
        Row("09", "- Trung cấp", _education(E.INTERMEDIATE)),
        Row("10", "- Cao đẳng", _education(E.COLLEGE)),
        Row("11", "- Đại học", _education(E.UNIVERSITY)),
        Row("12", "- Trên đại học", _education(E.POSTGRADUATE)),
        heading("3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng"),
        Row("13", "- Dưới 5 năm", _seniority(-100, 5)),
        Row("14", "- Từ 5 đến dưới 10 năm", _seniority(5, 10)),
        Row("15", "- Từ 10 năm trở lên", _seniority(10, 1000)),
    ],
)

FORMS = {form.slug: form for form in (F0601, F0602, F0603, F0604, F0605)}


def item_subjects():
    """What each form counts, for the pages (translated)."""
    return {"0601": _("Emulation movements"), "0602": _("State-level awards"),
            "0603": _("Ministry- and province-level awards"), "0604": _("Emulation and commendation bodies"),
            "0605": _("People doing emulation and commendation work")}

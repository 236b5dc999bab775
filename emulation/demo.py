"""Demo data of the organisation: the Department of the seed plan, its units, ~150 staff, the demo logins.

Idempotent: units are matched by code, staff by identity number, logins by username; what exists is
left as it is, so a second run changes nothing.
"""
import random
from datetime import date

from emulation import demo_agencies
from emulation.demo_agencies import DEMO_PASSWORD
from emulation.models import Role, Staff, Unit, User


# (code, name, short name, kind, parent code)
UNITS = [
    ("STNMT", "Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi", "Sở TN&MT", Unit.Kind.DEPARTMENT, None),
    ("VP", "Văn phòng Sở", "Văn phòng", Unit.Kind.OFFICE, "STNMT"),
    ("TTRA", "Thanh tra Sở", "Thanh tra", Unit.Kind.INSPECTORATE, "STNMT"),
    ("KHTC", "Phòng Kế hoạch - Tài chính", "Phòng KH-TC", Unit.Kind.DIVISION, "STNMT"),
    ("QLDD", "Phòng Quản lý đất đai", "Phòng QLĐĐ", Unit.Kind.DIVISION, "STNMT"),
    ("TNN", "Phòng Tài nguyên nước - Khoáng sản", "Phòng TNN-KS", Unit.Kind.DIVISION, "STNMT"),
    ("DDBD", "Phòng Đo đạc, Bản đồ và Viễn thám", "Phòng ĐĐBĐ", Unit.Kind.DIVISION, "STNMT"),
    ("MT", "Chi cục Bảo vệ môi trường", "Chi cục BVMT", Unit.Kind.SUB_DEPARTMENT, "STNMT"),
    ("MT-KSON", "Phòng Kiểm soát ô nhiễm", "Phòng KSÔN", Unit.Kind.DIVISION, "MT"),
    ("MT-TDDG", "Phòng Thẩm định và Đánh giá tác động môi trường", "Phòng TĐ-ĐTM", Unit.Kind.DIVISION, "MT"),
    ("BHD", "Chi cục Biển và Hải đảo", "Chi cục BHĐ", Unit.Kind.SUB_DEPARTMENT, "STNMT"),
    ("VPDK", "Văn phòng Đăng ký đất đai", "VPĐKĐĐ", Unit.Kind.CENTER, "STNMT"),
    ("PTQD", "Trung tâm Phát triển quỹ đất", "TT PTQĐ", Unit.Kind.CENTER, "STNMT"),
    ("QTMT", "Trung tâm Quan trắc tài nguyên và môi trường", "TT Quan trắc", Unit.Kind.CENTER, "STNMT"),
    ("CNTT", "Trung tâm Công nghệ thông tin tài nguyên và môi trường", "TT CNTT", Unit.Kind.CENTER, "STNMT"),
    ("CDS", "Công đoàn Sở", "Công đoàn", Unit.Kind.ORGANISATION, "STNMT"),
    ("DTN", "Đoàn Thanh niên Sở", "Đoàn TN", Unit.Kind.ORGANISATION, "STNMT"),
]

# Staff per unit for the generated part (the named people below come in addition).
HEADCOUNT = {
    "VP": 12, "TTRA": 7, "KHTC": 7, "QLDD": 12, "TNN": 8, "DDBD": 7, "MT": 5, "MT-KSON": 6, "MT-TDDG": 6,
    "BHD": 8, "VPDK": 24, "PTQD": 14, "QTMT": 14, "CNTT": 9,
}
HEAD_TITLE = {
    Unit.Kind.OFFICE: ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    Unit.Kind.INSPECTORATE: ("Chánh Thanh tra", "Phó Chánh Thanh tra"),
    Unit.Kind.DIVISION: ("Trưởng phòng", "Phó Trưởng phòng"),
    Unit.Kind.SUB_DEPARTMENT: ("Chi cục trưởng", "Phó Chi cục trưởng"),
    Unit.Kind.CENTER: ("Giám đốc", "Phó Giám đốc"),
}

# (username, role, unit code, full name, position, gender, staff record?)
LOGINS = [
    ("quantri", Role.ADMIN, None, "Quản trị hệ thống", "", "", False),
    ("vanphong", Role.OFFICE, "VP", "Lê Thị Thu Hà", "Chuyên viên Văn phòng (thi đua, khen thưởng)", "female", True),
    ("giamdoc", Role.DIRECTOR, "STNMT", "Nguyễn Đức Trung", "Quyền Giám đốc Sở", "male", True),
    ("phogiamdoc", Role.DEPUTY_DIRECTOR, "STNMT", "Trần Văn Phước", "Phó Giám đốc Sở", "male", True),
    ("hoidong", Role.COUNCIL, "CDS", "Phạm Thị Minh Nguyệt", "Chủ tịch Công đoàn Sở", "female", True),
    ("lanhdao.qldd", Role.UNIT_HEAD, "QLDD", "Võ Văn Đông", "Trưởng phòng", "male", True),
    ("lanhdao.mt", Role.UNIT_HEAD, "MT", "Huỳnh Thị Lệ Quyên", "Chi cục trưởng", "female", True),
    ("canbo", Role.STAFF, "QLDD", "Đặng Đình Khoa", "Chuyên viên", "male", True),
]
DEMO_LOGINS = [(username, role) for username, role, *_ in LOGINS]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Trương", "Đinh", "Đoàn", "Lương", "Tạ"]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Công", "Ngọc", "Xuân", "Tấn", "Đình"]
MIDDLE_FEMALE = ["Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Thị Mỹ", "Ngọc", "Thị Thanh", "Thị Hồng"]
GIVEN_MALE = ["Anh", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong",
              "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thịnh", "Tuấn", "Vinh", "Việt", "Trung", "Toàn"]
GIVEN_FEMALE = ["An", "Châu", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh",
                "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Uyên", "Vy", "Yến"]


def _identity_number(index):
    # Deterministic, 12 digits like a citizen identity number of Quảng Ngãi (province code 051).
    return f"051{index:09d}"


def seed_units():
    units = {}
    for order, (code, name, short_name, kind, parent_code) in enumerate(UNITS):
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            unit = Unit.objects.create(
                code=code, name=name, short_name=short_name, kind=kind,
                parent=units.get(parent_code), order=order,
            )
        units[code] = unit
    return units


def seed_staff(units):
    rng = random.Random(2025)
    existing = set(Staff.objects.values_list("identity_number", flat=True))
    created = 0
    index = 0

    def add(unit, full_name, position, gender, category=Staff.Category.CIVIL_SERVANT, user=None):
        nonlocal index, created
        index += 1
        number = _identity_number(index)
        if number in existing:
            return Staff.objects.get(identity_number=number)
        created += 1
        born = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
        return Staff.objects.create(
            full_name=full_name, position=position, gender=gender, unit=unit, category=category,
            identity_number=number, date_of_birth=born,
            employed_since=date(max(born.year + 23, 1992) + rng.randint(0, 6), rng.randint(1, 12), 1),
            email=f"cb{index:03d}@stnmt.quangngai.gov.vn", phone=f"0905{index:06d}", user=user,
        )

    named = {}
    for username, role, code, full_name, position, gender, has_record in LOGINS:
        if has_record:
            named[username] = add(units[code], full_name, position, gender)
    for code, count in HEADCOUNT.items():
        unit = units[code]
        head_title, deputy_title = HEAD_TITLE[unit.kind]
        has_head = code in {"QLDD", "MT"}  # their heads are demo logins
        for position_index in range(count):
            gender = rng.choice(["male", "female"])
            if gender == "male":
                name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
            else:
                name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"
            if position_index == 0 and not has_head:
                position = head_title
            elif position_index <= 1:
                position = deputy_title
            else:
                position = rng.choice(["Chuyên viên", "Chuyên viên chính", "Viên chức", "Kỹ sư", "Cán sự"])
            category = (
                Staff.Category.PUBLIC_EMPLOYEE if unit.kind == Unit.Kind.CENTER
                else rng.choice([Staff.Category.CIVIL_SERVANT] * 5 + [Staff.Category.WORKER, Staff.Category.CONTRACT])
            )
            add(unit, name, position, gender, category)
    return named, created


def seed_logins(units, named):
    created = []
    for username, role, code, full_name, position, gender, has_record in LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            last, _, first = full_name.rpartition(" ")
            user = User(username=username, role=role, first_name=first, last_name=last,
                        unit=units[code] if code else None,
                        is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(username)
        record = named.get(username)
        if record is not None and record.user_id is None:
            record.user = user
            record.save()
    return created


def seed():
    units = seed_units()
    named, staff_created = seed_staff(units)
    logins_created = seed_logins(units, named)
    second = demo_agencies.seed()  # the second agency (issue 16)
    return f"{len(units)} units, {staff_created} staff created, {len(logins_created)} logins created; {second}"

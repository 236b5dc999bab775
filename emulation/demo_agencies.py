"""Demo data of the agencies beside the seed's Department: a second issuing agency, Sở Y tế (a dozen units,
a few people per unit, its Office `vanphong.syt`, its Director `giamdoc.syt`, a unit head `lanhdao.nvy`),
and the province's standing body, Ban Thi đua – Khen thưởng (its specialist `chuyenvien.btd` and the
Chủ tịch UBND tỉnh `chutich`), to which every agency forwards the awards the province decides.

Idempotent: an agency is matched by its abbreviation, units by code, people by identity number, logins by
username. Nothing of the first agency is touched but the link to the province.
"""
import random
from datetime import date

from emulation.models import Agency, Role, Staff, Unit, User

#: The password of every demo login (README; `manage.py seed_demo` prints it).
DEMO_PASSWORD = "thidua@2025"

AGENCY = {"name": "SỞ Y TẾ", "parent_authority": "UBND TỈNH QUẢNG NGÃI", "abbreviation": "SYT", "place": "Quảng Ngãi",
          "office_chief": "Trần Thị Hồng Vân",
          "legal_bases": "Quyết định số 26/2024/QĐ-UBND ngày 10 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh Quảng Ngãi "
                         "ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh"}

# (code, name, short name, kind, parent code)
UNITS = [
    ("SYT", "Sở Y tế tỉnh Quảng Ngãi", "Sở Y tế", Unit.Kind.DEPARTMENT, None),
    ("SYT-VP", "Văn phòng Sở Y tế", "Văn phòng", Unit.Kind.OFFICE, "SYT"),
    ("SYT-TTRA", "Thanh tra Sở Y tế", "Thanh tra", Unit.Kind.INSPECTORATE, "SYT"),
    ("SYT-KHTC", "Phòng Kế hoạch - Tài chính (Sở Y tế)", "Phòng KH-TC", Unit.Kind.DIVISION, "SYT"),
    ("SYT-NVY", "Phòng Nghiệp vụ Y", "Phòng NVY", Unit.Kind.DIVISION, "SYT"),
    ("SYT-NVD", "Phòng Nghiệp vụ Dược", "Phòng NVD", Unit.Kind.DIVISION, "SYT"),
    ("SYT-TCCB", "Phòng Tổ chức cán bộ", "Phòng TCCB", Unit.Kind.DIVISION, "SYT"),
    ("SYT-DS", "Chi cục Dân số", "Chi cục DS", Unit.Kind.SUB_DEPARTMENT, "SYT"),
    ("SYT-ATTP", "Chi cục An toàn vệ sinh thực phẩm", "Chi cục ATVSTP", Unit.Kind.SUB_DEPARTMENT, "SYT"),
    ("SYT-CDC", "Trung tâm Kiểm soát bệnh tật", "CDC", Unit.Kind.CENTER, "SYT"),
    ("SYT-GDYK", "Trung tâm Giám định y khoa", "TT GĐYK", Unit.Kind.CENTER, "SYT"),
    ("SYT-KN", "Trung tâm Kiểm nghiệm", "TT Kiểm nghiệm", Unit.Kind.CENTER, "SYT"),
    ("SYT-CD", "Công đoàn Sở Y tế", "Công đoàn", Unit.Kind.ORGANISATION, "SYT"),
]

# (username, role, unit code, full name, position, gender)
LOGINS = [
    ("vanphong.syt", Role.OFFICE, "SYT-VP", "Nguyễn Thị Bích Thủy", "Chuyên viên Văn phòng (thi đua, khen thưởng)", "female"),
    ("giamdoc.syt", Role.DIRECTOR, "SYT", "Phan Văn Hòa", "Giám đốc Sở Y tế", "male"),
    ("lanhdao.nvy", Role.UNIT_HEAD, "SYT-NVY", "Lương Minh Tâm", "Trưởng phòng", "male"),
]

PROVINCE = {"kind": Agency.Kind.PROVINCE, "name": "BAN THI ĐUA - KHEN THƯỞNG", "parent_authority": "SỞ NỘI VỤ TỈNH QUẢNG NGÃI",
            "abbreviation": "BTĐKT", "place": "Quảng Ngãi", "head_title": "TRƯỞNG BAN", "office_chief": "Huỳnh Văn Thạnh",
            "legal_bases": AGENCY["legal_bases"]}
PROVINCE_UNITS = [("BTDKT", "Ban Thi đua - Khen thưởng tỉnh Quảng Ngãi", "Ban TĐKT", Unit.Kind.DEPARTMENT, None),
                  ("BTDKT-NV", "Phòng Nghiệp vụ thi đua, khen thưởng", "Phòng Nghiệp vụ", Unit.Kind.DIVISION, "BTDKT")]
# The Chủ tịch UBND tỉnh signs the province's decisions: the province's Director role.
PROVINCE_LOGINS = [
    ("chuyenvien.btd", Role.OFFICE, "BTDKT-NV", "Huỳnh Thị Kim Ngân", "Chuyên viên Ban Thi đua - Khen thưởng", "female"),
    ("chutich", Role.DIRECTOR, "BTDKT", "Đặng Văn Minh", "Chủ tịch Ủy ban nhân dân tỉnh", "male"),
    # A member of the provincial council (its ballot, awards.demo_province).
    ("hoidong.tinh", Role.COUNCIL, "BTDKT", "Lê Quang Vinh", "Chủ tịch Liên đoàn Lao động tỉnh", "male"),
]
DEMO_LOGINS = [(username, role) for username, role, *_ in LOGINS]
PROVINCE_DEMO_LOGINS = [(username, role) for username, role, *_ in PROVINCE_LOGINS]
NAMES = ["Trần Văn Bình", "Lê Thị Cúc", "Phạm Minh Đức", "Võ Thị Hạnh", "Đặng Quốc Khánh", "Bùi Thị Lan",
         "Hồ Văn Lộc", "Ngô Thị Mai", "Dương Thanh Nam", "Đinh Thị Oanh", "Tạ Văn Phú", "Lý Thị Quyên"]


def seed_agency(spec):
    agency = Agency.objects.filter(abbreviation=spec["abbreviation"]).first()
    return agency or Agency.objects.create(**spec)


def seed_units(agency, rows):
    units = {}
    for order, (code, name, short_name, kind, parent_code) in enumerate(rows):
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            unit = Unit.objects.create(code=code, name=name, short_name=short_name, kind=kind, order=order,
                                       parent=units.get(parent_code), agency=agency)
        units[code] = unit
    return units


def seed_staff(units, logins, first_number):
    """Three people in each unit below the top one; the logins' own records. Returns {username: Staff}."""
    rng = random.Random(16)
    people = {}
    index = first_number
    for code, unit in units.items():
        if unit.parent_id is None:
            continue
        for position in ("Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"):
            index += 1
            number = f"051{index:09d}"
            if not Staff.objects.filter(identity_number=number).exists():
                Staff.objects.create(full_name=NAMES[index % len(NAMES)], position=position, unit=unit,
                                     identity_number=number, gender=rng.choice(["male", "female"]),
                                     date_of_birth=date(rng.randint(1970, 1995), rng.randint(1, 12), rng.randint(1, 28)),
                                     employed_since=date(rng.randint(2000, 2015), 1, 1))
    for offset, (username, _role, code, full_name, position, gender) in enumerate(logins):
        number = f"051{first_number + 90 + offset:09d}"
        people[username] = Staff.objects.filter(identity_number=number).first() or Staff.objects.create(
            full_name=full_name, position=position, unit=units[code], identity_number=number, gender=gender)
    return people


def seed_logins(agency, units, people, logins):
    created = []
    for username, role, code, full_name, _position, _gender in logins:
        user = User.objects.filter(username=username).first()
        if user is None:
            last, _, first = full_name.rpartition(" ")
            user = User(username=username, role=role, first_name=first, last_name=last, agency=agency,
                        unit=units[code] if role == Role.UNIT_HEAD else None)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(username)
        record = people[username]
        if record.user_id is None:
            record.user = user
            record.save()
    return created


def seed_one(spec, unit_rows, logins, first_number):
    agency = seed_agency(spec)
    units = seed_units(agency, unit_rows)
    people = seed_staff(units, logins, first_number)
    created = seed_logins(agency, units, people, logins)
    return agency, f"{agency.name}: {len(units)} units, {len(created)} logins created"


def seed():
    health, health_summary = seed_one(AGENCY, UNITS, LOGINS, 900)
    province, province_summary = seed_one(PROVINCE, PROVINCE_UNITS, PROVINCE_LOGINS, 700)
    Agency.objects.filter(kind=Agency.Kind.AGENCY, province__isnull=True).update(province=province)
    return f"{health_summary}; {province_summary}"

"""The award catalogue and the rule sets as the law stood when they were written (sources:
the project's research note on the domain rules, each rule citing its article).

Loaded by migration 0002 on every install, production included, and by the `load_award_catalogue`
command (which adds entries missing after an upgrade). Loading never changes an existing row: the
Office edits the catalogue afterwards, and a change of law is a NEW rule set appended here with its
own validity dates, never an edit of a past one, so that past verdicts stay as they were.
"""
from datetime import date
from decimal import Decimal

LUAT = "Luật Thi đua, khen thưởng số 06/2022/QH15"
BALLOT_98 = "Nghị định 98/2023/NĐ-CP Điều 30 khoản 7"

# code, name, category, level, subject, authority, deciding body, threshold %, ballot, quota %, quota base,
# counts toward look-backs, legal basis, dossier documents
AWARD_TYPES = [
    ("LDTT", "Lao động tiên tiến", "title", "department", "individual", "in_house", "Giám đốc Sở", 50, False, None, None, True,
     f"{LUAT} Điều 24 khoản 1; Điều 80 khoản 1",
     "Tờ trình đề nghị xét tặng\nBáo cáo thành tích cá nhân\nBiên bản bình xét thi đua"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "title", "department", "individual", "in_house", "Giám đốc Sở", 80, True, None, None, True,
     f"{LUAT} Điều 23; Điều 80 khoản 1; {BALLOT_98} (bỏ phiếu kín, ≥ 80 % tổng số thành viên Hội đồng)",
     "Tờ trình đề nghị xét tặng (Mẫu số 01)\nBáo cáo thành tích cá nhân (Mẫu số 05)\n"
     "Biên bản bình xét thi đua và kết quả bỏ phiếu\nChứng nhận sáng kiến, đề tài hoặc xác nhận hoàn thành xuất sắc nhiệm vụ"),
    ("CSTDT", "Chiến sĩ thi đua cấp tỉnh", "title", "province", "individual", "forwarded", "Chủ tịch UBND tỉnh", 90, True, None, None, True,
     f"{LUAT} Điều 22; {BALLOT_98} (≥ 90 % tổng số thành viên Hội đồng)",
     "Tờ trình đề nghị xét tặng\nBáo cáo thành tích cá nhân\nBiên bản bình xét thi đua và kết quả bỏ phiếu\n"
     "Văn bản công nhận phạm vi ảnh hưởng cấp tỉnh của sáng kiến, đề tài"),
    ("TTLDTT", "Tập thể lao động tiên tiến", "title", "department", "collective", "in_house", "Giám đốc Sở", 50, False, None, None, True,
     f"{LUAT} Điều 28; Điều 80 khoản 1",
     "Tờ trình đề nghị xét tặng\nBáo cáo thành tích tập thể\nBiên bản bình xét thi đua"),
    ("TTLDXS", "Tập thể lao động xuất sắc", "title", "province", "collective", "forwarded", "Chủ tịch UBND tỉnh", 50, False, None, None, True,
     f"{LUAT} Điều 27",
     "Tờ trình đề nghị xét tặng\nBáo cáo thành tích tập thể\nBiên bản bình xét thi đua"),
    ("CTD_TINH", "Cờ thi đua của UBND tỉnh", "title", "province", "collective", "forwarded", "Chủ tịch UBND tỉnh", 80, True, None, None, True,
     f"{LUAT} Điều 26; {BALLOT_98}",
     "Tờ trình đề nghị xét tặng\nBáo cáo thành tích tập thể\nBiên bản bình xét thi đua và kết quả bỏ phiếu"),
    ("GK", "Giấy khen của Giám đốc Sở", "form", "department", "individual", "in_house", "Giám đốc Sở", 50, False, None, None, True,
     f"{LUAT} Điều 75; Điều 80 khoản 1",
     "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích\nBiên bản xét khen thưởng"),
    ("GK_TT", "Giấy khen của Giám đốc Sở (tập thể)", "form", "department", "collective", "in_house", "Giám đốc Sở", 50, False, None, None, True,
     f"{LUAT} Điều 75; Điều 80 khoản 1",
     "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích tập thể\nBiên bản xét khen thưởng"),
    ("BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh", "form", "province", "individual", "forwarded", "Chủ tịch UBND tỉnh", 50, False, None, None, True,
     f"{LUAT} Điều 74",
     "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích cá nhân\nBiên bản xét khen thưởng"),
    ("BK_TINH_TT", "Bằng khen của Chủ tịch UBND tỉnh (tập thể)", "form", "province", "collective", "forwarded", "Chủ tịch UBND tỉnh", 50, False, None, None, True,
     f"{LUAT} Điều 74",
     "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích tập thể\nBiên bản xét khen thưởng"),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "form", "national", "individual", "forwarded", "Thủ tướng Chính phủ", 50, False, None, None, True,
     f"{LUAT} Điều 71 (điều kiện chi tiết chưa được đối chiếu văn bản gốc: Hội đồng xem xét)",
     "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích có xác nhận của cấp trình\nBiên bản xét khen thưởng"),
]


# The other criteria of the province's Bằng khen (Luật Điều 74; as a province implements them, e.g. Quyết
# định 86/2025/QĐ-UBND Bắc Ninh Điều 3 khoản 3): the council judges them from the achievements, so they
# are paths the proposing unit states (Nomination.path), alternatives of the history-based point d.
PATH_RULES = [
    ("BK_TINH", "", "declared_path", {"path": "movement"}, "d", "a",
     f"{LUAT} Điều 74 khoản 1 điểm a (thành tích xuất sắc được bình xét trong phong trào thi đua do tỉnh phát động)"),
    ("BK_TINH", "", "declared_path", {"path": "ad_hoc"}, "d", "b",
     f"{LUAT} Điều 74 khoản 1 điểm b (nhiều thành tích hoặc thành tích đột xuất có phạm vi ảnh hưởng trong một lĩnh vực của tỉnh)"),
    ("BK_TINH", "", "declared_path", {"path": "contribution"}, "d", "c",
     f"{LUAT} Điều 74 khoản 1 điểm c (đóng góp phát triển kinh tế - xã hội, khoa học - kỹ thuật, công tác xã hội, từ thiện)"),
    ("BK_TINH_TT", "", "declared_path", {"path": "movement"}, "d", "a",
     f"{LUAT} Điều 74 khoản 2 (thành tích xuất sắc trong phong trào thi đua)"),
    ("BK_TINH_TT", "", "declared_path", {"path": "ad_hoc"}, "d", "b",
     f"{LUAT} Điều 74 khoản 2 (thành tích đột xuất)"),
    ("BK_TINH_TT", "", "declared_path", {"path": "contribution"}, "d", "c",
     f"{LUAT} Điều 74 khoản 2 (đóng góp phát triển kinh tế - xã hội)"),
]

# The money of each award: a multiple of the base salary (Nghị định 152/2025/NĐ-CP, the same multiples as
# Nghị định 98/2023/NĐ-CP). Titles: Điều 50. Forms of commendation: Điều 54, where a collective receives twice
# an individual's amount (awards.money.COLLECTIVE_FORM_FACTOR; the collective rows below state the doubled
# figure, and a test checks each pair).
DECREE_152 = "Nghị định 152/2025/NĐ-CP"
REWARDS = {
    "LDTT": ("0.3", f"{DECREE_152} Điều 50 (0,3 lần mức lương cơ sở)"),
    "CSTDCS": ("1.0", f"{DECREE_152} Điều 50 (1,0 lần mức lương cơ sở)"),
    "CSTDT": ("3.0", f"{DECREE_152} Điều 50 (3,0 lần mức lương cơ sở)"),
    "TTLDTT": ("0.8", f"{DECREE_152} Điều 50 (0,8 lần mức lương cơ sở)"),
    "TTLDXS": ("1.5", f"{DECREE_152} Điều 50 (1,5 lần mức lương cơ sở)"),
    "CTD_TINH": ("8.0", f"{DECREE_152} Điều 50 (8,0 lần mức lương cơ sở)"),
    "GK": ("0.3", f"{DECREE_152} Điều 54 (0,3 lần mức lương cơ sở)"),
    "GK_TT": ("0.6", f"{DECREE_152} Điều 54 (tập thể gấp 02 lần cá nhân: 0,6 lần mức lương cơ sở)"),
    "BK_TINH": ("1.5", f"{DECREE_152} Điều 54 (1,5 lần mức lương cơ sở)"),
    "BK_TINH_TT": ("3.0", f"{DECREE_152} Điều 54 (tập thể gấp 02 lần cá nhân: 3,0 lần mức lương cơ sở)"),
    "BK_TTG": ("3.5", f"{DECREE_152} Điều 54 (3,5 lần mức lương cơ sở)"),
}

# The base salary (mức lương cơ sở) as the Government's decrees set it: (from, đồng a month, decree).
BASE_SALARIES = [
    (date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP Điều 3 khoản 2"),
    (date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP Điều 3 khoản 2"),
    (date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP Điều 3 khoản 2"),
    (date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP Điều 3 khoản 2"),
    (date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP Điều 3 khoản 2"),
]

# Outside nominees (Outsider: a person, household, enterprise, collective of another agency, foreigner) are
# judged by the criteria of the form they are proposed for, which the council weighs from the achievements
# (paths stated by the proposer), and by their own award history: a second award of the same year is shown
# to the council so that one achievement is not commended twice. Every other rule reads what the agency
# keeps only of its own staff and units (Rule.nominees: RULE_NOMINEES below).
GK_CRITERIA = (f"{LUAT} Điều 75 (Giấy khen tặng cá nhân, tập thể, hộ gia đình có thành tích; như tỉnh quy định, "
               "ví dụ Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 4 khoản 3)")
OUTSIDER_RULES = [
    (None, "", "not_awarded_in_year", {}, "", "",
     f"{LUAT} Điều 5 khoản 2 điểm c (không khen thưởng nhiều hình thức, nhiều lần cho cùng một thành tích)"),
    ("GK", "", "declared_path", {"path": "movement"}, "o", "a", f"{GK_CRITERIA}: thành tích trong phong trào thi đua"),
    ("GK", "", "declared_path", {"path": "ad_hoc"}, "o", "b", f"{GK_CRITERIA}: thành tích đột xuất"),
    ("GK", "", "declared_path", {"path": "contribution"}, "o", "c",
     f"{GK_CRITERIA}: đóng góp công sức, đất đai, tài sản cho ngành, địa phương"),
    ("GK_TT", "", "declared_path", {"path": "movement"}, "o", "a", f"{GK_CRITERIA}: thành tích trong phong trào thi đua"),
    ("GK_TT", "", "declared_path", {"path": "ad_hoc"}, "o", "b", f"{GK_CRITERIA}: thành tích đột xuất"),
    ("GK_TT", "", "declared_path", {"path": "contribution"}, "o", "c",
     f"{GK_CRITERIA}: đóng góp công sức, đất đai, tài sản cho ngành, địa phương"),
]

#: Whom the rules of each kind judge (Rule.nominees), besides OUTSIDER_RULES (outside nominees only): a
#: path stated by the proposer judges everyone (the province's Bằng khen, Luật Điều 74, is for people and
#: collectives inside and outside alike); the other kinds read the agency's own records of its staff and
#: units (evaluations, service, discipline and reviews, initiatives, members, the unit tree).
RULE_NOMINEES = {"declared_path": "all"}


def rule_nominees(rule):
    """Rule.nominees of one row of `_rules`."""
    return "outsiders" if rule in OUTSIDER_RULES else RULE_NOMINEES.get(rule[2], "staff")


INITIATIVE_ONCE = "Công văn 5007/BNV-TĐKT năm 2023 mục III.5.c (mỗi sáng kiến chỉ sử dụng một lần làm căn cứ khen thưởng)"


#: The Cờ thi đua của UBND tỉnh goes to the collective that leads its cụm or khối organised by the province: read
#: from the block's issued ranking (scoring). Added to the rule sets of existing databases by migration 0019.
LEADS_BLOCK_RULE = ("CTD_TINH", "", "leads_block", {"rank": 1, "province": True}, "", "",
                    f"{LUAT} Điều 26 khoản 1 (tập thể dẫn đầu phong trào thi đua của cụm, khối thi đua do tỉnh tổ chức)")


def _rules(decree, tt, with_unit_exists):
    """The rules of one rule set: (award code or None, subject, kind, params, alternative, branch, legal basis)."""
    principles = f"{decree} Điều 4" if "152" in decree else f"{LUAT} Điều 5; {decree}"
    rules = [
        (None, "individual", "no_discipline", {}, "", "", f"{principles} (không khen thưởng trong thời gian bị kỷ luật; thành tích tính từ khi hết thời hạn kỷ luật)"),
        (None, "", "not_under_review", {}, "", "", f"{principles} (không khen thưởng khi đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra, khiếu nại, tố cáo)"),
        ("LDTT", "", "evaluation", {"level": 3, "years": 1}, "", "", f"{LUAT} Điều 24 khoản 1 điểm a"),
        ("LDTT", "", "service_months", {"months": 6}, "", "", f"{tt} (người mới tuyển dụng dưới 06 tháng không bình xét)"),
        ("CSTDCS", "", "consecutive_awards", {"award": "LDTT", "years": 1}, "", "", f"{LUAT} Điều 23 khoản 1"),
        ("CSTDCS", "", "evaluation", {"level": 4, "years": 1}, "a", "1", f"{LUAT} Điều 23 khoản 2"),
        ("CSTDCS", "", "initiative", {"level": 1, "count": 1, "years": 1}, "a", "2", f"{LUAT} Điều 23 khoản 2"),
        ("CSTDT", "", "consecutive_awards", {"award": "CSTDCS", "years": 3}, "", "", f"{LUAT} Điều 22 điểm a"),
        ("CSTDT", "", "initiative", {"level": 2, "count": 1, "years": 3}, "", "", f"{LUAT} Điều 22 điểm b"),
        ("TTLDTT", "", "evaluation", {"level": 3, "years": 1}, "", "", f"{LUAT} Điều 28"),
        ("TTLDTT", "", "member_share", {"award": "LDTT", "percent": 70}, "", "", f"{LUAT} Điều 28 (≥ 70 % cá nhân đạt Lao động tiên tiến)"),
        ("TTLDTT", "", "no_member_discipline", {"min_form": 2}, "", "", f"{LUAT} Điều 28 (không có cá nhân bị kỷ luật từ cảnh cáo trở lên)"),
        ("TTLDXS", "", "evaluation", {"level": 4, "years": 1}, "", "", f"{LUAT} Điều 27"),
        ("TTLDXS", "", "member_evaluation", {"level": 2, "percent": 100}, "", "", f"{LUAT} Điều 27 (100 % cá nhân hoàn thành nhiệm vụ)"),
        ("TTLDXS", "", "member_share", {"award": "LDTT", "percent": 70}, "", "", f"{LUAT} Điều 27 (≥ 70 % cá nhân đạt Lao động tiên tiến)"),
        ("TTLDXS", "", "member_award_count", {"award": "CSTDCS", "count": 1}, "", "", f"{LUAT} Điều 27 (có cá nhân đạt Chiến sĩ thi đua cơ sở)"),
        ("GK", "", "evaluation", {"level": 3, "years": 1}, "", "", f"{LUAT} Điều 75 (hoàn thành tốt nhiệm vụ)"),
        ("GK_TT", "", "evaluation", {"level": 3, "years": 1}, "", "", f"{LUAT} Điều 75 (hoàn thành tốt nhiệm vụ)"),
        ("BK_TINH", "", "consecutive_awards", {"award": "CSTDCS", "years": 2}, "d", "1", f"{LUAT} Điều 74 khoản 1 điểm d"),
        ("BK_TINH", "", "evaluation", {"level": 4, "years": 2}, "d", "2", f"{LUAT} Điều 74 khoản 1 điểm d"),
        ("BK_TINH", "", "initiative", {"level": 1, "count": 2, "years": 2}, "d", "2", f"{LUAT} Điều 74 khoản 1 điểm d"),
        ("BK_TINH_TT", "", "evaluation", {"level": 4, "years": 2}, "d", "1", f"{LUAT} Điều 74 khoản 2"),
        ("BK_TINH_TT", "", "consecutive_awards", {"award": "TTLDXS", "years": 2}, "d", "2", f"{LUAT} Điều 74 khoản 2"),
        LEADS_BLOCK_RULE,
    ] + PATH_RULES + OUTSIDER_RULES
    if with_unit_exists:
        rules.insert(2, (None, "collective", "unit_exists", {}, "", "",
                         "Thông tư 15/2025/TT-BNV (không khen thưởng cơ quan, đơn vị đã giải thể, sáp nhập khi sắp xếp tổ chức bộ máy)"))
    return rules


# name, legal basis, valid from, valid to, rules, general principles cited (RuleSet fields)
RULE_SETS = [
    ("Nghị định 98/2023/NĐ-CP", f"{LUAT}; Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV",
     date(2024, 1, 1), date(2025, 6, 30), _rules("Nghị định 98/2023/NĐ-CP", "Thông tư 01/2024/TT-BNV", False),
     {"lookback_basis": "Nghị định 98/2023/NĐ-CP Điều 4 (khen thưởng đột xuất, theo chuyên đề không làm căn cứ đề nghị khen thưởng theo công trạng)",
      "initiative_basis": INITIATIVE_ONCE}),
    ("Nghị định 152/2025/NĐ-CP", f"{LUAT}; Nghị định 152/2025/NĐ-CP; Thông tư 15/2025/TT-BNV",
     date(2025, 7, 1), None, _rules("Nghị định 152/2025/NĐ-CP", "Thông tư 15/2025/TT-BNV", True),
     {"lookback_basis": "Nghị định 152/2025/NĐ-CP Điều 4 (khen thưởng đột xuất, theo chuyên đề không làm căn cứ đề nghị khen thưởng theo công trạng)",
      "initiative_basis": INITIATIVE_ONCE}),
]


#: The column of the statistical forms (Thông tư 02/2023/TT-BNV, biểu 0602.N and 0603.N) of each award.
STATISTICS_COLUMNS = {
    "CSTDT": "fighter", "CTD_TINH": "flag", "BK_TINH": "certificate", "BK_TINH_TT": "certificate",
    "BK_TTG": "pm_certificate",
}


def load(AwardType, RuleSet, Rule):
    """Create what is missing (award types by code, rule sets by name); return (types, sets) created.

    Takes the model classes so that a migration can pass its historical models.
    """
    types = {t.code: t for t in AwardType.objects.all()}
    # Migration 0002 passes a historical model that has no statistics column yet (0004 sets it), nor the
    # reward fields (load_rewards sets them).
    has_column = any(f.name == "statistics_column" for f in AwardType._meta.get_fields())
    has_reward = any(f.name == "reward_coefficient" for f in AwardType._meta.get_fields())
    created_types = 0
    for order, row in enumerate(AWARD_TYPES):
        code, name, category, level, subject, authority, body, threshold, ballot, quota, base, counts, basis, docs = row
        if code in types:
            continue
        types[code] = AwardType.objects.create(
            code=code, name=name, category=category, level=level, subject=subject, authority=authority,
            deciding_body=body, vote_threshold=threshold, ballot_required=ballot, quota_percent=quota,
            quota_base=types.get(base), counts_toward_lookbacks=counts, legal_basis=basis,
            dossier_documents=docs, order=order * 10,
            **({"statistics_column": STATISTICS_COLUMNS.get(code, "")} if has_column else {}),
            **(_reward_fields(code) if has_reward else {}),
        )
        created_types += 1
    created_sets = 0
    principles_known = any(f.name == "lookback_basis" for f in RuleSet._meta.get_fields())
    nominees_known = any(f.name == "nominees" for f in Rule._meta.get_fields())
    for name, basis, valid_from, valid_to, rules, principles in RULE_SETS:
        if RuleSet.objects.filter(name=name).exists():
            continue
        rule_set = RuleSet.objects.create(name=name, legal_basis=basis, valid_from=valid_from, valid_to=valid_to,
                                          **(principles if principles_known else {}))
        Rule.objects.bulk_create([
            Rule(rule_set=rule_set, award_type=types[code] if code else None, subject=subject, kind=kind,
                 params=params, alternative=alternative, branch=branch, legal_basis=legal, order=order,
                 **({"nominees": rule_nominees(row)} if nominees_known else {}))
            for order, row in enumerate(rules)
            for code, subject, kind, params, alternative, branch, legal in [row]
        ])
        created_sets += 1
    return created_types, created_sets


def _reward_fields(code):
    coefficient, basis = REWARDS.get(code, (None, ""))
    return {"reward_coefficient": Decimal(coefficient) if coefficient else None, "reward_basis": basis}


def load_rewards(AwardType, BaseSalary):
    """Give the catalogue's award types that have no reward yet the law's multiple, and add the base
    salary levels missing from the table; never changes what is there (the province may have edited it).
    Takes the model classes so that a migration can pass its historical models."""
    for award_type in AwardType.objects.filter(code__in=REWARDS, reward_coefficient__isnull=True):
        for name, value in _reward_fields(award_type.code).items():
            setattr(award_type, name, value)
        award_type.save(update_fields=["reward_coefficient", "reward_basis"])
    known = set(BaseSalary.objects.values_list("valid_from", flat=True))
    BaseSalary.objects.bulk_create([BaseSalary(valid_from=day, amount=amount, legal_basis=basis)
                                    for day, amount, basis in BASE_SALARIES if day not in known])

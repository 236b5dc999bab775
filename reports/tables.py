"""The tables of a summary report, described once and written three ways: PDF (HTML), Excel, Word.

`summary_tables(figures)` turns the figures snapshot into a list of `Table`: a key, a Vietnamese sheet
name (at most 31 characters, Excel's limit), a caption, the header row and rows of typed values
(numbers stay numbers; `None` is an empty cell). The document template, `reports.exports` and
`reports.docx` all read this list, so the three files always hold the same figures.
"""
from dataclasses import dataclass
from datetime import date

from reports import labels


@dataclass
class Table:
    key: str
    sheet: str
    caption: str
    headers: list
    rows: list
    numeric: tuple = ()  # indexes of columns holding numbers (right-aligned)


def _date(value):
    return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _unit_names(figures):
    return {unit["id"]: unit["name"] for unit in figures["units"]}


def discipline_table(figures):
    rows = [[index, unit["name"], labels.UNIT_STATES.get(unit["status"], unit["status"]),
             "Trễ hạn" if unit["late"] else ("Đúng hạn" if unit["status"] in ("submitted", "resubmitted", "accepted") else ""),
             _date(unit["submitted_on"])]
            for index, unit in enumerate(figures["units"], start=1)]
    return Table("discipline", "Tình hình báo cáo", "Tình hình gửi báo cáo của các đơn vị",
                 ["STT", "Đơn vị", "Tình trạng báo cáo", "Thời hạn", "Ngày gửi"], rows, numeric=(0,))


def history_table(figures):
    rows = [[row["period"], row["required"], row["on_time"], row["late"], row["returned"], row["missing"]]
            for row in figures["history"]]
    return Table("history", "Báo cáo qua các kỳ", "Tình hình gửi báo cáo qua các kỳ",
                 ["Kỳ báo cáo", "Số đơn vị phải báo cáo", "Đúng hạn", "Trễ hạn", "Bị trả lại, chưa sửa", "Chưa báo cáo"],
                 rows, numeric=(1, 2, 3, 4, 5))


def items_table(figures):
    rows = [[item["number"], item["text"], item["done"], item["in_progress"], item["not_started"], item["not_applicable"]]
            for item in figures["items"]]
    return Table("items", "Nội dung thi đua", "Số đơn vị theo mức độ thực hiện từng nội dung thi đua",
                 ["Số TT", "Nội dung thi đua", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không áp dụng"],
                 rows, numeric=(2, 3, 4, 5))


def _all_targets(figures):
    for item in figures["items"]:
        for target in item["targets"]:
            yield item["number"], target
    for target in figures.get("goal_targets", []):
        yield "", target


def targets_table(figures):
    rows = [[number, target["indicator"], target["unit_of_measure"], target["target_value"], target["reported"],
             target["total"], target["average"], target["met"]]
            for number, target in _all_targets(figures)]
    return Table("targets", "Chỉ tiêu", "Kết quả thực hiện các chỉ tiêu (tổng hợp)",
                 ["Nội dung", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu đề ra", "Số đơn vị báo cáo", "Tổng cộng",
                  "Bình quân", "Số đơn vị đạt"], rows, numeric=(3, 4, 5, 6, 7))


def _target_header(target):
    unit = f" ({target['unit_of_measure']})" if target["unit_of_measure"] else ""
    return f"{target['indicator']}{unit}, chỉ tiêu {target['target_value']}"


def target_values_table(figures, targets=None, key="target_values", caption_suffix=""):
    """Units × targets: the value each unit reported for each target (a unit that reported none of them
    is left out); the target itself is in the column's title."""
    targets = [target for _number, target in _all_targets(figures)] if targets is None else targets
    by_unit = {}
    for column, target in enumerate(targets):
        for value in target["values"]:
            by_unit.setdefault(value["unit"], [None] * len(targets))[column] = value["value"]
    rows = [[unit["name"], *by_unit[unit["id"]]] for unit in figures["units"] if unit["id"] in by_unit]
    return Table(key, "Chỉ tiêu theo đơn vị", "Kết quả thực hiện chỉ tiêu của từng đơn vị" + caption_suffix,
                 ["Đơn vị", *[_target_header(target) for target in targets]], rows,
                 numeric=tuple(range(1, len(targets) + 1)))


def target_value_tables(figures, per_table=4):
    """The same values for a portrait page: at most `per_table` targets a table."""
    targets = [target for _number, target in _all_targets(figures)]
    chunks = [targets[start:start + per_table] for start in range(0, len(targets), per_table)] or [[]]
    return [target_values_table(figures, chunk, key=f"target_values_{index}",
                                caption_suffix=f" (phần {index}/{len(chunks)})" if len(chunks) > 1 else "")
            for index, chunk in enumerate(chunks, start=1)]


def units_table(figures):
    rows = []
    for index, unit in enumerate(figures["units"], start=1):
        registered = unit["registered_title"]
        if unit["registered_people"]:
            registered = f"{registered}; {unit['registered_people']} cá nhân".lstrip("; ")
        rows.append([index, unit["name"], labels.UNIT_STATES.get(unit["status"], unit["status"]), unit["done"],
                     unit["applicable"], unit["completion"], registered, "; ".join(unit["awards"])])
    return Table("units", "Kết quả đơn vị", "Kết quả thực hiện của từng đơn vị",
                 ["STT", "Đơn vị", "Báo cáo", "Nội dung hoàn thành", "Nội dung áp dụng", "Tỷ lệ (%)",
                  "Đăng ký thi đua", "Khen thưởng trong kỳ"], rows, numeric=(0, 3, 4, 5))


def awards_table(figures):
    rows = [[row["name"], labels.AWARD_LEVELS.get(row["level"], row["level"]), row["individual"], row["collective"],
             row["individual"] + row["collective"]] for row in figures["awards"]["by_type"]]
    return Table("awards", "Khen thưởng", "Kết quả khen thưởng trong kỳ theo hình thức và cấp",
                 ["Danh hiệu, hình thức", "Cấp", "Cá nhân", "Tập thể", "Cộng"], rows, numeric=(2, 3, 4))


def decisions_table(figures):
    rows = []
    for decision in figures["awards"]["decisions"]:
        for awardee in decision["awardees"] or [{"name": "", "award": ""}]:
            rows.append([decision["reference"], _date(decision["signed_on"]), decision["summary"], awardee["name"],
                         awardee["award"]])
    return Table("decisions", "Quyết định", "Các quyết định khen thưởng trong kỳ",
                 ["Số, ký hiệu", "Ngày ký", "Trích yếu", "Người, tập thể được khen", "Hình thức"], rows)


def forwarded_table(figures):
    rows = [[index, row["nominee"], row["unit"], row["award"], row["body"],
             labels.NOMINATION_OUTCOMES.get(row["status"], row["status"])]
            for index, row in enumerate(figures["awards"]["forwarded"], start=1)]
    return Table("forwarded", "Đề nghị cấp trên", "Đề nghị cấp trên khen thưởng và kết quả",
                 ["STT", "Người, tập thể được đề nghị", "Đơn vị", "Hình thức", "Cấp quyết định", "Kết quả"], rows,
                 numeric=(0,))


# The province's own summary (reports.province) ---------------------------------------------------------


def _total_row(label, totals, keys):
    return [label, *[totals[key] for key in keys]]


def agencies_table(figures):
    keys = ("units", "periods", "required", "on_time", "late", "returned", "missing")
    rows = [[index, row["name"], *[row[key] for key in keys], row["on_time_rate"]]
            for index, row in enumerate(figures["agencies"], start=1)]
    rows.append(["", *_total_row("Tổng cộng", figures["totals"], keys), figures["totals"]["on_time_rate"]])
    return Table("agencies", "Báo cáo theo cơ quan", "Tình hình gửi báo cáo của các cơ quan, đơn vị",
                 ["STT", "Cơ quan, đơn vị", "Số đơn vị trực thuộc", "Số kỳ báo cáo", "Lượt phải báo cáo", "Đúng hạn",
                  "Trễ hạn", "Bị trả lại, chưa sửa", "Chưa báo cáo", "Tỷ lệ đúng hạn (%)"], rows,
                 numeric=(0, 2, 3, 4, 5, 6, 7, 8, 9))


def agency_periods_table(figures):
    rows = [[row["agency"], row["period"], row["plan"], _date(row["due"]), row["required"], row["on_time"],
             row["late"], row["returned"], row["missing"]] for row in figures["periods"]]
    return Table("agency_periods", "Báo cáo theo kỳ", "Tình hình gửi báo cáo theo từng kỳ của các cơ quan",
                 ["Cơ quan", "Kỳ báo cáo", "Kế hoạch", "Hạn báo cáo", "Phải báo cáo", "Đúng hạn", "Trễ hạn",
                  "Bị trả lại, chưa sửa", "Chưa báo cáo"], rows, numeric=(4, 5, 6, 7, 8))


def agency_awards_table(figures):
    levels = figures["levels"]
    rows = [[index, row["name"], *[row["levels"][level] for level in levels], row["individual"], row["collective"],
             row["awards"]] for index, row in enumerate(figures["agencies"], start=1)]
    totals = figures["totals"]
    rows.append(["", "Tổng cộng", *[totals["levels"][level] for level in levels], totals["individual"],
                 totals["collective"], totals["awards"]])
    return Table("agency_awards", "Khen thưởng theo cơ quan", "Kết quả khen thưởng trong kỳ theo cơ quan và cấp khen",
                 ["STT", "Cơ quan, đơn vị", *[labels.AWARD_LEVELS.get(level, level) for level in levels], "Cá nhân",
                  "Tập thể", "Cộng"], rows, numeric=tuple(range(2, len(levels) + 5)) + (0,))


def agency_forwarded_table(figures):
    keys = ("forwarded_waiting", "province_decided", "forwarded")
    rows = [[index, row["name"], *[row[key] for key in keys]] for index, row in enumerate(figures["agencies"], start=1)]
    rows.append(["", *_total_row("Tổng cộng", figures["totals"], keys)])
    return Table("agency_forwarded", "Đề nghị lên tỉnh", "Đề nghị cấp trên khen thưởng theo cơ quan",
                 ["STT", "Cơ quan, đơn vị", "Đang chờ cấp trên xét", "Đã được cấp trên khen thưởng", "Cộng"], rows,
                 numeric=(0, 2, 3, 4))


def province_tables(figures):
    """Every table of the province's summary, in the order of the document."""
    return [agencies_table(figures), agency_periods_table(figures), agency_awards_table(figures),
            agency_forwarded_table(figures)]


def summary_tables(figures):
    """Every table of the report, in the order of the document."""
    if figures.get("scope") == "province":
        return province_tables(figures)
    return [
        discipline_table(figures), history_table(figures), items_table(figures), targets_table(figures),
        target_values_table(figures), units_table(figures), awards_table(figures), decisions_table(figures),
        forwarded_table(figures),
    ]

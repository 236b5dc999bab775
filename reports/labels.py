"""Fixed words of the summary report as a document (PDF, Word, Excel, and its charts).

The text of an official document is Vietnamese by law (as in emulation/documents/base.html), so these
words are written in Vietnamese, not translated; the pages around the document use gettext as usual.
"""
DISCIPLINE = {
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
    "returned": "Bị trả lại, chưa sửa",
    "missing": "Chưa báo cáo",
}
ITEM_STATES = {"done": "Hoàn thành", "in_progress": "Đang thực hiện", "not_started": "Chưa thực hiện",
               "not_applicable": "Không áp dụng"}
UNIT_STATES = {
    "missing": "Chưa báo cáo",
    "draft": "Chưa gửi (dự thảo)",
    "submitted": "Đã gửi",
    "resubmitted": "Đã gửi lại",
    "returned": "Bị trả lại",
    "accepted": "Đã tiếp nhận",
}
AWARD_LEVELS = {"department": "Cấp Sở", "province": "Cấp tỉnh", "ministry": "Cấp Bộ", "national": "Cấp Nhà nước"}
NOMINATION_OUTCOMES = {"forwarded": "Đang chờ kết quả", "decided": "Được khen thưởng", "rejected": "Không được khen thưởng"}
CHART_TITLES = {
    "discipline": "Tình hình gửi báo cáo qua các kỳ",
    "units": "Tỷ lệ hoàn thành nội dung thi đua theo đơn vị",
    "units_bands": "Số đơn vị theo tỷ lệ hoàn thành nội dung thi đua",
    "items": "Số đơn vị theo mức độ thực hiện từng nội dung",
    "awards": "Khen thưởng trong kỳ theo hình thức",
    "agencies": "Tình hình gửi báo cáo của các cơ quan",
    "agency_awards": "Khen thưởng trong kỳ theo cơ quan và cấp khen",
}
ITEM_WORD = "Nội dung"
UNITS_WORD = "Số đơn vị"
COMPLETION_WORD = "Tỷ lệ hoàn thành"
INDIVIDUALS_WORD = "Cá nhân"
COLLECTIVES_WORD = "Tập thể"
NO_DATA = "Chưa có số liệu"

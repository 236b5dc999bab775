"""The seed plan: the Department's plan launching the 2021–2025 emulation movement, in full.

Copied from the real plan of the Quảng Ngãi Department of Natural Resources and Environment (the text
has no number in our copy: the demo issues it as 45/KH-STNMT on 05/11/2021). Corrections of the copy:
two words split by page breaks are joined, a stray “*Bạn*” after the final “./.” is dropped, “Noi nhận”
is “Nơi nhận”, and the legal basis is printed “Quyết định số 01/…” (Decree 30 style) not “số: 01/…”.
"""
from datetime import date

NUMBER = 45
SYMBOL = "KH-STNMT"
ISSUE_DATE = date(2021, 11, 5)
YEAR_FROM = 2021
YEAR_TO = 2025

TITLE = 'Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX'

LEGAL_BASES = [
    {
        "lead": "Thực hiện",
        "doc_type": "Quyết định",
        "doc_number": "01/QĐ-HĐTĐKT",
        "doc_date": date(2021, 10, 28),
        "issuer": "Hội đồng Thi đua, khen thưởng tỉnh Quảng Ngãi",
        "summary": 'ban hành Kế hoạch tổ chức thực hiện Chỉ thị số 19/CT-TTg và Chỉ thị số 14/CT-UBND ngày 06/8/2021 của Chủ tịch Ủy ban nhân dân tỉnh về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX',
    },
]

OPENING = 'Căn cứ tình hình, thực tiễn công tác, Sở Tài nguyên và Môi trường xây dựng Kế hoạch Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, cụ thể như sau:'

GOALS = [
    'Triển khai thực hiện tốt Chỉ thị số 19/CT-TTg và Chỉ thị số 14/CT-UBND nhằm tạo sự chuyển biến mạnh mẽ hơn nữa trong công tác lãnh đạo, chỉ đạo của cấp ủy đảng, người đứng đầu các phòng, đơn vị trong việc triển khai thực hiện có hiệu quả các phong trào thi đua yêu nước và làm tốt công tác khen thưởng trong thời gian đến.',
    'Yêu cầu công chức, viên chức và người lao động thuộc Sở tích cực hưởng ứng và thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX.',
    'Chủ động, tích cực trong thực hiện nhiệm vụ công tác được giao; thi đua hoàn thành tốt 100% công việc được phân công thực hiện. Duy trì và phát huy những kết quả đạt được trong năm 2021 và những năm tiếp theo thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX.',
]

# (text of the content item, [its sub-points])
CONTENT_ITEMS = [
    (
        'Căn cứ chức năng, nhiệm vụ được giao, các phòng, đơn vị thuộc Sở lồng ghép xây dựng kế hoạch triển khai thực hiện và phát động phong trào thi đua nhằm thực hiện thắng lợi các mục tiêu, nhiệm vụ được giao, góp phần hoàn thành các nhiệm vụ phát triển kinh tế - xã hội 5 năm giai đoạn 2021 - 2025 theo các nghị quyết, chương trình hành động của Tỉnh ủy, Ủy ban nhân dân tỉnh và các nội dung của Chỉ thị số 19/CT-TTg và Chỉ thị số 14/CT-UBND ngày 06/8/2021 của Chủ tịch Ủy ban nhân dân tỉnh.',
        [
        ],
    ),
    (
        'Tiếp tục phổ biến trong toàn thể công chức, viên chức, người lao động theo tư tưởng của Chủ tịch Hồ Chí Minh về thi đua yêu nước; các chủ trương, chính sách của Đảng và pháp luật của Nhà nước về công tác thi đua, khen thưởng; gắn các phong trào thi đua với việc thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về “Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”. Phổ biến tuyên truyền các nội dung của Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về “Tiếp tục đổi mới công tác thi đua, khen thưởng”. Tiếp tục tham gia hưởng ứng các phong trào thi đua đã được Thủ tướng Chính phủ phát động: “Cả nước chung sức xây dựng nông thôn mới”, “Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau” và “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”.',
        [
        ],
    ),
    (
        'Thi đua sáng tạo, nâng cao năng suất, chất lượng, hiệu quả thực thi nhiệm vụ, công vụ, quyết tâm thực hiện hoàn thành kế hoạch phát triển kinh tế - xã hội mà Nghị quyết của các cấp đề ra. Chủ động thực hiện có hiệu quả “mục tiêu kép” vừa phòng chống đại dịch Covid-19, vừa phục hồi và phát triển kinh tế - xã hội trong trạng thái bình thường mới.',
        [
            'Tăng cường công tác tuyên truyền về phong trào thi đua đặc biệt với các phong trào: “Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19”, “Quảng Ngãi đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19” với tinh thần quyết tâm “chống dịch như chống giặc”; khích lệ, động viên công chức, viên chức, người lao động tích cực tham gia phòng, chống, sớm đẩy lùi dịch bệnh Covid -19.',
            'Đẩy mạnh triển khai thực hiện các nội dung thi đua về bảo đảm an sinh xã hội; thi đua giữ vững ổn định chính trị, bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội, chủ động đấu tranh với các thế lực phản động, thù địch trong và ngoài nước lợi dụng tình hình dịch bệnh để gây rối, chống phá.',
            'Kịp thời đề xuất khen thưởng, động viên đối với các cá nhân có thành tích tiêu biểu trong công tác phòng, chống dịch bệnh; đồng thời thực hiện phê bình, kiểm điểm, xử lý nghiêm các trường hợp lơ là, chủ quan, chưa làm tròn trách nhiệm trong công tác phòng, chống dịch bệnh.',
        ],
    ),
    (
        'Đẩy mạnh thực hiện các phong trào thi đua do Tỉnh phát động; tăng cường ứng dụng khoa học công nghệ trong quản lý điều hành, thực hiện nhiệm vụ được giao góp phần xây dựng, phát triển Chính quyền điện tử, hướng tới chính quyền số, Chính phủ số, nền kinh tế số, xã hội số; tập trung ứng dụng công nghệ thông tin, đặc biệt là quy trình, thủ tục, hồ sơ khen thưởng và lưu trữ, tra cứu hồ sơ thi đua, khen thưởng.',
        [
        ],
    ),
    (
        'Các đơn vị phối hợp với cấp ủy đảng cùng cấp tập trung xây dựng tổ chức Đảng trong sạch, vững mạnh, nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức đảng và đảng viên; kịp thời đề xuất nhằm củng cố tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả theo chỉ đạo của tỉnh; đề cao trách nhiệm nêu gương, tinh thần sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm của đảng viên, gắn với đẩy mạnh phòng, chống tham nhũng, lãng phí,...',
        [
        ],
    ),
    (
        'Nâng cao hiệu quả, năng lực quản lý điều hành của người đứng đầu các phòng, đơn vị thuộc Sở hướng tới mục tiêu hoàn thành đạt và vượt mức các chỉ tiêu, nhiệm vụ được giao cho ngành tài nguyên và môi trường. Đẩy mạnh cải cách hành chính, nhất là cải cách thủ tục hành chính đối với các lĩnh vực quản lý của ngành tài nguyên và môi trường; nâng cao hiệu quả trong công tác phòng chống tham nhũng, công tác tiếp công dân và giải quyết khiếu nại, tố cáo.',
        [
        ],
    ),
    (
        'Nâng cao chất lượng công tác khen thưởng',
        [
            'Thực hiện bình xét khen thưởng chính xác, kịp thời, công khai, minh bạch, thành tích đến đâu khen thưởng đến đó để khích lệ, động viên các tập thể, cá nhân tiêu biểu. Đề cao trách nhiệm người đứng đầu trong việc phát hiện các điển hình, nhân tố mới để đề xuất cấp có thẩm quyền khen thưởng. Phải có sự lựa chọn tập thể, cá nhân có thành tích tiêu biểu xuất sắc để khen thưởng, không nhất thiết đủ tiêu chuẩn, điều kiện là khen thưởng.',
            'Tiếp tục tuyên truyền, lựa chọn, biểu dương khen thưởng kịp thời các tập thể, cá nhân điển hình tiên tiến có nhiều thành tích trong các phong trào thi đua; các tập thể, cá nhân tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; những tấm gương dũng cảm cứu người, cứu tài sản trong thiên tai, dịch bệnh, phòng, chống tội phạm....; đồng thời tích cực giới thiệu gương người tốt, việc tốt, điển hình tiên tiến và các nhân tố mới trong quá trình triển khai thực hiện các phong trào thi đua để giới thiệu tinh bìu dương.',
        ],
    ),
]

# (unit code or None for every unit, role, text)
IMPLEMENTATION = [
    ("VP", "lead", 'Văn phòng Sở theo dõi, phối hợp với các phòng, đơn vị thuộc Sở triển khai, thực hiện có hiệu quả Kế hoạch của Sở đã ban hành; định kỳ báo cáo tình hình, kết quả triển khai thực hiện; đồng thời phối hợp tổng hợp và báo cáo Lãnh đạo Sở khen thưởng hoặc tham mưu Lãnh đạo Sở trình cấp trên khen thưởng các tấm gương, điển hình tiên tiến đạt tiêu chí đánh giá thi đua của Phong trào theo công văn, hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh.'),
    (None, "coordinate", 'Căn cứ các nội dung thi đua tại Kế hoạch này, lãnh đạo các phòng, đơn vị thuộc Sở phổ biến đến toàn thể cán bộ, công chức và người lao động tham gia thực hiện; phối hợp với Văn phòng Sở báo cáo kết quả thực hiện Kế hoạch khi có yêu cầu.'),
]

CLOSING = 'Sở Tài nguyên và Môi trường đề nghị các phòng, đơn vị triển khai thực hiện. Trong quá trình thực hiện, nếu có vướng mắc, phát sinh đề nghị các phòng, đơn vị phản ánh bằng văn bản về Sở (qua Văn phòng Sở) để tổng hợp, trình Giám đốc Sở quyết định./.'

RECIPIENTS = [
    '- UBND tỉnh (báo cáo);',
    '- Ban TĐKT tỉnh;',
    '- Q.GD, các PGĐ Sở;',
    '- Các phòng, đơn vị thuộc Sở;',
    '- Công đoàn Sở, Đoàn TN Sở;',
    '- Lưu VT, VP (L.A).',
]

SIGNER_AUTHORITY = "acting"  # Q. GIÁM ĐỐC
SIGNER_NAME = 'Nguyễn Đức Trung'

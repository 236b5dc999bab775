from pathlib import Path

import pytest

from emulation.documents import DocumentHeader

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture
def test_templates(settings):
    """Adds this folder's templates (documents_test/…) to the template engine."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES_DIR]}]


@pytest.fixture
def header():
    return DocumentHeader(
        type_name="KẾ HOẠCH",
        summary="Thử nghiệm bố cục văn bản",
        number=5,
        symbol="KH-STNMT",
        issue_date=__import__("datetime").date(2026, 1, 5),
        signer_lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        signer_name="Trần Văn Ký",
        recipients=["- UBND tỉnh (báo cáo);", "- Lưu: VT, VP."],
    )

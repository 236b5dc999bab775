import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from emulation.tests.files import PNG_BYTES, docx_bytes, upload
from emulation.uploads import UploadField, UploadTo, safe_filename, serve_file, validate_upload
from django.utils import translation
import io
import zipfile
from django import forms
from django.core.files.storage import FileSystemStorage
from emulation.documents import pdf_response
from django.template import Context, Template


@pytest.mark.parametrize("name, content, expected", [
    ("bao-cao.pdf", None, "application/pdf"),
    ("anh.PNG", PNG_BYTES, "image/png"),
    ("ke-hoach.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_validate_upload_accepts_allowed_types(name, content, expected):
    file = upload(name) if content is None else upload(name, content)
    assert validate_upload(file) == expected


def test_validate_upload_refuses_executable_type_with_vietnamese_message():
    with translation.override("vi"), pytest.raises(ValidationError, match="không thuộc loại được phép") as error:
        validate_upload(upload("virus.exe", b"MZ\x90\x00"))
    assert error.value.code == "type"
    assert "virus.exe" in error.value.messages[0]


def test_validate_upload_refuses_renamed_file_whose_content_does_not_match():
    with pytest.raises(ValidationError, match=r"Nội dung tệp “bao\-cao\.pdf” không đúng với đuôi “\.pdf”") as error:
        validate_upload(upload("bao-cao.pdf", b"MZ\x90\x00 not a pdf"))
    assert error.value.code == "content"


def test_validate_upload_refuses_zip_pretending_to_be_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.js", "alert(1)")
    with pytest.raises(ValidationError, match=r"Nội dung tệp “van\-ban\.docx” không đúng với đuôi “\.docx”") as error:
        validate_upload(upload("van-ban.docx", buffer.getvalue()))
    assert error.value.code == "content"


def test_validate_upload_refuses_file_over_the_size_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match=r"Tệp “bao\-cao\.pdf” quá lớn") as error:
        validate_upload(upload("bao-cao.pdf"))
    assert error.value.code == "too_big"


def test_upload_field_reports_the_error_in_the_form():
    class Form(forms.Form):
        file = UploadField()

    form = Form(files={"file": upload("x.exe", b"MZ")})
    assert not form.is_valid()
    assert list(form.errors) == ["file"]


def test_upload_to_gives_random_name_keeping_extension():
    path = UploadTo("evidence")(None, "../../etc/Báo cáo.PDF")
    assert path.startswith("evidence/")
    assert path.endswith(".pdf")
    assert "Báo" not in path and ".." not in path


def test_safe_filename_strips_folders_and_control_characters():
    assert safe_filename('../../x/Báo\r\n cáo "quý".pdf') == "Báo cáo quý.pdf"
    assert safe_filename("") == "tep"


@pytest.mark.django_db
def test_serve_file_refuses_when_not_allowed():
    with pytest.raises(PermissionDenied, match="^$"):
        serve_file(None, "a.pdf", allowed=False)


def test_serve_file_sends_attachment_with_safe_name(tmp_path, rf):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("x.pdf", ContentFile(b"%PDF-1.4"))
    file = storage.open(name)
    response = serve_file(file, "Báo cáo/quý 1.pdf", allowed=True, request=rf.get("/f/", {"download": "1"}))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''qu%C3%BD%201.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


def test_a_pdf_opens_inline_unless_the_download_button_asked_and_other_files_are_attachments(tmp_path, rf):
    storage = FileSystemStorage(location=tmp_path)
    pdf, docx = storage.save("x.pdf", ContentFile(b"%PDF-1.4")), storage.save("x.docx", ContentFile(b"PK\x03\x04"))
    disposition = {
        (filename, query): serve_file(storage.open(name), filename, allowed=True, request=rf.get(f"/f/?{query}"))
        ["Content-Disposition"].split(";")[0]
        for name, filename in [(pdf, "a.pdf"), (docx, "a.docx")] for query in ["", "download=1"]
    }
    assert disposition == {("a.pdf", ""): "inline", ("a.pdf", "download=1"): "attachment",
                           ("a.docx", ""): "attachment", ("a.docx", "download=1"): "attachment"}


def test_pdf_response_follows_the_same_rule(rf):
    assert pdf_response(b"%PDF", "a.pdf", request=rf.get("/"))["Content-Disposition"] == 'inline; filename="a.pdf"'
    saved = pdf_response(b"%PDF", "a.pdf", request=rf.get("/", {"download": "1"}))
    assert saved["Content-Disposition"] == 'attachment; filename="a.pdf"'


def test_file_buttons_link_the_viewer_and_the_download_keeping_the_query():
    html = Template('{% load files %}{% file_buttons "/r/1.pdf" "PDF" "sm" year=2025 %}').render(Context())
    assert 'href="/r/1.pdf?year=2025" target="_blank"' in html
    assert 'href="/r/1.pdf?year=2025&amp;download=1" download' in html and "btn-sm" in html

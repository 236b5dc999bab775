"""The Office's pages of its agency's signing keys (issue 27 item 4): a PKCS#12 key checked with its passphrase
at once, PNG images with a transparent background, another agency's keys hidden, every change on the timeline."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from emulation.documents import test_authority
from emulation.documents.models import SigningKey
from emulation.documents.signing_keys import KEY_ADDED, KEY_DEACTIVATED
from emulation.models import Agency, Role
from emulation.tests.factories import UnitFactory, UserFactory
from emulation.workflow import timeline_of


@pytest.fixture(scope="module")
def root():
    return test_authority.make_root()


@pytest.fixture(scope="module")
def holder(root):
    return test_authority.issue(root, "Nguyễn Văn Ký", "SỞ THỬ NGHIỆM")


def _p12(holder, root, passphrase=b"dung-mat-khau"):
    return SimpleUploadedFile("ky.p12", test_authority.pkcs12_bytes(holder, root, passphrase),
                              content_type="application/x-pkcs12")


def _png(data=None, name="chuky.png"):
    return SimpleUploadedFile(name, data or test_authority.sample_signature_png(), content_type="image/png")


def _post(client, holder, root, **changes):
    data = {"signer_name": "Nguyễn Văn Ký", "kind": "pkcs12", "passphrase": "dung-mat-khau", "seal_mm": 36,
            "pkcs12_file": _p12(holder, root), "image": _png(), **changes}
    return client.post(reverse("signing_key_create"), data)


@pytest.fixture
def office_client(client, org, office_user):
    client.force_login(office_user)
    return client


def test_the_office_adds_a_pkcs12_key_and_the_list_shows_its_subject_and_dates(office_client, office_user,
                                                                                 holder, root):
    response = _post(office_client, holder, root)
    assert response.status_code == 302
    key = SigningKey.objects.get()
    assert (key.agency_id, key.signer_name, key.kind, bytes(key.certificate)) == (
        office_user.agency_id, "Nguyễn Văn Ký", "pkcs12", holder.certificate_der)
    assert [(entry.action, entry.data) for entry in timeline_of(key)] == [
        (KEY_ADDED, {"signer_name": "Nguyễn Văn Ký", "kind": "pkcs12", "seal_mm": 36, "pkcs12": True,
                     "certificate": True, "image": True})]
    page = office_client.get(reverse("signing_key_list")).content.decode()
    assert "CN=Nguyễn Văn Ký,O=SỞ THỬ NGHIỆM,C=VN" in page
    assert holder.certificate.not_valid_after_utc.strftime("%d/%m/%Y") in page
    assert holder.certificate.not_valid_before_utc.strftime("%d/%m/%Y") in page
    assert "dung-mat-khau" not in page and "data:image/png;base64," in page


def test_a_wrong_passphrase_is_refused_with_a_message_and_nothing_saved(office_client, holder, root):
    response = _post(office_client, holder, root, passphrase="sai-mat-khau")
    assert response.status_code == 200
    assert response.context["form"].errors["pkcs12_file"] == [
        "Không mở được tệp chứng thư số: hãy kiểm tra đó là tệp .p12 (hoặc .pfx) và mật khẩu đúng là mật khẩu "
        "được cấp kèm tệp."]
    assert SigningKey.objects.count() == 0


def test_a_file_that_is_not_pkcs12_is_refused_with_the_same_message(office_client, holder, root):
    response = _post(office_client, holder, root, pkcs12_file=SimpleUploadedFile("ky.p12", b"not a key file"))
    assert response.context["form"].errors["pkcs12_file"][0].startswith("Không mở được tệp chứng thư số")
    assert SigningKey.objects.count() == 0


def test_an_image_that_is_not_png_is_refused(office_client, holder, root):
    jpeg = io.BytesIO()
    Image.new("RGB", (60, 30), (255, 255, 255)).save(jpeg, "JPEG")
    response = _post(office_client, holder, root, image=_png(jpeg.getvalue(), "chuky.jpg"))
    assert response.context["form"].errors["image"] == [
        "Hình ảnh phải là tệp PNG: hãy lưu bản quét dưới dạng PNG rồi chọn lại."]
    assert SigningKey.objects.count() == 0


def test_a_png_without_transparency_is_refused(office_client, holder, root):
    opaque = io.BytesIO()
    Image.new("RGB", (60, 30), (255, 255, 255)).save(opaque, "PNG")
    response = _post(office_client, holder, root, image=_png(opaque.getvalue()))
    assert response.context["form"].errors["image"][0].startswith("Hình ảnh phải có nền trong suốt")
    assert SigningKey.objects.count() == 0


def test_a_new_key_for_the_same_signer_takes_the_old_one_out_of_use(office_client, holder, root):
    _post(office_client, holder, root)
    _post(office_client, holder, root)
    old, new = SigningKey.objects.order_by("pk")
    assert (old.active, new.active) == (False, True)
    assert [entry.action for entry in timeline_of(old)] == [KEY_ADDED, KEY_DEACTIVATED]


def test_the_office_changes_a_key_to_a_token_and_the_file_is_dropped(office_client, holder, root):
    _post(office_client, holder, root)
    key = SigningKey.objects.get()
    response = office_client.post(reverse("signing_key_edit", args=[key.pk]), {
        "signer_name": "Nguyễn Văn Ký", "kind": "pkcs11", "pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so",
        "pkcs11_token": "so-thu-nghiem", "pkcs11_key": "ky", "seal_mm": 36})
    assert response.status_code == 302
    key.refresh_from_db()
    assert (key.kind, bytes(key.pkcs12), key.pkcs12_passphrase, key.pkcs11_token, bytes(key.certificate)) == (
        "pkcs11", b"", "", "so-thu-nghiem", b"")
    assert len(bytes(key.image)) > 0  # the image kept


def test_a_token_key_needs_its_module_token_and_key_label(office_client):
    response = office_client.post(reverse("signing_key_create"), {
        "signer_name": "", "kind": "pkcs11", "seal_mm": 36, "image": _png(test_authority.sample_seal_png())})
    assert sorted(response.context["form"].errors) == ["pkcs11_key", "pkcs11_module", "pkcs11_token"]
    assert SigningKey.objects.count() == 0


def test_the_office_deactivates_a_key_with_a_timeline_row(office_client, holder, root):
    _post(office_client, holder, root)
    key = SigningKey.objects.get()
    office_client.post(reverse("signing_key_deactivate", args=[key.pk]))
    key.refresh_from_db()
    assert key.active is False
    assert [entry.action for entry in timeline_of(key)] == [KEY_ADDED, KEY_DEACTIVATED]


def _other_agency_key():
    agency = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    return SigningKey.objects.create(agency=agency, signer_name="Bác sĩ Khác", kind="remote", remote_account="bs")


def test_another_agencys_office_gets_404_on_the_key_and_never_sees_it(office_client, org):
    key = _other_agency_key()
    assert office_client.get(reverse("signing_key_edit", args=[key.pk])).status_code == 404
    assert office_client.post(reverse("signing_key_deactivate", args=[key.pk])).status_code == 404
    page = office_client.get(reverse("signing_key_list"))
    assert list(page.context["page"]) == [] and "Bác sĩ Khác" not in page.content.decode()
    key.refresh_from_db()
    assert key.active is True


def test_a_unit_head_gets_403(client, org):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=org.land))
    assert client.get(reverse("signing_key_list")).status_code == 403
    assert client.get(reverse("signing_key_create")).status_code == 403


@pytest.mark.parametrize("keys", [1, 3])
def test_the_key_list_costs_the_same_queries_with_one_key_or_three(office_client, office_user, keys,
                                                                   holder, django_assert_num_queries):
    for index in range(keys):
        SigningKey.objects.create(agency_id=office_user.agency_id, signer_name=f"Người ký {index}", kind="pkcs12",
                                  certificate=holder.certificate_der, image=test_authority.sample_seal_png())
    with django_assert_num_queries(4):  # the session, the login, the count, the page's keys
        page = office_client.get(reverse("signing_key_list"))
    assert len(page.context["page"]) == keys


def test_the_agency_setup_links_to_the_keys_done_once_the_agency_and_a_signer_have_one(office_client, office_user):
    def need():
        [found] = [need for need in office_client.get(reverse("agency_setup")).context["needs"]
                   if need.url == reverse("signing_key_list")]
        return found

    assert (need().title, need().done) == ("Chữ ký số của cơ quan và người ký", False)
    SigningKey.objects.create(agency_id=office_user.agency_id, signer_name="", kind="remote", remote_account="so")
    assert (need().done, need().state) == (False, "Đã có khóa của cơ quan và khóa của 0 người ký")
    SigningKey.objects.create(agency_id=office_user.agency_id, signer_name="Nguyễn Văn Ký", kind="remote",
                              remote_account="ky")
    assert (need().done, need().state) == (True, "Đã có khóa của cơ quan và khóa của 1 người ký")


def test_correcting_a_key_out_of_use_leaves_the_key_in_use_alone(office_client, holder, root):
    _post(office_client, holder, root)
    _post(office_client, holder, root)
    old, new = SigningKey.objects.order_by("pk")
    response = office_client.post(reverse("signing_key_edit", args=[old.pk]), {
        "signer_name": "Nguyễn Văn Ký", "kind": "remote", "remote_account": "ky-cu", "seal_mm": 36})
    assert response.status_code == 302
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.active, old.remote_account, new.active) == (False, "ky-cu", True)

"""Refusals of the organisation pages that had none (issue 10); POSTs change nothing."""
import pytest
from django.urls import reverse

from emulation.models import Notification, Role, Staff, Unit
import logging
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name, args", [
    ("unit_list", []), ("staff_list", []), ("import_data", ["units"]), ("import_data", ["staff"]),
    ("export_data", ["units"]), ("export_data", ["staff"]), ("staff_create", []), ("unit_create", []),
])
def test_a_plain_staff_member_is_refused(client, make_user, org, name, args):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse(name, args=args)).status_code == 403


def test_a_unit_head_cannot_import_units_rename_or_merge(land_head_client, org):
    assert land_head_client.get(reverse("import_data", args=["units"])).status_code == 403
    assert land_head_client.post(reverse("unit_rename", args=[org.land.pk]), {"name": "Tên mới"}).status_code == 403
    assert land_head_client.post(reverse("unit_merge", args=[org.land_team.pk]), {"into": org.land.pk}).status_code == 403
    assert (Unit.objects.get(pk=org.land.pk).name, Unit.objects.get(pk=org.land_team.pk).active) == (
        "Phòng Quản lý đất đai", True)


def test_another_units_head_gets_404_on_a_staff_record_and_its_edit(client, env_head, org, staff_in):
    person = staff_in(org.land, full_name="Võ Văn Chín")
    client.force_login(env_head)
    assert client.get(reverse("staff_detail", args=[person.pk])).status_code == 404
    assert client.post(reverse("staff_edit", args=[person.pk]), {"full_name": "Đổi tên"}).status_code == 404
    assert Staff.objects.get(pk=person.pk).full_name == "Võ Văn Chín"


def test_nobody_marks_another_persons_notification_read(client, make_user, office_user):
    notification = Notification.objects.create(recipient=office_user, text="Báo cáo mới", link="/")
    client.force_login(make_user(Role.STAFF))
    assert client.post(reverse("notification_read"), {"pk": notification.pk}).status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_an_unknown_import_or_export_kind_is_404(office_client):
    assert office_client.get(reverse("import_data", args=["passwords"])).status_code == 404
    assert office_client.get(reverse("export_data", args=["passwords"])).status_code == 404


def test_a_refusal_is_one_line_in_the_log_saying_who_what_and_why(client, make_user, org, caplog):
    user = make_user(Role.STAFF, unit=org.land, username="nv.land")
    client.force_login(user)
    with caplog.at_level("WARNING", logger="django.request"):
        assert client.get(reverse("unit_list")).status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    line = caplog.text.strip()
    assert (record.exc_info, record.exc_text, len(line.splitlines())) == (None, None, 1)
    assert "Traceback" not in caplog.text
    message = record.getMessage()
    assert message.startswith("Forbidden: user nv.land (id %s) GET /units/" % user.pk)
    # Why: the code that refused (the permission check's caller), since refusals carry no message.
    assert "refused in emulation/views.py:" in message



def test_a_refused_path_cannot_forge_a_second_log_line(rf, caplog):

    request = rf.get("/units/")
    request.path, request.user = "/units/\nForbidden: forged", AnonymousUser()
    with caplog.at_level("WARNING", logger="django.request"):
        try:
            raise PermissionDenied
        except PermissionDenied as exc:
            logging.getLogger("django.request").warning("Forbidden (Permission denied): %s", request.path,
                                                        extra={"request": request}, exc_info=exc)
    assert caplog.text.strip().splitlines() == [
        "WARNING  django.request:test_refusals.py:%d Forbidden: anonymous GET /units/\\nForbidden: forged: "
        "refused in emulation/tests/test_refusals.py:%d in test_a_refused_path_cannot_forge_a_second_log_line"
        % (caplog.records[0].lineno, caplog.records[0].lineno - 2)]

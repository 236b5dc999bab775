import pytest
from django.core.management import call_command

from emulation.models import Agency, Role, Staff, Unit, User


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing(demo_data):
    counts = (Unit.objects.count(), Staff.objects.count(), User.objects.count(), Staff.history.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (Unit.objects.count(), Staff.objects.count(), User.objects.count(), Staff.history.count()) == counts
    assert counts[1] >= 140


@pytest.mark.django_db
def test_seed_demo_logins_have_their_roles_and_units(demo_data):
    roles = dict(User.objects.values_list("username", "role"))
    assert roles == {
        "quantri": Role.ADMIN, "vanphong": Role.OFFICE, "giamdoc": Role.DIRECTOR,
        "phogiamdoc": Role.DEPUTY_DIRECTOR, "hoidong": Role.COUNCIL, "lanhdao.qldd": Role.UNIT_HEAD,
        "lanhdao.mt": Role.UNIT_HEAD, "canbo": Role.STAFF,
        # the second agency, Sở Y tế (issue 16)
        "vanphong.syt": Role.OFFICE, "giamdoc.syt": Role.DIRECTOR, "lanhdao.nvy": Role.UNIT_HEAD,
        # the province's standing body and the Chủ tịch UBND tỉnh
        "chuyenvien.btd": Role.OFFICE, "chutich": Role.DIRECTOR, "hoidong.tinh": Role.COUNCIL,
    }
    assert User.objects.get(username="lanhdao.qldd").unit.name == "Phòng Quản lý đất đai"
    assert User.objects.get(username="lanhdao.mt").unit.name == "Chi cục Bảo vệ môi trường"
    assert User.objects.get(username="canbo").staff_record.unit.code == "QLDD"
    assert User.objects.get(username="giamdoc").check_password("thidua@2025")


@pytest.mark.django_db
def test_seed_demo_links_every_issuing_agency_to_the_provincial_standing_body(demo_data):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    province = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    assert province.abbreviation == "BTĐKT"
    assert set(Agency.objects.filter(kind=Agency.Kind.AGENCY).values_list("province", flat=True)) == {province.pk}
    assert Agency.objects.filter(kind=Agency.Kind.AGENCY).count() == 2
    assert set(User.objects.filter(agency=province).values_list("username", flat=True)) == {"chuyenvien.btd", "chutich", "hoidong.tinh"}
    assert User.objects.get(username="chutich").staff_record.unit.agency == province

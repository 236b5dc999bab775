"""Fixtures shared by every app's tests: test-friendly settings, an organisation, a login per role."""
import pytest

from emulation.models import Role
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def org(db):
    """A Department with two divisions; the first has a sub-unit."""

    class Org:
        department = UnitFactory(code="SO", name="Sở Thử nghiệm", kind="department")
        land = UnitFactory(code="QLDD", name="Phòng Quản lý đất đai", parent=department)
        land_team = UnitFactory(code="QLDD-1", name="Tổ Đăng ký", parent=land)
        env = UnitFactory(code="MT", name="Chi cục Bảo vệ môi trường", parent=department, kind="sub_department")

    return Org


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def make_user(db):
    def make(role=Role.STAFF, unit=None, **kwargs):
        return UserFactory(role=role, unit=unit, **kwargs)

    return make


@pytest.fixture
def office_user(make_user):
    return make_user(Role.OFFICE)


@pytest.fixture
def director_user(make_user):
    return make_user(Role.DIRECTOR)


@pytest.fixture
def land_head(make_user, org):
    return make_user(Role.UNIT_HEAD, unit=org.land)


@pytest.fixture
def env_head(make_user, org):
    return make_user(Role.UNIT_HEAD, unit=org.env)


@pytest.fixture
def office_client(client, office_user):
    return _login(client, office_user)


@pytest.fixture
def land_head_client(client, land_head):
    return _login(client, land_head)


@pytest.fixture
def staff_in(org):
    def make(unit, **kwargs):
        return StaffFactory(unit=unit, **kwargs)

    return make

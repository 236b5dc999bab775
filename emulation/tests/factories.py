import factory
from factory.django import DjangoModelFactory

from emulation.models import Role, Staff, Unit, User


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Phòng số {n}")
    kind = Unit.Kind.DIVISION


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = Staff

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Người{n}")
    unit = factory.SubFactory(UnitFactory)
    category = Staff.Category.CIVIL_SERVANT
    position = "Chuyên viên"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.STAFF
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()

import factory
from factory.django import DjangoModelFactory

from campaigns.models import ContentItem, Goal, LegalBasis, Plan, PlanKind, Recipient, Target


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    kind = PlanKind.ANNUAL
    title = factory.Sequence(lambda n: f"Phát động phong trào thi đua số {n}")
    year_from = 2026
    year_to = 2026
    signer_name = "Nguyễn Đức Trung"
    opening = "Căn cứ tình hình thực tiễn, Sở xây dựng Kế hoạch như sau:"
    closing = "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Văn phòng Sở./."


class LegalBasisFactory(DjangoModelFactory):
    class Meta:
        model = LegalBasis

    plan = factory.SubFactory(PlanFactory)
    doc_type = "Luật"
    doc_number = "06/2022/QH15"
    issuer = "Quốc hội"
    summary = "Thi đua, khen thưởng"


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Mục đích số {n}.")
    order = factory.Sequence(lambda n: n)


class ContentItemFactory(DjangoModelFactory):
    class Meta:
        model = ContentItem

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Nội dung thi đua số {n}.")
    order = factory.Sequence(lambda n: n)


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    plan = factory.SelfAttribute("item.plan")
    item = factory.SubFactory(ContentItemFactory)
    indicator = "Tỷ lệ hồ sơ giải quyết đúng hạn"
    unit_of_measure = "%"
    target_value = 100


class RecipientFactory(DjangoModelFactory):
    class Meta:
        model = Recipient

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"- Nơi nhận {n};")
    order = factory.Sequence(lambda n: n)

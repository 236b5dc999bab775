from datetime import date

import factory
from factory.django import DjangoModelFactory

from awards.eligibility import evaluate_nomination
from awards.models import (
    AwardRecord, AwardRound, AwardType, CouncilMember, Discipline, EligibilityOverride, Evaluation, Initiative,
    Nomination,
)
from awards.voting import open_session, record_vote
from emulation.tests.factories import StaffFactory, UnitFactory


def award(code):
    """An award type of the catalogue loaded by migration 0002."""
    return AwardType.objects.get(code=code)


class RoundFactory(DjangoModelFactory):
    class Meta:
        model = AwardRound

    name = factory.Sequence(lambda n: f"Đợt xét khen thưởng {n}")
    year = 2025
    opens_on = date(2025, 11, 1)
    closes_on = date(2025, 12, 10)


class RecordFactory(DjangoModelFactory):
    class Meta:
        model = AwardRecord

    staff = factory.SubFactory(StaffFactory)
    award_type = factory.LazyFunction(lambda: award("CSTDCS"))
    year = 2024
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-STNMT")


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    year = 2025
    level = Evaluation.Level.EXCELLENT


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    unit = factory.SubFactory(UnitFactory)
    year = 2025
    level = Initiative.Level.BASE

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.authors.set(extracted)


class DisciplineFactory(DjangoModelFactory):
    class Meta:
        model = Discipline

    form = Discipline.Form.WARNING
    valid_from = date(2025, 3, 1)
    valid_to = date(2026, 2, 28)


class NominationFactory(DjangoModelFactory):
    class Meta:
        model = Nomination

    round = factory.SubFactory(RoundFactory)
    award_type = factory.LazyFunction(lambda: award("CSTDCS"))
    staff = factory.SubFactory(StaffFactory)
    unit = factory.LazyAttribute(lambda o: o.staff.unit if o.staff else o.nominee_unit)
    achievements = "Hoàn thành xuất sắc nhiệm vụ được giao."


class CouncilMemberFactory(DjangoModelFactory):
    class Meta:
        model = CouncilMember

    full_name = factory.Sequence(lambda n: f"Thành viên {n}")
    valid_from = date(2020, 1, 1)


def council_passed(nomination, office, *, passed=True):
    """Bring `nomination` to "council result recorded" the lawful way: a session of the whole council (nine members, created when missing) and a
    vote recorded by `office` (9 for when `passed`, else 1); when it passed, every failed eligibility
    condition is set aside by `office` with a reason, as the Office does before the Director approves."""
    held_on = date(2025, 12, 5)
    missing = 9 - CouncilMember.objects.in_force(held_on).count()
    [CouncilMemberFactory() for _ in range(max(missing, 0))]
    session = open_session(round=nomination.round, held_on=held_on,
                           present=list(CouncilMember.objects.in_force(held_on)))
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.CHECKED)
    nomination.refresh_from_db()
    record_vote(session, nomination, votes_for=9 if passed else 1, votes_against=0 if passed else 8, actor=office)
    for check in evaluate_nomination(nomination).failed if passed else []:
        EligibilityOverride.objects.create(nomination=nomination, rule_key=check.key, rule_text=check.requirement[:300],
                                           reason="Hội đồng đã xem xét", by=office)
    nomination.refresh_from_db()
    return nomination

"""Issue 31 §9: the field changes of nominations, awards, evaluations, disciplines and initiatives are kept
(who, when, old → new), as those of units and staff are (django-simple-history)."""
from datetime import date

import pytest
from django.urls import reverse

from awards.models import AwardRecord, Discipline, Evaluation, Initiative, Nomination
from awards.tests.factories import (
    DisciplineFactory, EvaluationFactory, InitiativeFactory, RecordFactory, RoundFactory, award,
)
from emulation.history import change_history

pytestmark = pytest.mark.django_db


def test_a_nomination_edited_by_its_unit_head_keeps_old_and_new(land_head_client, land_head, org, staff_in):
    person = staff_in(org.land, employed_since=date(2010, 1, 1))
    round_ = RoundFactory()
    data = {"round": round_.pk, "award_type": award("LDTT").pk, "staff": person.pk, "achievements": "Hoàn thành tốt"}
    land_head_client.post(reverse("awards:nomination_create"), data)
    nomination = Nomination.objects.get()
    land_head_client.post(reverse("awards:nomination_edit", args=[nomination.pk]), {**data, "achievements": "Hoàn thành xuất sắc"})
    [newest, created] = change_history(nomination)
    assert [(str(label), old, new) for label, old, new in newest["changes"]] == [("tóm tắt thành tích", "Hoàn thành tốt", "Hoàn thành xuất sắc")]
    assert (newest["user"], created["created"]) == (land_head, True)
    page = land_head_client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Hoàn thành tốt → Hoàn thành xuất sắc" in page


@pytest.mark.parametrize(("make", "field", "value"), [
    (lambda p: RecordFactory(staff=p, year=2024), "decision_number", "12/QĐ-STNMT"),
    (lambda p: EvaluationFactory(staff=p, year=2024), "level", 2),
    (lambda p: DisciplineFactory(staff=p, valid_from=date(2024, 1, 1), valid_to=date(2024, 6, 30)), "note", "Đã chấp hành"),
    (lambda p: InitiativeFactory(authors=[p], year=2024), "title", "Sáng kiến đã đổi tên"),
])
def test_awards_evaluations_disciplines_and_initiatives_keep_their_field_changes(org, staff_in, make, field, value):
    record = make(staff_in(org.land))
    setattr(record, field, value)
    record.save()
    assert type(record) in (AwardRecord, Evaluation, Discipline, Initiative)
    assert record.history.count() == 2
    [(label, _old, _new)] = change_history(record)[0]["changes"]
    assert label == type(record)._meta.get_field(field).verbose_name

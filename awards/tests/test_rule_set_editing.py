"""Issue 13 §2: the Office edits rule sets in the app; each change is kept (who, when, old → new)."""
from datetime import date

import pytest
from django.urls import reverse

from awards.eligibility import evaluate
from awards.models import Evaluation, Rule, RuleSet
from awards.tests.factories import EvaluationFactory, award
from emulation.models import TimelineEntry
from emulation.tests.factories import StaffFactory
from emulation.models import Agency, Role
from emulation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _current():
    return RuleSet.objects.get(name="Nghị định 152/2025/NĐ-CP")


def _ldtt_evaluation_rule():
    return _current().rules.get(award_type__code="LDTT", kind=Rule.Kind.EVALUATION)


def test_the_office_changes_a_rules_parameter_and_the_verdict_follows(office_client, office_user, org):
    person = StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))
    EvaluationFactory(staff=person, year=2025, level=Evaluation.Level.GOOD)
    assert evaluate(award("LDTT"), 2025, staff=person).eligible is True
    rule = _ldtt_evaluation_rule()
    form = office_client.get(reverse("awards:rule_edit", args=[rule.pk]))
    assert "Xếp loại tối thiểu" in form.content.decode()
    response = office_client.post(reverse("awards:rule_edit", args=[rule.pk]), {
        "level": 4, "years": 1, "legal_basis": rule.legal_basis + " (sửa)"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.params == {"level": 4, "years": 1}
    assert evaluate(award("LDTT"), 2025, staff=person).eligible is False
    entry = TimelineEntry.objects.get(action="rule_changed")
    assert entry.actor == office_user
    assert entry.data["changes"][0] == ["Xếp loại tối thiểu", "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"]
    page = office_client.get(reverse("awards:rule_set_detail", args=[rule.rule_set_id])).content.decode()
    assert "Hoàn thành tốt nhiệm vụ → Hoàn thành xuất sắc nhiệm vụ" in page


def test_an_award_parameter_is_chosen_by_name_and_stored_as_its_code(office_client):
    rule = _current().rules.get(award_type__code="CSTDT", kind=Rule.Kind.CONSECUTIVE_AWARDS)
    office_client.post(reverse("awards:rule_edit", args=[rule.pk]), {
        "award": "CSTDCS", "years": 4, "legal_basis": rule.legal_basis})
    rule.refresh_from_db()
    assert rule.params == {"award": "CSTDCS", "years": 4}
    assert TimelineEntry.objects.get(action="rule_changed").data["changes"] == [["Số năm liên tục", "3", "4"]]


def test_saving_without_a_change_writes_no_history(office_client):
    rule = _ldtt_evaluation_rule()
    office_client.post(reverse("awards:rule_edit", args=[rule.pk]), {"level": 3, "years": 1, "legal_basis": rule.legal_basis})
    assert not TimelineEntry.objects.filter(action="rule_changed").exists()


def test_the_office_changes_the_validity_dates_with_old_and_new(office_client):
    rule_set = _current()
    response = office_client.post(reverse("awards:rule_set_edit", args=[rule_set.pk]), {
        "name": rule_set.name, "legal_basis": rule_set.legal_basis, "cited_texts": rule_set.cited_texts,
        "valid_from": "01/07/2025", "valid_to": "30/09/2026",
        "lookback_basis": rule_set.lookback_basis, "initiative_basis": rule_set.initiative_basis})
    assert response.status_code == 302
    rule_set.refresh_from_db()
    assert rule_set.valid_to == date(2026, 9, 30)
    entry = TimelineEntry.objects.get(action="rules_changed")
    assert entry.data["changes"] == [["Hiệu lực đến", "—", "30/09/2026"]]


def test_an_end_before_the_start_is_refused(office_client):
    rule_set = _current()
    response = office_client.post(reverse("awards:rule_set_edit", args=[rule_set.pk]), {
        "name": rule_set.name, "legal_basis": rule_set.legal_basis, "valid_from": "01/07/2025", "valid_to": "01/01/2025"})
    assert response.status_code == 200
    assert RuleSet.objects.get(pk=rule_set.pk).valid_to is None


def test_the_director_reads_the_rules_but_cannot_edit(client, director_user):
    client.force_login(director_user)
    rule_set = _current()
    page = client.get(reverse("awards:rule_set_detail", args=[rule_set.pk]))
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 74 khoản 1 điểm a" in page.content.decode()
    assert reverse("awards:rule_edit", args=[_ldtt_evaluation_rule().pk]) not in page.content.decode()
    assert client.get(reverse("awards:rule_edit", args=[_ldtt_evaluation_rule().pk])).status_code == 403
    assert client.post(reverse("awards:rule_set_edit", args=[rule_set.pk]), {}).status_code == 403


def test_a_unit_head_cannot_read_or_edit_the_rules(land_head_client):
    rule_set = _current()
    assert land_head_client.get(reverse("awards:rule_set_detail", args=[rule_set.pk])).status_code == 403
    assert land_head_client.post(reverse("awards:rule_edit", args=[_ldtt_evaluation_rule().pk]), {}).status_code == 403


def test_once_the_province_has_a_standing_body_only_its_office_keeps_the_catalogue_and_the_rules(client, office_user):
    """The catalogue and the rules are the law of the whole province: one agency's Office must not change
    them for every other agency once the province's standing body keeps them."""
    province = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN THI ĐUA - KHEN THƯỞNG", abbreviation="BTĐKT",
                                     parent_authority="SỞ NỘI VỤ", place="Quảng Ngãi")
    Agency.objects.filter(pk=office_user.agency_id).update(province=province)
    rule = _ldtt_evaluation_rule()
    urls = [reverse("awards:award_type_edit", args=[rule.award_type_id]), reverse("awards:rule_set_edit", args=[rule.rule_set_id]),
            reverse("awards:rule_edit", args=[rule.pk])]
    client.force_login(office_user)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    assert client.post(urls[2], {"level": 4, "years": 1, "legal_basis": "x"}).status_code == 403
    rule.refresh_from_db()
    assert rule.params == {"level": 3, "years": 1}
    catalogue = client.get(reverse("awards:catalogue")).content.decode()
    assert reverse("awards:award_type_create") not in catalogue and urls[0] not in catalogue

    client.force_login(UserFactory(role=Role.OFFICE, agency=province))
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert client.post(urls[2], {"level": 4, "years": 1, "legal_basis": rule.legal_basis}).status_code == 302
    rule.refresh_from_db()
    assert rule.params == {"level": 4, "years": 1}
    assert urls[0] in client.get(reverse("awards:catalogue")).content.decode()

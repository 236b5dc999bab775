"""Nominees outside the staff list (issue 30 §1–3): the register the Office keeps, addresses on the
administrative units of 2025, the rules that judge outsiders (data with citations), proposing and deciding."""
from datetime import date

import pytest
from django.urls import reverse

from awards.decisions import issue_decision, record_outcome
from awards.disclosure import publish
from awards.documents import achievements_file, decision_pdf, proposal_file
from awards.eligibility import evaluate_nomination
from awards.models import AwardRecord, Nomination, Outsider, Rule, RuleSet
from awards.tests.factories import NominationFactory, RecordFactory, RoundFactory, award, council_passed
from awards.workflow import act
from emulation.enums import Role
from emulation.documents.tests.pdftools import pdf_text
from emulation.models import Agency

pytestmark = pytest.mark.django_db

QUANG_NGAI, TINH_KHE, HA_NOI = 51, 21211, 1


def enterprise(**kwargs):
    values = {"kind": Outsider.Kind.ENTERPRISE, "name": "Công ty TNHH Môi trường Xanh", "tax_code": "4300123456",
              "province_code": QUANG_NGAI, "commune_code": TINH_KHE, "street": "Thôn Trung Sơn"}
    return Outsider.objects.create(**{**values, **kwargs})


def household(**kwargs):
    values = {"kind": Outsider.Kind.HOUSEHOLD, "name": "Phạm Văn Lộc", "province_code": QUANG_NGAI,
              "commune_code": TINH_KHE, "street": "Thôn Khê Ba"}
    return Outsider.objects.create(**{**values, **kwargs})


def test_an_enterprise_added_by_the_office_has_its_address_on_the_communes_of_2025(office_client):
    response = office_client.post(reverse("awards:outsider_create"), {
        "kind": "enterprise", "name": "Hợp tác xã Nông nghiệp Tịnh Khê", "tax_code": "4300765432",
        "province_code": QUANG_NGAI, "commune_code": TINH_KHE, "street": "Thôn Mỹ Lại"})
    outsider = Outsider.objects.get()
    assert response.status_code == 302
    assert outsider.address == "Thôn Mỹ Lại, Xã Tịnh Khê, tỉnh Quảng Ngãi"
    assert outsider.agency is not None


def test_a_commune_of_another_province_or_a_missing_tax_code_is_refused_with_a_message(office_client):
    response = office_client.post(reverse("awards:outsider_create"), {
        "kind": "enterprise", "name": "Công ty A", "province_code": HA_NOI, "commune_code": TINH_KHE})
    assert Outsider.objects.count() == 0
    errors = response.context["form"].errors
    assert errors["commune_code"] == ["Xã, phường này không thuộc tỉnh, thành phố đã chọn: vui lòng chọn lại."]
    assert "tax_code" in errors


def test_the_same_tax_code_twice_in_the_register_is_refused_naming_the_first(office_client):
    enterprise()
    response = office_client.post(reverse("awards:outsider_create"), {
        "kind": "enterprise", "name": "Công ty B", "tax_code": "4300123456", "province_code": QUANG_NGAI,
        "commune_code": TINH_KHE})
    assert Outsider.objects.count() == 1
    assert "Công ty TNHH Môi trường Xanh" in response.context["form"].errors["tax_code"][0]


def test_the_communes_field_searches_the_province_without_diacritics(office_client):
    response = office_client.get(reverse("awards:communes"), {"province_code": QUANG_NGAI, "commune_search": "tinh khe"})
    assert [option for option in response.context["options"]] == [(TINH_KHE, "Xã Tịnh Khê")]


def test_a_stale_correction_of_an_entry_is_refused(office_client):
    outsider = enterprise()
    data = {"kind": "enterprise", "name": "Công ty TNHH Môi trường Xanh Quảng Ngãi", "tax_code": "4300123456",
            "province_code": QUANG_NGAI, "commune_code": TINH_KHE, "revision": 1}
    office_client.post(reverse("awards:outsider_edit", args=[outsider.pk]), data)
    office_client.post(reverse("awards:outsider_edit", args=[outsider.pk]), {**data, "name": "Tên khác"})
    outsider.refresh_from_db()
    assert (outsider.name, outsider.revision) == ("Công ty TNHH Môi trường Xanh Quảng Ngãi", 2)


@pytest.mark.parametrize("rows", [1, 3])
def test_the_register_list_queries_do_not_grow_with_rows(office_client, rows, django_assert_num_queries):
    for n in range(rows):
        enterprise(name=f"Công ty {n}", tax_code=f"430000000{n}")
    with django_assert_num_queries(4):
        response = office_client.get(reverse("awards:outsider_list"))
    assert len(response.context["page"]) == rows


def test_another_agencys_register_is_not_found(client, make_user, org):
    outsider = enterprise()
    other = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation="SYT",
                                  place="Quảng Ngãi")
    client.force_login(make_user(Role.OFFICE, agency=other))
    assert client.get(reverse("awards:outsider_detail", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("awards:outsider_list")).context["page"].paginator.count == 0


def test_which_rules_judge_outsiders_is_data_with_citations():
    rule_set = RuleSet.for_year(2025)
    for_outsiders = rule_set.rules.filter(nominees=Rule.Nominees.OUTSIDERS)
    assert {rule.kind for rule in for_outsiders} == {"not_awarded_in_year", "declared_path"}
    assert all("Luật Thi đua, khen thưởng" in rule.legal_basis for rule in for_outsiders)
    assert set(rule_set.rules.filter(kind="evaluation").values_list("nominees", flat=True)) == {"staff"}
    assert set(rule_set.rules.filter(kind="declared_path", award_type__code="BK_TINH").values_list(
        "nominees", flat=True)) == {"all"}


def test_a_household_is_judged_by_the_criteria_of_the_form_not_by_staff_records(org):
    nomination = NominationFactory(staff=None, outsider=household(), unit=org.land, award_type=award("GK_TT"),
                                   path="contribution")
    verdict = evaluate_nomination(nomination)
    assert verdict.eligible
    assert not [check for check in verdict.checks if "Evaluation" in check.key or check.key.startswith("evaluation")]
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 75" in verdict.checks[-1].legal_basis


def test_a_second_award_of_the_same_year_is_shown_to_the_council_from_the_first(org):
    outsider = enterprise()
    RecordFactory(staff=None, outsider=outsider, holder_unit=org.land, award_type=award("GK_TT"), year=2025)
    nomination = NominationFactory(staff=None, outsider=outsider, unit=org.land, award_type=award("BK_TINH_TT"),
                                   path="contribution")
    check = evaluate_nomination(nomination).check("not_awarded_in_year")
    assert not check.met
    assert "Giấy khen của Giám đốc Sở (tập thể)" in check.reason
    assert "Điều 5 khoản 2 điểm c" in check.legal_basis


def test_an_outsider_cannot_be_proposed_for_an_emulation_title(land_head_client):
    round_ = RoundFactory()
    response = land_head_client.post(reverse("awards:nomination_create"), {
        "round": round_.pk, "award_type": award("TTLDTT").pk, "outsider": enterprise().pk, "achievements": "x"})
    assert Nomination.objects.count() == 0
    assert "hình thức khen thưởng" in response.context["form"].errors["award_type"][0]


def test_the_office_proposes_a_household_and_the_director_decides_it(client, make_user, org, office_user):
    vp = org.department  # the Office's own unit proposes
    office = make_user(Role.OFFICE, unit=vp)
    director = make_user(Role.DIRECTOR)
    round_ = RoundFactory()
    client.force_login(office)
    response = client.post(reverse("awards:nomination_create"), {
        "round": round_.pk, "award_type": award("GK_TT").pk, "outsider": household().pk, "path": "contribution",
        "achievements": "Hiến 300 m² đất làm đường giao thông nông thôn."})
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and nomination.unit == vp
    act(nomination, "submit", actor=office)
    act(nomination, "pass", actor=office)
    council_passed(nomination, office)
    act(nomination, "approve", actor=director)
    decision = issue_decision(round=round_, nominations=[nomination], symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
                              signer_name="Nguyễn Văn A", signer_authority="director", summary="Khen thưởng", actor=office)
    record = AwardRecord.objects.get(decision=decision)
    assert (record.outsider.name, record.holder_unit, record.holder_name) == ("Phạm Văn Lộc", vp, "Hộ gia đình ông (bà) Phạm Văn Lộc")


def test_the_office_proposes_outsiders_only_not_staff(client, make_user, org, staff_in):
    office = make_user(Role.OFFICE, unit=org.department)
    client.force_login(office)
    response = client.post(reverse("awards:nomination_create"), {
        "round": RoundFactory().pk, "award_type": award("GK").pk, "staff": staff_in(org.land).pk, "achievements": "x"})
    assert Nomination.objects.count() == 0
    assert response.context["form"].errors["outsider"] == [
        "Văn phòng chỉ đề nghị khen thưởng đối tượng ngoài cơ quan: vui lòng chọn trong sổ theo dõi."]


def test_an_enterprise_forwarded_to_the_province_comes_back_with_its_award(org, office_user, make_user):
    director = make_user(Role.DIRECTOR)
    outsider = enterprise()
    nomination = NominationFactory(staff=None, outsider=outsider, unit=org.land, award_type=award("BK_TINH_TT"),
                                   path="contribution", status=Nomination.Status.CHECKED)
    council_passed(nomination, office_user)
    act(nomination, "forward", actor=director)
    record_outcome(nomination, awarded=True, actor=office_user, decision_number="123/QĐ-UBND",
                   decision_date=date(2026, 1, 10))
    record = AwardRecord.objects.get(outsider=outsider)
    assert (record.award_type.code, record.source, record.holder_unit) == ("BK_TINH_TT", "province", org.land)


@pytest.fixture
def decided_outsiders(client, make_user, org):
    """An enterprise and a household given the Director's Giấy khen (collective) by one decision, the lawful way."""
    office, director = make_user(Role.OFFICE, unit=org.department), make_user(Role.DIRECTOR)
    round_ = RoundFactory()
    nominations = []
    for outsider in (enterprise(), household()):
        nomination = NominationFactory(round=round_, staff=None, outsider=outsider, unit=org.land,
                                       award_type=award("GK_TT"), path="contribution",
                                       achievements="Hỗ trợ thu gom rác thải nhựa ven biển.", status=Nomination.Status.CHECKED)
        council_passed(nomination, office)
        act(nomination, "approve", actor=director)
        nominations.append(nomination)
    decision = issue_decision(round=round_, nominations=nominations, symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
                              signer_name="Nguyễn Văn A", signer_authority="director", summary="Về việc khen thưởng",
                              actor=office)
    return decision, nominations, office


def test_the_decision_and_the_proposal_name_outsiders_with_their_details(decided_outsiders):
    decision, nominations, _office = decided_outsiders
    text = " ".join(pdf_text(decision_pdf(decision)).split())
    assert "Công ty TNHH Môi trường" in text and "mã số thuế 4300123456" in text  # the cells wrap the names
    assert "Hộ gia đình ông (bà) Phạm Văn" in text
    assert "1 hộ gia đình và 1 tập thể" in text
    proposal = " ".join(pdf_text(proposal_file(decision.round, False)).split())
    assert "cho 1 hộ gia đình và 1 tập thể" in proposal and "Thôn Khê Ba" in proposal and "4300123456" in proposal


def test_the_achievements_report_of_an_enterprise_shows_its_tax_code_and_address(decided_outsiders):
    _decision, (company, _household), _office = decided_outsiders
    text = " ".join(pdf_text(achievements_file(company)).split())
    assert "Tên tập thể: Công ty TNHH Môi trường Xanh" in text
    assert "Mã số thuế: 4300123456" in text and "Địa chỉ: Thôn Trung Sơn, Xã Tịnh Khê, tỉnh Quảng Ngãi" in text


def test_the_lookup_and_the_history_extract_show_the_household(decided_outsiders, office_client):
    _decision, (_company, family), _office = decided_outsiders
    page = office_client.get(reverse("awards:lookup"), {"q": "pham van loc"})
    assert [record.holder_name for record in page.context["page"]] == ["Hộ gia đình ông (bà) Phạm Văn Lộc"]
    response = office_client.get(reverse("awards:outsider_history_pdf", args=[family.outsider_id]))
    text = " ".join(pdf_text(b"".join(response.streaming_content) if response.streaming else response.content).split())
    assert "Quá trình khen thưởng của Hộ gia đình ông (bà) Phạm Văn Lộc" in text
    assert "Giấy khen của Giám đốc Sở (tập thể)" in text


def test_the_published_list_shows_an_outsiders_kind_and_address_but_not_its_identity_number(org, office_user):
    person = Outsider.objects.create(kind="person", name="Trần Thị Mai", birth_year=1980, workplace="Nông dân",
                                     id_number="051180001234", province_code=QUANG_NGAI, commune_code=TINH_KHE)
    nomination = NominationFactory(staff=None, outsider=person, unit=org.land, award_type=award("GK"), path="ad_hoc",
                                   status=Nomination.Status.CHECKED)
    disclosure = publish(nomination.round, days=7, actor=office_user)
    assert disclosure.entries == [{"nominee": "Trần Thị Mai", "unit": org.land.name, "award": "Giấy khen của Giám đốc Sở",
                                   "kind": "Cá nhân ngoài cơ quan", "address": "Xã Tịnh Khê, tỉnh Quảng Ngãi"}]


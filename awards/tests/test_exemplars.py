"""The register of exemplary models (issue 30 §8): proposed by a unit, accepted by the Office through the
workflow engine, a candidate for an ad hoc award (one click to a prefilled nomination)."""
from datetime import date

import pytest
from django.urls import reverse

from awards.models import AwardKind, Exemplar
from awards.tests.factories import RoundFactory
from emulation.models import Role, TimelineEntry

pytestmark = pytest.mark.django_db
E = Exemplar.Status


def _model(unit, **kwargs):
    values = {"unit": unit, "year": 2025, "kind": "person", "deed": "Cứu người đuối nước ở sông Trà Khúc.",
              "evidence": "Thư cảm ơn của UBND xã Nghĩa Hành.", **kwargs}
    return Exemplar.objects.create(**values)


def test_a_unit_head_proposes_and_the_office_accepts_through_the_workflow(land_head_client, client, office_user, org, staff_in):
    person = staff_in(org.land, full_name="Phạm Văn Dũng")
    response = land_head_client.post(reverse("awards:exemplar_create"), {
        "unit": org.land.pk, "year": "2025", "kind": "person", "staff": person.pk, "deed": "Cứu người đuối nước.",
        "evidence": "Bài báo Quảng Ngãi ngày 05/8/2025.", "introduced": "news", "introduced_note": "Báo Quảng Ngãi"})
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and exemplar.status == E.DRAFT and exemplar.display_name == "Phạm Văn Dũng"
    land_head_client.post(reverse("awards:exemplar_act", args=[exemplar.pk]), {"action": "submit"})
    client.force_login(office_user)
    client.post(reverse("awards:exemplar_act", args=[exemplar.pk]), {"action": "accept"})
    exemplar.refresh_from_db()
    assert exemplar.status == E.ACCEPTED
    assert list(TimelineEntry.objects.filter(object_id=exemplar.pk, content_type__model="exemplar")
                .values_list("action", flat=True)) == ["submit", "accept"]


def test_the_office_returns_a_model_only_with_a_reason(office_client, org):
    exemplar = _model(org.land, name="Bà Nguyễn Thị Lành, thôn 3, xã Ba Tơ", status=E.SUBMITTED)
    office_client.post(reverse("awards:exemplar_act", args=[exemplar.pk]), {"action": "return"})
    exemplar.refresh_from_db()
    assert exemplar.status == E.SUBMITTED
    office_client.post(reverse("awards:exemplar_act", args=[exemplar.pk]), {"action": "return", "reason": "Bổ sung xác nhận của xã."})
    exemplar.refresh_from_db()
    assert exemplar.status == E.RETURNED


def test_a_unit_head_cannot_accept_nor_see_another_units_model(land_head_client, org):
    own = _model(org.land, name="Ông A", status=E.SUBMITTED)
    other = _model(org.env, name="Ông B")
    land_head_client.post(reverse("awards:exemplar_act", args=[own.pk]), {"action": "accept"})
    own.refresh_from_db()
    assert own.status == E.SUBMITTED
    assert land_head_client.get(reverse("awards:exemplar_detail", args=[other.pk])).status_code == 404


def test_a_model_named_twice_or_not_at_all_is_refused_and_nothing_is_saved(land_head_client, org, staff_in):
    person = staff_in(org.land)
    for extra in ({"staff": person.pk, "name": "Ông C"}, {}):
        response = land_head_client.post(reverse("awards:exemplar_create"), {
            "unit": org.land.pk, "year": "2025", "kind": "person", "deed": "Việc tốt.", "evidence": "Xác nhận.", **extra})
        assert "Hãy nêu gương điển hình một lần" in response.content.decode()
    assert not Exemplar.objects.exists()


def test_an_accepted_model_opens_a_nomination_prefilled_for_an_ad_hoc_award(land_head_client, org, staff_in):
    round_ = RoundFactory(name="Khen thưởng đột xuất năm 2025", kind=AwardKind.AD_HOC, is_open=True, opens_on=date(2025, 8, 1))
    RoundFactory(name="Tổng kết năm 2025", is_open=True)
    person = staff_in(org.land, full_name="Phạm Văn Dũng")
    exemplar = _model(org.land, staff=person, status=E.ACCEPTED)
    detail = land_head_client.get(reverse("awards:exemplar_detail", args=[exemplar.pk])).content.decode()
    link = f"{reverse('awards:nomination_create')}?exemplar={exemplar.pk}"
    assert f'href="{link}"' in detail
    form = land_head_client.get(link).context["form"]
    assert (form.initial["round"], form.initial["staff"], form.initial["achievements"]) == (
        round_.pk, person.pk, "Cứu người đuối nước ở sông Trà Khúc.")


def test_a_model_not_yet_accepted_opens_no_nomination(land_head_client, org, staff_in):
    exemplar = _model(org.land, staff=staff_in(org.land), status=E.SUBMITTED)
    assert land_head_client.get(f"{reverse('awards:nomination_create')}?exemplar={exemplar.pk}").status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
def test_exemplar_list_queries_do_not_grow_with_rows(office_client, org, staff_in, rows, django_assert_num_queries):
    for n in range(rows):
        _model(org.land, staff=staff_in(org.land, full_name=f"Gương thứ {n}"), year=2025)
    with django_assert_num_queries(4):  # session, user, count, page with its units, people and movements
        response = office_client.get(reverse("awards:exemplar_list"), {"year": 2025})
    assert len(response.context["page"]) == rows
    assert all(f"Gương thứ {n}" in response.content.decode() for n in range(rows))


def test_a_staff_member_has_no_register(client, make_user, org):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse("awards:exemplar_list")).status_code == 403

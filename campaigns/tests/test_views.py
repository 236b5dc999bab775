import pytest
from django.urls import reverse

from campaigns import workflow
from campaigns.models import ContentItem, Plan, PlanStatus
from campaigns.tests.factories import ContentItemFactory, PlanFactory
from emulation.models import Role
from emulation.documents.tests.pdftools import pdf_text
from emulation.documents import issued_document
import io
from docx import Document

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


@pytest.fixture
def director_client(client, director_user):
    client.force_login(director_user)
    return client


def test_plan_list_shows_plans_to_the_office(office_client):
    PlanFactory(title="Kế hoạch năm 2026")

    response = office_client.get(url("plan_list"))

    assert response.status_code == 200 and "Kế hoạch năm 2026" in response.text


def test_plan_list_filters_by_status(office_client):
    PlanFactory(title="Bản nháp")
    PlanFactory(title="Đã ban hành", status=PlanStatus.ISSUED, number=3, number_year=2026)

    response = office_client.get(url("plan_list"), {"status": "issued"})

    assert [p.title for p in response.context["page"]] == ["Đã ban hành"]


def test_plan_list_hides_drafts_from_a_unit_head(land_head_client):
    PlanFactory(title="Bản nháp bí mật")
    PlanFactory(title="Đã ban hành", status=PlanStatus.ISSUED, number=3, number_year=2026)

    response = land_head_client.get(url("plan_list"))

    assert [p.title for p in response.context["page"]] == ["Đã ban hành"]


@pytest.mark.parametrize("rows", [1, 3])
def test_plan_list_query_count_is_constant(office_client, django_assert_num_queries, rows):
    plans = [PlanFactory(title=f"Kế hoạch thử {n}") for n in range(rows)]
    with django_assert_num_queries(4):
        response = office_client.get(url("plan_list"))
    assert sorted(p.pk for p in response.context["page"]) == sorted(p.pk for p in plans)
    assert all(f"Kế hoạch thử {n}" in response.content.decode() for n in range(rows))


def test_office_creates_a_plan(office_client):
    response = office_client.post(url("plan_create"), {
        "kind": "annual", "title": "Phát động thi đua năm 2026", "year_from": 2026, "year_to": 2026,
        "symbol": "KH-STNMT", "place": "Quảng Ngãi", "parent_authority": "UBND TỈNH QUẢNG NGÃI",
        "agency": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "signer_name": "Nguyễn Đức Trung", "signer_authority": "director",
    })

    plan = Plan.objects.get()
    assert response.status_code == 302 and plan.title == "Phát động thi đua năm 2026"


def test_create_form_shows_vietnamese_errors(office_client):
    response = office_client.post(url("plan_create"), {"year_from": 2026, "year_to": 2025})

    assert "Vui lòng nhập trích yếu của kế hoạch." in response.text
    assert "Năm kết thúc không thể trước năm bắt đầu." in response.text


def test_unit_head_cannot_create_a_plan(land_head_client):
    assert land_head_client.get(url("plan_create")).status_code == 403


def test_office_adds_an_item_and_a_sub_point_with_htmx(office_client):
    plan = PlanFactory()

    office_client.post(url("part_add", plan.pk, "item"), {"text": "Thi đua cải cách hành chính"}, HTTP_HX_REQUEST="true")
    item = ContentItem.objects.get(plan=plan)
    response = office_client.post(url("part_add", plan.pk, "point"), {"text": "Giải quyết hồ sơ đúng hạn",
                                                                     "parent": item.pk}, HTTP_HX_REQUEST="true")

    assert response.templates[0].name == "campaigns/includes/plan_parts.html"
    assert [(i.text, [p.text for p in i.points]) for i in plan.numbered_items()] == [
        ("Thi đua cải cách hành chính", ["Giải quyết hồ sơ đúng hạn"])]


def test_empty_item_is_refused_in_vietnamese(office_client):
    plan = PlanFactory()

    response = office_client.post(url("part_add", plan.pk, "item"), {"text": " "}, HTTP_HX_REQUEST="true")

    assert "Vui lòng nhập nội dung." in response.text and not plan.content_items.exists()


def test_office_moves_and_deletes_items(office_client):
    plan = PlanFactory()
    first = ContentItemFactory(plan=plan, text="Một", order=0)
    second = ContentItemFactory(plan=plan, text="Hai", order=1)

    office_client.post(url("part_move", plan.pk, "item", second.pk, "up"))
    office_client.post(url("part_delete", plan.pk, "item", first.pk))

    assert [i.text for i in plan.numbered_items()] == ["Hai"]


def test_unit_head_cannot_edit_an_issued_plan(land_head_client):
    plan = PlanFactory(status=PlanStatus.ISSUED, number=1, number_year=2026)
    item = ContentItemFactory(plan=plan)

    response = land_head_client.post(url("part_delete", plan.pk, "item", item.pk))

    assert response.status_code == 403 and plan.content_items.count() == 1


def test_editing_an_issued_plan_is_refused_with_a_message(office_client):
    plan = PlanFactory(status=PlanStatus.ISSUED, number=1, number_year=2026)
    item = ContentItemFactory(plan=plan, text="Giữ nguyên")

    response = office_client.post(url("part_edit", plan.pk, "item", item.pk), {"text": "Đổi"}, follow=True)

    assert "không thể thay đổi" in response.text
    assert ContentItem.objects.get(pk=item.pk).text == "Giữ nguyên"


def test_unit_head_cannot_approve(land_head_client, office_user):
    plan = PlanFactory(status=PlanStatus.ISSUED, number=1, number_year=2026)

    land_head_client.post(url("plan_action", plan.pk, "close"))

    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED


def test_unit_head_gets_404_for_a_draft_pdf(land_head_client):
    plan = PlanFactory()

    assert land_head_client.get(url("plan_pdf", plan.pk)).status_code == 404


def test_director_returns_a_plan_with_a_reason(director_client):
    plan = PlanFactory(status=PlanStatus.SUBMITTED)

    director_client.post(url("plan_action", plan.pk, "return"), {"reason": "Thiếu chỉ tiêu"})

    entry = workflow.PLAN_WORKFLOW.timeline(plan)[-1]
    assert (Plan.objects.get(pk=plan.pk).status, entry.reason) == (PlanStatus.RETURNED, "Thiếu chỉ tiêu")


def test_director_return_without_reason_is_refused(director_client):
    plan = PlanFactory(status=PlanStatus.SUBMITTED)

    response = director_client.post(url("plan_action", plan.pk, "return"), {"reason": ""}, follow=True)

    assert "Vui lòng nêu lý do." in response.text and Plan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED


def test_draft_pdf_is_marked_as_draft(office_client):
    plan = PlanFactory()
    ContentItemFactory(plan=plan, text="Nội dung dự thảo")

    response = office_client.get(url("plan_pdf", plan.pk))

    assert response["Content-Type"] == "application/pdf"
    assert pdf_text(response.content).startswith("DỰ THẢO")


def test_issued_pdf_is_the_archived_bytes(client, seeded_plan, make_user):
    client.force_login(make_user(Role.STAFF))

    response = client.get(url("plan_pdf", seeded_plan.pk))

    assert response.content == bytes(issued_document(seeded_plan, "plan").pdf)


def test_docx_download_contains_the_plan(office_client, seeded_plan):

    response = office_client.get(url("plan_docx", seeded_plan.pk))

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "7. Nâng cao chất lượng công tác khen thưởng" in text and "KẾ HOẠCH" in text


def test_preview_uses_the_document_layout(office_client, seeded_plan):
    response = office_client.get(url("plan_preview", seeded_plan.pk))

    assert "documents/print.css" in response.text and "Số: 45/KH-STNMT" in response.text


def test_office_copies_a_plan_to_next_year(office_client, seeded_plan):
    response = office_client.post(url("plan_copy", seeded_plan.pk), {"year_from": 2026, "year_to": 2030})

    new = Plan.objects.get(based_on=seeded_plan)
    assert response.url == url("plan_edit", new.pk) and new.content_items.count() == 12


def test_detail_shows_the_director_his_actions(director_client):
    plan = PlanFactory(status=PlanStatus.SUBMITTED)

    response = director_client.get(url("plan_detail", plan.pk))

    assert [a.action for a in response.context["buttons"]] == ["approve", "return"]


def test_home_tells_the_director_what_waits(director_client):
    PlanFactory(status=PlanStatus.SUBMITTED)

    response = director_client.get(reverse("home"))

    assert "Kế hoạch chờ phê duyệt" in response.text


def test_a_stale_content_item_form_is_refused_and_the_newer_save_kept(office_client):
    plan = PlanFactory()
    item = ContentItemFactory(plan=plan, text="Ban đầu")
    opened_at = item.revision
    office_client.post(url("part_edit", plan.pk, "item", item.pk), {"text": "Người thứ nhất", "revision": opened_at})

    response = office_client.post(url("part_edit", plan.pk, "item", item.pk), {"text": "Người thứ hai", "revision": opened_at})

    assert "Người khác đã lưu" in response.text
    assert ContentItem.objects.get(pk=item.pk).text == "Người thứ nhất"


def test_office_corrects_an_issued_plan_into_a_new_draft_version(office_client, issued_plan):
    response = office_client.post(url("plan_correct", issued_plan.pk))
    new = Plan.objects.get(replaces=issued_plan)
    assert response.url == url("plan_edit", new.pk)
    assert (new.status, new.version, Plan.objects.get(pk=issued_plan.pk).status) == (
        PlanStatus.DRAFT, 2, PlanStatus.ISSUED)


def test_plan_correct_is_refused_to_the_director_and_for_a_draft(client, director_user, office_user):
    issued = PlanFactory(status=PlanStatus.ISSUED, number=3, number_year=2025)
    client.force_login(director_user)
    assert client.post(url("plan_correct", issued.pk)).status_code == 403
    draft = PlanFactory()
    client.force_login(office_user)
    response = client.post(url("plan_correct", draft.pk), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Chỉ kế hoạch đã ban hành mới đính chính bằng phiên bản mới; kế hoạch này hãy sửa trực tiếp."]
    assert not Plan.objects.filter(replaces__isnull=False).exists()


def test_a_10000_character_plan_title_is_refused_with_the_limit(office_client):
    """Issue 26 item 8: a pasted document as the summary line is refused, saying the limit and what to do."""
    response = office_client.post(url("plan_create"), {
        "kind": "annual", "title": "Phát động thi đua " + "x" * 9982, "year_from": 2026, "year_to": 2026,
        "symbol": "KH-STNMT", "place": "Quảng Ngãi", "parent_authority": "UBND TỈNH QUẢNG NGÃI",
        "agency": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "signer_name": "Nguyễn Đức Trung", "signer_authority": "director",
    })
    assert response.status_code == 200
    assert "Trích yếu dài tối đa 1000 ký tự (trích yếu này có 10000 ký tự)." in response.text
    assert 'maxlength="1000"' not in response.text  # the browser would cut a paste silently
    assert not Plan.objects.exists()

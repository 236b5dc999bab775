import pytest

from campaigns import editing
from campaigns.demo import seed_the_plan
from campaigns.models import ContentItem, Plan, PlanStatus
from campaigns.tests.factories import ContentItemFactory, GoalFactory, PlanFactory, RecipientFactory, TargetFactory
from emulation.documents import issued_document
from emulation.workflow import TransitionError
from campaigns.documents import plan_pdf
import hashlib

pytestmark = pytest.mark.django_db


def test_added_items_and_points_are_numbered_in_order():
    plan = PlanFactory()
    first = editing.add_part(ContentItem(plan=plan, text="Một"))
    editing.add_part(ContentItem(plan=plan, text="Hai"))
    editing.add_part(ContentItem(plan=plan, parent=first, text="Một - a"))
    editing.add_part(ContentItem(plan=plan, parent=first, text="Một - b"))

    items = plan.numbered_items()

    assert [(i.number, i.text, [(p.number, p.text) for p in i.points]) for i in items] == [
        ("1", "Một", [("1.1", "Một - a"), ("1.2", "Một - b")]), ("2", "Hai", [])]


def test_moving_an_item_down_renumbers_it():
    plan = PlanFactory()
    first = editing.add_part(ContentItem(plan=plan, text="Một"))
    editing.add_part(ContentItem(plan=plan, text="Hai"))

    editing.move_part(first, "down")

    assert [(i.number, i.text) for i in plan.numbered_items()] == [("1", "Hai"), ("2", "Một")]


def test_moving_the_first_item_up_changes_nothing():
    plan = PlanFactory()
    first = editing.add_part(ContentItem(plan=plan, text="Một"))
    editing.add_part(ContentItem(plan=plan, text="Hai"))

    editing.move_part(first, "up")

    assert [i.text for i in plan.numbered_items()] == ["Một", "Hai"]


def test_sub_point_of_a_sub_point_is_refused():
    plan = PlanFactory()
    item = editing.add_part(ContentItem(plan=plan, text="Một"))
    point = editing.add_part(ContentItem(plan=plan, parent=item, text="a"))

    with pytest.raises(TransitionError, match=r"Ý nhỏ phải thuộc một nội dung thi đua của cùng kế hoạch\."):
        editing.add_part(ContentItem(plan=plan, parent=point, text="x"))


@pytest.mark.parametrize("status", [PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.ISSUED, PlanStatus.CLOSED])
def test_edits_are_refused_unless_draft_or_returned(status):
    plan = PlanFactory(status=status)
    item = ContentItemFactory(plan=plan, text="Giữ nguyên")

    with pytest.raises(editing.PlanLocked, match="không thể thay đổi"):
        editing.add_part(ContentItem(plan=plan, text="Mới"))
    with pytest.raises(editing.PlanLocked, match="không thể thay đổi"):
        editing.delete_part(item)
    item.text = "Đổi"
    with pytest.raises(editing.PlanLocked, match="không thể thay đổi"):
        editing.save_part(item, item.revision)

    assert list(plan.content_items.values_list("text", flat=True)) == ["Giữ nguyên"]


def test_stale_header_save_is_refused():
    plan = PlanFactory(title="Cũ")
    editing.save_header(plan, {"title": "Người thứ nhất"}, revision=0)

    with pytest.raises(TransitionError, match=r"Người khác vừa sửa kế hoạch này\. Hãy tải lại trang rồi sửa lại\."):
        editing.save_header(Plan.objects.get(pk=plan.pk), {"title": "Người thứ hai"}, revision=0)

    assert Plan.objects.get(pk=plan.pk).title == "Người thứ nhất"


def test_copy_to_a_new_year_keeps_every_part(org, office_user):
    plan = PlanFactory(status=PlanStatus.ISSUED, number=45, number_year=2025, year_from=2025, year_to=2025)
    GoalFactory(plan=plan, text="Mục đích")
    item = ContentItemFactory(plan=plan, text="Nội dung")
    ContentItemFactory(plan=plan, parent=item, text="Điểm")
    target = TargetFactory(plan=plan, item=item)
    target.units.set([org.land])
    RecipientFactory(plan=plan, text="- Lưu: VT.")

    new = editing.copy_plan(plan, year_from=2026, year_to=2026, actor=office_user)

    items = new.numbered_items()
    assert (new.status, new.number, new.year_from, new.based_on) == (PlanStatus.DRAFT, None, 2026, plan)
    assert [(i.text, [p.text for p in i.points]) for i in items] == [("Nội dung", ["Điểm"])]
    assert list(new.goals.values_list("text", flat=True)) == ["Mục đích"]
    assert [list(t.units.all()) for t in new.targets.filter(item=items[0])] == [[org.land]]
    assert list(new.recipients.values_list("text", flat=True)) == ["- Lưu: VT."]


def test_correction_is_a_new_version_that_keeps_the_old(seeded_plan, office_user):
    new = editing.correct_plan(seeded_plan, actor=office_user)

    assert (new.version, new.replaces, new.status, new.number) == (2, seeded_plan, PlanStatus.DRAFT, None)
    assert Plan.objects.get(pk=seeded_plan.pk).status == PlanStatus.ISSUED
    assert new.content_items.count() == seeded_plan.content_items.count()


def test_archived_pdf_does_not_change_when_data_changes(seeded_plan):
    before = issued_document(seeded_plan, "plan").sha256
    ContentItem.objects.filter(plan=seeded_plan).update(text="Đã bị sửa trực tiếp trong cơ sở dữ liệu")
    Plan.objects.filter(pk=seeded_plan.pk).update(title="Tiêu đề khác")

    data = plan_pdf(Plan.objects.get(pk=seeded_plan.pk))


    assert hashlib.sha256(data).hexdigest() == before


def test_demo_seed_is_idempotent(seeded_plan):
    assert seed_the_plan() is None
    assert Plan.objects.count() == 1
    assert (seeded_plan.number_symbol, seeded_plan.content_items.filter(parent=None).count(),
            seeded_plan.goals.count(), seeded_plan.recipients.count()) == ("45/KH-STNMT", 7, 3, 6)

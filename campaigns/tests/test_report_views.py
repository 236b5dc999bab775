"""Pages of unit reports: permissions (allowed and refused), evidence files, autosave, the board."""
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from campaigns import reporting, workflow
from emulation import calendar
from campaigns.models import Evidence, ReportingPeriod, ReportStatus, UnitReport
from campaigns.report_board import BoardState
from emulation.models import Role
from emulation.tests.factories import UnitFactory
from emulation.tests.files import PDF_BYTES, upload
from emulation.pickers import PickerWidget
from emulation.workflow import timeline_of

pytestmark = pytest.mark.django_db


def edit_data(report, **overrides):
    data = {"version": report.version, "results": "Kết quả quý I", "shortcomings": "", "causes": "", "proposals": ""}
    for progress in report.items.all():
        prefix = f"item-{progress.item_id}"
        data.update({f"{prefix}-status": "in_progress", f"{prefix}-percent": "50", f"{prefix}-text": "Đang làm"})
    for result in report.target_results.all():
        data[f"target-{result.target_id}-value"] = "95"
    data.update(overrides)
    return data


def first_item(report):
    return report.items.order_by("item__order", "item_id").first().item_id


def test_unit_head_saves_draft_with_evidence_file(land_head_client, land_report):
    item = first_item(land_report)
    data = edit_data(land_report, **{f"item-{item}-evidence": upload("bien-ban.pdf")})
    response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data)
    assert response.status_code == 302
    land_report.refresh_from_db()
    assert (land_report.results, land_report.version) == ("Kết quả quý I", 2)
    evidence = Evidence.objects.get(report=land_report)
    assert (evidence.original_name, evidence.item_id) == ("bien-ban.pdf", item)
    assert not evidence.file.name.endswith("bien-ban.pdf")
    assert land_report.target_results.get().value == 95


def test_evidence_of_wrong_type_is_refused_with_message(land_head_client, land_report):
    item = first_item(land_report)
    data = edit_data(land_report, **{f"item-{item}-evidence": upload("macro.exe", b"MZ\x90")})
    response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data)
    assert response.status_code == 200
    assert "macro.exe" in response.content.decode()
    assert Evidence.objects.count() == 0
    assert UnitReport.objects.get(pk=land_report.pk).version == 1


def test_stale_form_is_refused_showing_the_newer_version(land_head_client, land_report, land_head):
    reporting.save_draft(land_report, reporting.DraftChanges(
        sections={"results": "Bản đã lưu trước"}, items={}, targets={}, files=[]), version=1, actor=land_head)
    response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]),
                                     edit_data(land_report, version=1, results="Bản cũ của tôi"))
    assert response.status_code == 200
    assert response.context["stale"].version == 2
    assert "Bản đã lưu trước" in response.content.decode()
    assert UnitReport.objects.get(pk=land_report.pk).results == "Bản đã lưu trước"


def test_autosave_saves_text_and_returns_new_version(land_head_client, land_report):
    response = land_head_client.post(reverse("campaigns:report_autosave", args=[land_report.pk]), edit_data(land_report))
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert UnitReport.objects.get(pk=land_report.pk).results == "Kết quả quý I"


def test_autosave_with_stale_version_answers_conflict(land_head_client, land_report):
    url = reverse("campaigns:report_autosave", args=[land_report.pk])
    land_head_client.post(url, edit_data(land_report))
    response = land_head_client.post(url, edit_data(land_report, version=1, results="cũ"))
    assert response.status_code == 409
    assert UnitReport.objects.get(pk=land_report.pk).results == "Kết quả quý I"


def test_other_units_head_gets_404_on_report_and_evidence(client, land_report, land_head, env_head):
    evidence = Evidence.objects.create(report=land_report, file=upload("a.pdf"), original_name="a.pdf", size=10)
    client.force_login(env_head)
    assert client.get(reverse("campaigns:report_detail", args=[land_report.pk])).status_code == 404
    assert client.get(reverse("campaigns:report_edit", args=[land_report.pk])).status_code == 404
    assert client.get(reverse("campaigns:evidence_download", args=[evidence.pk])).status_code == 404


def test_unit_head_opens_own_evidence_pdf_in_the_browser_or_downloads_it(land_head_client, land_report):
    evidence = Evidence.objects.create(report=land_report, file=upload("a.pdf"), original_name="Biên bản.pdf", size=10)
    saved = land_head_client.get(reverse("campaigns:evidence_download", args=[evidence.pk]), {"download": "1"})
    assert saved["Content-Disposition"].startswith("attachment;")
    response = land_head_client.get(reverse("campaigns:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_staff_without_delegation_gets_404(client, land_report, make_user, org):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse("campaigns:report_detail", args=[land_report.pk])).status_code == 404


def test_unit_head_cannot_accept_through_the_page(land_head_client, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    land_head_client.post(reverse("campaigns:report_transition", args=[land_report.pk, "accept"]), {"confirmed": "on"})
    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.SUBMITTED


def test_office_returns_with_reason_and_item_to_fix(office_client, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    item = first_item(land_report)
    response = office_client.post(reverse("campaigns:report_transition", args=[land_report.pk, "return"]),
                                  {"reason": "Thiếu minh chứng", f"fix_{item}": "on", f"note_{item}": "Bổ sung biên bản"})
    assert response.status_code == 302
    land_report.refresh_from_db()
    assert land_report.status == ReportStatus.RETURNED
    assert list(land_report.items.filter(to_fix=True).values_list("item_id", flat=True)) == [item]


def test_returned_report_shows_the_unit_exactly_the_items_to_fix(land_head_client, land_report, land_head, office_user):
    workflow.submit_report(land_report, actor=land_head)
    item = first_item(land_report)
    workflow.return_report(land_report, actor=office_user, reason="Thiếu", items_to_fix={item: "Bổ sung biên bản"})
    response = land_head_client.get(reverse("campaigns:report_edit", args=[land_report.pk]))
    assert response.content.decode().count('data-testid="to-fix"') == 1
    assert "Bổ sung biên bản" in response.content.decode()


def test_report_open_lets_unit_head_start_and_refuses_other_unit(client, period, org, land_head, env_head):
    url = reverse("campaigns:report_open", args=[period.pk, org.land.pk])
    client.force_login(env_head)
    assert client.post(url).status_code == 404
    client.force_login(land_head)
    response = client.post(url)
    report = UnitReport.objects.get(period=period, unit=org.land)
    assert response.url == reverse("campaigns:report_edit", args=[report.pk])


def test_period_pages_are_refused_to_unit_heads(land_head_client, issued_plan):
    assert land_head_client.get(reverse("campaigns:period_list")).status_code == 403
    assert land_head_client.post(reverse("campaigns:period_standard"), {"plan": issued_plan.pk, "year": 2025}).status_code == 403
    assert ReportingPeriod.objects.count() == 0


def _standard_dues(plan, year, **changed):
    return {f"due_{period.kind}": changed.get(period.kind, period.due.strftime("%d/%m/%Y"))
            for period in reporting.standard_periods(plan, year)}


def test_office_creates_the_standard_periods_after_the_preview(office_client, issued_plan):
    url, data = reverse("campaigns:period_standard"), {"plan": issued_plan.pk, "year": 2025}
    preview = office_client.post(url, data)
    assert preview.status_code == 200 and ReportingPeriod.objects.count() == 0
    response = office_client.post(url, {**data, "confirm": "1", **_standard_dues(issued_plan, 2025)})
    assert response.status_code == 302
    assert ReportingPeriod.objects.filter(plan=issued_plan).count() == 4
    assert "Quý I năm 2025" in office_client.get(reverse("campaigns:period_list")).content.decode()


def test_standard_periods_preview_warns_of_those_past_their_due_date_and_saves_nothing(office_client, issued_plan, monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: date(2026, 5, 15))
    page = office_client.post(reverse("campaigns:period_standard"), {"plan": issued_plan.pk, "year": 2026}).content.decode()
    warning = page.split('data-testid="past-due-warning"')[1].split("</div>")[0]
    assert "Quý I năm 2026" in warning and "6 tháng đầu năm 2026" not in warning
    assert "Hạn nộp thông thường của các kỳ sau đã qua" in warning
    quarter = reporting.standard_periods(issued_plan, 2026)[0]
    assert f'name="due_quarter" value="{quarter.due:%d/%m/%Y}"' in page and page.count('data-testid="standard-period"') == 4
    assert ReportingPeriod.objects.count() == 0


def test_office_sets_each_due_date_before_the_standard_periods_are_saved(office_client, issued_plan):
    url, data = reverse("campaigns:period_standard"), {"plan": issued_plan.pk, "year": 2026, "confirm": "1"}
    office_client.post(url, {**data, **_standard_dues(issued_plan, 2026, quarter="29/05/2026")})
    dues = dict(ReportingPeriod.objects.filter(plan=issued_plan).values_list("kind", "due"))
    assert dues["quarter"] == date(2026, 5, 29)
    assert dues["year"] == reporting.standard_periods(issued_plan, 2026)[3].due
    again = office_client.post(url, {"plan": issued_plan.pk, "year": 2026}).content.decode()
    assert again.count("đã có") >= 4 and "Các kỳ báo cáo của năm này đã có." in again


def test_standard_periods_refuse_a_due_date_on_a_day_off_and_save_nothing(office_client, issued_plan):
    data = {"plan": issued_plan.pk, "year": 2026, "confirm": "1", **_standard_dues(issued_plan, 2026, quarter="30/05/2026")}
    response = office_client.post(reverse("campaigns:period_standard"), data)
    assert response.status_code == 200 and "Hạn nộp 30/05/2026 là ngày nghỉ" in response.content.decode()
    assert ReportingPeriod.objects.count() == 0


def test_period_form_refuses_due_date_on_a_holiday(office_client, issued_plan, org):
    response = office_client.post(reverse("campaigns:period_create"), {
        "plan": issued_plan.pk, "kind": "quarter", "name": "Quý I", "start": "01/01/2025", "end": "31/03/2025",
        "due": "30/04/2025", "units": [org.land.pk],
    })
    assert response.status_code == 200
    assert ReportingPeriod.objects.count() == 0


# Board ------------------------------------------------------------------------------------------------


def make_grid(plan, count):
    units = [UnitFactory() for _ in range(count)]
    for index in range(count):
        period = ReportingPeriod.objects.create(
            plan=plan, kind="ad_hoc", name=f"Kỳ {index}", start=date(2025, 1, 1 + index), end=date(2025, 2, 1),
            due=date(2025, 2, 10),
        )
        period.units.set(units)
        for unit in units:
            reporting.start_report(period, unit, actor=None)
    return units


@pytest.mark.parametrize("count", [1, 3])
def test_board_query_count_does_not_grow_with_units_and_periods(office_client, issued_plan, count, django_assert_num_queries):
    units = make_grid(issued_plan, count)
    # 2 (session, user) + 2 (the current period) + 1 (the period filter) + 4 (the board) + 2 (the filter's lists
    # of plans and periods; units are searched as one types, never listed)
    with django_assert_num_queries(11):
        response = office_client.get(reverse("campaigns:report_board"))
    board = response.context["board"]
    assert [unit.code for unit, _cells in board.rows] == [unit.code for unit in sorted(units, key=lambda u: u.path)]
    assert [period.name for period in board.periods] == [f"Kỳ {count - 1}"]  # opens on the latest period only


def test_board_unit_filter_searches_instead_of_listing_every_unit(office_client, land_report, period):
    response = office_client.get(reverse("campaigns:report_board"), {"period": period.pk, "unit": land_report.unit.pk})
    assert isinstance(response.context["form"].fields["unit"].widget, PickerWidget)
    assert [unit.code for unit, _cells in response.context["board"].rows] == [land_report.unit.code]
    html = response.content.decode()
    unit_select = html[html.index('id="id_unit"'):]
    unit_select = unit_select[:unit_select.index("</select>")]
    assert unit_select.count("<option") <= 2 and land_report.unit.name in unit_select  # the choice (and "all")
    assert 'name="unit__search"' in html


def test_board_shows_states_and_counts(office_client, land_report, land_head, period, monkeypatch):
    workflow.submit_report(land_report, actor=land_head)
    response = office_client.get(reverse("campaigns:report_board"), {"period": period.pk})
    board = response.context["board"]
    states = {unit.code: [c.state for c in cells] for unit, cells in board.rows}
    assert states["QLDD"] == ["submitted"]
    assert states["MT"] == ["overdue"]  # due 08/04/2025, long past, not started
    assert board.counts == {"submitted": 1, "overdue": 1}


def test_board_filters_by_state(office_client, land_report, land_head, period):
    workflow.submit_report(land_report, actor=land_head)
    board = office_client.get(reverse("campaigns:report_board"), {"state": "submitted"}).context["board"]
    assert [unit.code for unit, _cells in board.rows] == ["QLDD"]


def test_unit_head_board_shows_only_own_units(land_head_client, period):
    board = land_head_client.get(reverse("campaigns:report_board")).context["board"]
    assert [unit.code for unit, _cells in board.rows] == ["QLDD"]


def test_board_refused_to_staff(client, make_user, org):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse("campaigns:report_board")).status_code == 403


def test_board_exports_to_excel(office_client, land_report, land_head, office_user, period):
    workflow.submit_report(land_report, actor=land_head)
    workflow.accept_report(land_report, actor=office_user)
    response = office_client.get(reverse("campaigns:report_board_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_row=3, values_only=True)}
    with translation.override("vi"):
        assert rows["Phòng Quản lý đất đai"] == f"{BoardState.ACCEPTED.label} {translation.gettext('(late)')}"


def test_reviewer_page_shows_changes_since_previous_submission(office_client, land_report, land_head, office_user):
    item = first_item(land_report)
    reporting.save_draft(land_report, reporting.DraftChanges(
        sections={}, items={item: {"text": "Đã giải quyết 100 hồ sơ."}}, targets={}, files=[]), version=1, actor=land_head)
    workflow.submit_report(land_report, actor=land_head)
    workflow.return_report(land_report, actor=office_user, reason="Số liệu chưa khớp", items_to_fix={item: ""})
    reporting.save_draft(land_report, reporting.DraftChanges(
        sections={}, items={item: {"text": "Đã giải quyết 120 hồ sơ."}}, targets={}, files=[]),
        version=land_report.version, actor=land_head)
    workflow.submit_report(land_report, actor=land_head)
    response = office_client.get(reverse("campaigns:report_detail", args=[land_report.pk]))
    content = response.content.decode()
    assert 'data-testid="changes"' in content
    assert "Đã giải quyết 100 hồ sơ." in content and "Đã giải quyết 120 hồ sơ." in content
    assert [t.action for t in response.context["buttons"]] == ["accept"]


def test_unit_head_sees_no_review_actions(land_head_client, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    response = land_head_client.get(reverse("campaigns:report_detail", args=[land_report.pk]))
    assert [b.action for b in response.context["buttons"]] == ["withdraw"]  # only taking it back (test_confirm.py)
    assert response.context["return_form"] is None


@pytest.mark.parametrize("count", [1, 3])
def test_period_list_query_count_does_not_grow_with_rows(office_client, issued_plan, count, django_assert_num_queries):
    make_grid(issued_plan, count)
    with django_assert_num_queries(5):
        response = office_client.get(reverse("campaigns:period_list"))
    assert len(response.context["periods"]) == count


def test_unit_head_delegates_a_staff_member_who_may_then_edit(land_head_client, client, land_report, make_user, org):
    staff = make_user(Role.STAFF, unit=org.land)
    response = land_head_client.post(reverse("campaigns:report_delegates", args=[land_report.pk]), {"delegates": [staff.pk]})
    assert response.status_code == 302
    client.force_login(staff)
    assert client.get(reverse("campaigns:report_edit", args=[land_report.pk])).status_code == 200


def test_office_cannot_choose_delegates(office_client, land_report):
    assert office_client.get(reverse("campaigns:report_delegates", args=[land_report.pk])).status_code == 403


def test_evidence_can_be_removed_from_a_draft_but_not_after_submission(land_head_client, land_report, land_head):
    first = Evidence.objects.create(report=land_report, file=upload("a.pdf"), original_name="a.pdf", size=10)
    assert land_head_client.post(reverse("campaigns:evidence_delete", args=[first.pk])).status_code == 302
    assert not Evidence.objects.filter(pk=first.pk).exists()
    second = Evidence.objects.create(report=land_report, file=upload("b.pdf"), original_name="b.pdf", size=10)
    workflow.submit_report(land_report, actor=land_head)
    assert land_head_client.post(reverse("campaigns:evidence_delete", args=[second.pk])).status_code == 403
    assert Evidence.objects.filter(pk=second.pk).exists()


def test_office_edits_a_period(office_client, period):
    response = office_client.post(reverse("campaigns:period_edit", args=[period.pk]), {
        "plan": period.plan_id, "kind": "quarter", "name": "Quý I/2025", "start": "01/01/2025", "end": "31/03/2025",
        "due": "09/04/2025", "units": list(period.units.values_list("pk", flat=True)),
        "confirm_warnings": "on",  # the due date is past (test_period_with_a_past_due_date_warns_…)
    })
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.name, period.due) == ("Quý I/2025", date(2025, 4, 9))


def test_office_enters_a_report_on_the_units_behalf(office_client, period, org):
    response = office_client.post(reverse("campaigns:report_open", args=[period.pk, org.env.pk]))
    report = UnitReport.objects.get(period=period, unit=org.env)
    assert response.status_code == 302
    assert report.entered_by_office is True


def test_period_form_refused_to_unit_heads(land_head_client, period):
    assert land_head_client.get(reverse("campaigns:period_create")).status_code == 403
    assert land_head_client.get(reverse("campaigns:period_edit", args=[period.pk])).status_code == 403


def test_board_export_refused_to_staff(client, make_user, org):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse("campaigns:report_board_export")).status_code == 403


def test_autosave_refused_after_submission(land_head_client, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    response = land_head_client.post(reverse("campaigns:report_autosave", args=[land_report.pk]), edit_data(land_report))
    assert response.status_code == 403
    assert UnitReport.objects.get(pk=land_report.pk).results == ""


def test_autosave_of_another_units_report_is_404(client, env_head, land_report):
    client.force_login(env_head)
    assert client.post(reverse("campaigns:report_autosave", args=[land_report.pk]), edit_data(land_report)).status_code == 404


def test_removing_evidence_leaves_a_timeline_row_shown_on_the_report(land_head_client, land_report, land_head):
    evidence = Evidence.objects.create(report=land_report, file=upload("a.pdf"), original_name="bien-ban.pdf", size=10)
    land_head_client.post(reverse("campaigns:evidence_delete", args=[evidence.pk]))
    entries = list(timeline_of(land_report))
    assert [(e.action, e.actor, e.data["file"]) for e in entries] == [("evidence_removed", land_head, "bien-ban.pdf")]
    page = land_head_client.get(reverse("campaigns:report_detail", args=[land_report.pk])).content.decode()
    assert "Đã gỡ tệp minh chứng" in page


# Issue 26 item 7: the progress follows the percentage, a contradiction is refused --------------------


def ordered_items(report):
    return list(report.items.order_by("item__order", "item_id"))


def test_percentage_alone_sets_the_progress_of_each_item(land_head_client, land_report):
    items = ordered_items(land_report)
    data = edit_data(land_report)
    assert len(items) == 3
    for progress, percent in zip(items, ["100", "40", ""]):
        data.pop(f"item-{progress.item_id}-status")
        data[f"item-{progress.item_id}-percent"] = percent
    response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data)
    assert response.status_code == 302
    saved = [(p.status, p.percent) for p in ordered_items(land_report)]
    assert saved == [("done", 100), ("in_progress", 40), ("not_started", None)]


def test_done_without_percentage_is_saved_as_100(land_head_client, land_report):
    item = first_item(land_report)
    data = edit_data(land_report, **{f"item-{item}-status": "done", f"item-{item}-percent": ""})
    assert land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data).status_code == 302
    assert land_report.items.get(item_id=item).percent == 100


@pytest.mark.parametrize("status, percent", [("not_started", "100"), ("done", "60"), ("in_progress", "100"),
                                             ("in_progress", "0"), ("not_applicable", "30")])
def test_percentage_contradicting_the_progress_is_refused_naming_the_item(land_head_client, land_report, status,
                                                                          percent):
    items = ordered_items(land_report)
    second = items[1].item_id  # the first item's sub-point 1.1
    data = edit_data(land_report, **{f"item-{second}-status": status, f"item-{second}-percent": percent})
    with translation.override("vi"):
        response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data,
                                         HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert f"Nội dung 1.1: {percent}% không khớp với tiến độ" in response.content.decode()
    assert UnitReport.objects.get(pk=land_report.pk).version == 1
    assert land_report.items.get(item_id=second).percent is None


def test_autosave_refuses_a_contradicting_pair(land_head_client, land_report):
    item = first_item(land_report)
    data = edit_data(land_report, **{f"item-{item}-status": "not_started", f"item-{item}-percent": "100"})
    response = land_head_client.post(reverse("campaigns:report_autosave", args=[land_report.pk]), data)
    assert response.status_code == 400
    assert UnitReport.objects.get(pk=land_report.pk).version == 1


def test_letters_in_a_percentage_are_kept_and_refused_with_a_message(land_head_client, land_report):
    """Issue 26 item 8: a type=number input would drop "năm mươi" silently; a text input sends it and the
    server says what to type."""
    item = first_item(land_report)
    data = edit_data(land_report, **{f"item-{item}-percent": "năm mươi"})
    response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hãy nhập một số nguyên, chỉ gồm chữ số, ví dụ 75." in html
    assert f'type="text" name="item-{item}-percent" value="năm mươi" inputmode="numeric"' in html
    assert UnitReport.objects.get(pk=land_report.pk).version == 1

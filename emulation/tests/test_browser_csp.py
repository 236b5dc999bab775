"""Issue 9, hole 10 in a real Chromium: pages load and work under the Content Security Policy, and the
browser reports no violation (an inline style or script would be refused and reported on the console)."""
import pytest
from campaigns.models.reports import ReportStatus, UnitReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def csp_violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None)
    return found


def visit_menu(page, limit=10):
    """Opens the first `limit` pages of the navigation bar; returns their addresses."""
    hrefs = page.locator("#mainnav a[href^='/']").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    visited = []
    for href in dict.fromkeys(hrefs):
        if len(visited) == limit or href.startswith("/admin/"):
            continue
        page.goto(href)
        visited.append(href)
    return visited


def test_office_and_unit_head_pages_raise_no_csp_violation_and_bootstrap_still_works(demo_data, page, login, nav):
    violations = csp_violations(page)

    login("vanphong", "thidua@2025")
    assert len(visit_menu(page)) >= 5
    nav("Tổ chức", "Cán bộ")  # a Bootstrap dropdown opens: its script runs under the policy
    assert page.get_by_role("heading", name="Cán bộ").first.is_visible()

    login("lanhdao.qldd", "thidua@2025")
    visit_menu(page, limit=5)
    draft = UnitReport.objects.filter(unit__code="QLDD", status=ReportStatus.DRAFT).first()
    page.goto(f"/campaigns/reports/{draft.pk}/edit/")  # the autosave script
    page.wait_for_load_state("networkidle")

    assert violations == []
    # The listener does catch a violation: an inline style set now is refused and reported.
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("document.body.setAttribute('style', 'color: red')")
    assert any("style-src" in text for text in violations)

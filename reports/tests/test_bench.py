"""The province benchmark cannot rot: a small-scale province is generated and one page measured in the
normal suite (a few seconds), the results file keeps the issue's fields, and the command never writes
into a database that is not the benchmark's. Timings are never asserted (they are the benchmark's
output, not its correctness)."""
import json

import pytest
from django.db.models import Q
from django.core.management.base import CommandError

from awards.models import AwardRecord, CouncilSession, Evaluation, Nomination, NominationVote
from campaigns.models import ReportingPeriod, UnitReport
from emulation.documents.models import IssuedDocument, IssuedDocumentFile
from emulation.models import Staff, Unit, User
from reports.bench import province
from reports.bench.measure import measure_pages, page_targets
from reports.bench.results import FIELDS, Run, clean, percentile
from reports.management.commands import bench as command

pytestmark = pytest.mark.bench


@pytest.fixture
def small_province(db):
    return province.generate(province.SCALES["small"], year=2026)


def test_small_province_has_the_shape_the_issue_asks_for(small_province):
    p = small_province
    assert Unit.objects.count() == 20
    depths = {unit.depth for unit in Unit.objects.all()}
    assert depths == {0, 1, 2}  # the Department, its units, their sub-units
    assert Staff.objects.count() == 500
    assert Staff.objects.filter(full_name__regex=r"^\S+ .+ \S+$").count() == 500  # Vietnamese three-part names
    assert set(Evaluation.objects.filter(staff__isnull=False).values_list("year", flat=True)) == {2024, 2025, 2026}
    assert set(AwardRecord.objects.values_list("year", flat=True)) == {2024, 2025}  # the years before the round
    assert ReportingPeriod.objects.count() == 8  # 4 periods a year over the plan's two years
    assert UnitReport.objects.count() == 8 * 19  # every unit below the Department, every period
    assert p.plan.content_items.count() == 20
    assert Nomination.objects.filter(round=p.round).count() == 100
    assert Nomination.objects.filter(nominee_unit=p.root).count() == 1  # the Department-wide collective
    session = CouncilSession.objects.get()
    assert NominationVote.objects.filter(session=session).count() == p.counts["votes"] > 0
    assert set(User.objects.values_list("username", flat=True)) == {
        "quantri", "vanphong", "giamdoc", "hoidong", "lanhdao", "lanhdao.to", "canbo"}
    # One agency holds the whole province: its Office sees every unit (bulk inserts skip Unit.save).
    assert set(Unit.objects.values_list("agency_id", flat=True)) == {p.root.agency_id} != {None}
    assert set(User.objects.values_list("agency_id", flat=True)) == {p.root.agency_id}
    # The archive its search pages are measured on: the agency's, every document but the plans about a unit.
    documents = IssuedDocument.objects.all()
    assert documents.count() == p.counts["archived_documents"] == 200
    assert set(documents.values_list("agency_id", flat=True)) == {p.root.agency_id}
    assert not documents.exclude(kind="plan").filter(units=None).exists()
    # Each with its bytes apart from its row (IssuedDocumentFile), as the archive issues them.
    assert IssuedDocumentFile.objects.count() == 200 and bytes(documents.first().pdf).startswith(b"%PDF")


def test_page_measurement_of_the_board_on_the_small_province(small_province):
    names = [name for name, _user, _url in page_targets()]  # every page is found in the generated province
    assert len(names) == len(set(names)) == 35  # 25 pages and 10 searches of the archive
    [result] = measure_pages("small", requests=2, only=["reports board (Office)"], log=lambda text: None)
    assert result["name"] == "reports board (Office)"
    assert result["kind"] == "page"
    assert result["queries"] > 0
    assert result.get("errors") is None  # every request answered 200
    assert result["p95_ms"] >= result["median_ms"] > 0
    assert result["html_kb"] > 0


def test_archive_searches_are_measured_on_documents_the_user_finds(small_province, client):
    targets = {name: (username, url) for name, username, url in page_targets()}
    username, url = targets["archive search, “lao dong tien tien” (unit head)"]
    client.force_login(User.objects.get(username=username))
    page = client.get(url).context["page"]
    assert page.paginator.count > 0
    assert all("Lao động tiên tiến" in document.title for document in page)
    # A team's head: the plans and their team's documents, counted from the archive's scope index.
    username, url = targets["archive search, newest first, no filter (head of a team)"]
    head = User.objects.get(username=username)
    client.force_login(head)
    page = client.get(url).context["page"]
    own = IssuedDocument.objects.filter(Q(kind="plan") | Q(units=head.unit)).distinct()
    assert page.paginator.count == own.count() > own.filter(kind="plan").count()
    assert set(page) <= set(own)
    [result] = measure_pages("small", requests=1, only=["archive search, number “1234/QĐ” (Office)"],
                             log=lambda text: None)
    assert result.get("errors") is None and result["queries"] > 0


def test_results_json_keeps_only_the_fields_of_the_issue(tmp_path):
    run = Run(database="sqlite", scale="small", output=tmp_path / "results.json")
    run.add({"name": "staff list (Office)", "kind": "page", "queries": 5, "median_ms": 12.5, "p95_ms": 20.0,
             "html_kb": 21.4, "errors": None})
    run.write()
    [written] = json.loads((tmp_path / "results.json").read_text())
    assert written == {"name": "staff list (Office)", "kind": "page", "database": "sqlite", "scale": "small",
                       "queries": 5, "median_ms": 12.5, "p95_ms": 20.0}
    assert set(clean({field: 1 for field in [*FIELDS, "html_kb"]})) == set(FIELDS)
    table = (tmp_path / "results.md").read_text()
    assert "| staff list (Office) | page | 5 | 12.5 | 20.0 | 21.4 |" in table


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 21))
    assert percentile(values, 0.5) == 10
    assert percentile(values, 0.95) == 19
    assert percentile([7], 0.95) == 7


def test_the_benchmark_refuses_to_empty_a_database_that_is_not_its_own(settings, monkeypatch, db):
    # "bench" in the folder's name only (a worktree called wt-bench): still the development database.
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "/srv/wt-bench/var/thidua.sqlite3")
    assert not command.is_bench_database()
    with pytest.raises(CommandError, match="not the benchmark's"):
        command.empty_database()

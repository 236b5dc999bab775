"""The province benchmark cannot rot: a small-scale province is generated and one page measured in the
normal suite (a few seconds), the results file keeps the issue's fields, and the command never writes
into a database that is not the benchmark's. Timings are never asserted (they are the benchmark's
output, not its correctness)."""
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from django.db.models import F, Q

from awards.forwarding import PROVINCE_DECISION_KIND
from awards.models import (AwardRecord, AwardRound, CouncilMember, CouncilSession, Evaluation, Forwarding, Nomination,
                           NominationVote)
from campaigns.models import Plan, ReportingPeriod, UnitReport
from emulation.documents.models import IssuedDocument, IssuedDocumentFile, NumberSeries
from emulation.models import Agency, Role, Staff, Unit, User
from reports.models import SummaryReport
from bench import province
from bench import measure
from bench.measure import measure_pages, page_targets, run_job
from bench.results import FIELDS, Run, clean, percentile
from bench.management.commands import bench as command

pytestmark = pytest.mark.bench


@pytest.fixture
def small_province(db):
    return province.generate(province.SCALES["small"], year=2026)


def test_small_province_has_the_shape_the_issue_asks_for(small_province):
    p = small_province
    agencies = Unit.objects.exclude(agency=p.standing)
    assert agencies.count() == 20  # the scale's units, shared by the agencies; the standing body's 2 beside
    assert Unit.objects.filter(agency=p.standing).count() == 2
    depths = {unit.depth for unit in agencies}
    assert depths == {0, 1, 2}  # each agency's top unit, its units, their sub-units
    assert Staff.objects.count() == 500
    assert Staff.objects.filter(full_name__regex=r"^\S+ .+ \S+$").count() == 500  # Vietnamese three-part names
    assert set(Evaluation.objects.filter(staff__isnull=False).values_list("year", flat=True)) == {2024, 2025, 2026}
    assert set(AwardRecord.objects.exclude(source=AwardRecord.Source.PROVINCE).values_list("year", flat=True)) == {
        2024, 2025}  # the years before the round; the province's decision of the round's year beside them
    assert ReportingPeriod.objects.count() == 8 * 3  # 4 periods a year over each plan's two years
    assert UnitReport.objects.count() == 8 * (20 - 3)  # every unit below an agency's top unit, every period
    assert p.plan.content_items.count() == 20
    assert Nomination.objects.count() == 100
    assert Nomination.objects.filter(round=p.round).count() == p.largest.nominations
    assert Nomination.objects.filter(nominee_unit=p.root).count() == 1  # the Department-wide collective
    session = CouncilSession.objects.get(round=p.round)
    assert NominationVote.objects.filter(session=session).count() > 0
    assert NominationVote.objects.count() == p.counts["votes"]
    assert set(User.objects.filter(agency=p.root.agency).values_list("username", flat=True)) == {
        "quantri", "vanphong", "giamdoc", "hoidong", "lanhdao", "lanhdao.to", "canbo"}
    # Bulk inserts skip Unit.save: every unit carries its top unit's agency.
    assert not Unit.objects.exclude(parent=None).exclude(agency=F("parent__agency")).exists()
    # The archive its search pages are measured on: each agency's own, every document but the plans about a unit.
    documents = IssuedDocument.objects.exclude(kind=PROVINCE_DECISION_KIND)
    assert documents.count() == p.counts["archived_documents"] == 200
    assert documents.filter(agency=p.root.agency).count() == p.largest.documents
    assert not documents.exclude(kind="plan").filter(units=None).exists()
    # Each with its bytes apart from its row (IssuedDocumentFile), as the archive issues them.
    assert IssuedDocumentFile.objects.filter(document__in=documents).count() == 200
    assert bytes(documents.first().pdf).startswith(b"%PDF")
    about = IssuedDocument.units.through.objects.exclude(issueddocument__kind=PROVINCE_DECISION_KIND)
    assert about.exists() and not about.exclude(issueddocument__agency=F("unit__agency")).exists()


def test_small_province_is_made_of_agencies_of_skewed_sizes_and_the_standing_body(small_province):
    p = small_province
    standing = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    agencies = list(Agency.objects.filter(kind=Agency.Kind.AGENCY).order_by("pk"))
    assert len(agencies) == 3 and {agency.province_id for agency in agencies} == {standing.pk}
    assert agencies[0] == p.root.agency == Agency.objects.primary()  # the largest is the installation's first
    sizes = [Unit.objects.filter(agency=agency).count() for agency in agencies]
    assert sizes[0] == max(sizes) > min(sizes) and sum(sizes) == 20
    assert Staff.objects.filter(unit__agency=agencies[0]).count() == max(
        Staff.objects.filter(unit__agency=agency).count() for agency in agencies)
    for agency in agencies:  # each with its own logins, top unit, plan, periods, reports, round, council, series
        assert {user.role for user in User.objects.filter(agency=agency)} >= {Role.OFFICE, Role.DIRECTOR}
        assert Unit.objects.filter(agency=agency, parent=None).count() == 1
        assert Plan.objects.get(issuer=agency).number_symbol == f"45/KH-{agency.abbreviation}"
        assert UnitReport.objects.filter(period__plan__issuer=agency).exclude(unit__agency=agency).count() == 0
        round_ = AwardRound.objects.get(agency=agency)
        assert CouncilSession.objects.filter(round=round_).count() == 1
        assert CouncilMember.objects.filter(agency=agency).count() >= 7
        assert NumberSeries.objects.filter(agency=agency, series=f"KH-{agency.abbreviation}").exists()
    assert {(u.username, u.role) for u in User.objects.filter(agency=standing)} == {
        ("chuyenvien.btd", Role.OFFICE), ("chutich", Role.DIRECTOR)}
    assert CouncilMember.objects.filter(agency=standing).count() == 7  # the provincial council
    assert SummaryReport.objects.filter(issuer=standing).count() == 1


def test_small_province_has_forwarded_dossiers_in_every_state(small_province):
    forwardings = Forwarding.objects.select_related("nomination")
    assert set(forwardings.values_list("status", flat=True)) == set(Forwarding.Status.values)
    for agency in Agency.objects.filter(kind=Agency.Kind.AGENCY):  # every agency forwards in every state
        assert set(forwardings.filter(agency=agency).values_list("status", flat=True)) == set(Forwarding.Status.values)
    returned = forwardings.filter(status=Forwarding.Status.RETURNED).first()
    assert returned.reason and returned.nomination.frozen["award"]
    decision = small_province.province_decision
    decided = forwardings.filter(status=Forwarding.Status.DECIDED)
    assert set(decided.values_list("decision", flat=True)) == {decision.pk}
    assert {f.nomination.status for f in decided} == {Nomination.Status.DECIDED}
    assert AwardRecord.objects.filter(source=AwardRecord.Source.PROVINCE, decision_number=decision.reference).count() \
        == decided.count()
    not_passed = forwardings.filter(status=Forwarding.Status.NOT_PASSED)
    assert {f.nomination.status for f in not_passed} == {Nomination.Status.REJECTED}  # the council's "no" ends it
    waiting = forwardings.exclude(status__in=[Forwarding.Status.DECIDED, Forwarding.Status.NOT_PASSED])
    assert {f.nomination.status for f in waiting} == {Nomination.Status.FORWARDED}


def test_page_measurement_of_the_board_and_the_province_inbox_on_the_small_province(small_province):
    names = [name for name, _user, _url in page_targets()]  # every page is found in the generated province
    assert len(names) == len(set(names)) == 41  # 25 pages, 10 searches of the archive, 6 pages of the province
    inbox = "province inbox of forwarded dossiers (province specialist)"
    board, measured = measure_pages("small", requests=2, only=["reports board (Office)", inbox], log=lambda text: None)
    assert board["name"] == "reports board (Office)"
    assert measured["name"] == inbox
    for result in (board, measured):
        assert result["kind"] == "page"
        assert result["queries"] > 0
        assert result.get("errors") is None  # every request answered 200
        assert result["p95_ms"] >= result["median_ms"] > 0
        assert result["html_kb"] > 0


def test_the_province_pages_are_measured_as_its_logins_on_what_was_forwarded(small_province, client):
    targets = {name: (username, url) for name, username, url in page_targets()}
    username, url = targets["province inbox of forwarded dossiers (province specialist)"]
    client.force_login(User.objects.get(username=username))
    page = client.get(url).context["page"]
    assert page.paginator.count == Forwarding.objects.count() > 0
    username, url = targets["forwarded dossier under review (province specialist)"]
    client.force_login(User.objects.get(username=username))
    dossier = client.get(url).context["dossier"]
    assert dossier.status == Forwarding.Status.REVIEWING and dossier.agency == small_province.root.agency
    username, url = targets["province dashboard (Chủ tịch)"]
    client.force_login(User.objects.get(username=username))
    assert len(client.get(url).context["figures"]["agencies"]) == 3  # every agency of the province
    username, url = targets["province summary report (province specialist)"]
    client.force_login(User.objects.get(username=username))
    report = client.get(url).context["report"]
    assert report.is_province and report.figures["totals"]["agencies"] == 3
    username, url = targets["province decisions (Chủ tịch)"]
    client.force_login(User.objects.get(username=username))
    assert list(client.get(url).context["page"]) == [small_province.province_decision]


def test_the_province_figures_job_covers_every_agency_in_a_fixed_number_of_queries(small_province):
    [result] = run_job("province_figures")
    assert result["name"] == "province figures of 3 agencies (uncached dashboard)"
    assert result["queries"] == 6  # reports.province: six queries whatever the number of agencies


def test_the_benchmark_fails_loudly_when_a_page_does_not_answer_200(db, monkeypatch, tmp_path):
    monkeypatch.setattr(command, "is_bench_database", lambda: True)
    monkeypatch.setattr(measure, "page_targets", lambda: [("a page that is not there", None, "/khong-co/")])
    with pytest.raises(CommandError, match="did not answer 200 on every request: a page that is not there"):
        call_command("bench", "--only", "pages", "--requests", "1", "--output", str(tmp_path / "results.json"),
                     stdout=io.StringIO())
    [written] = json.loads((tmp_path / "results.json").read_text())  # written all the same, the errors counted
    assert written["errors"] == 1


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
    own = IssuedDocument.objects.filter(Q(kind="plan") | Q(units=head.unit), agency=head.agency).distinct()
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

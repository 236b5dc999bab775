"""What the benchmark measures on a generated province.

Pages: each main page as the role that uses it, `requests` times through Django's test client with
DEBUG off (one request first to warm the caches, not counted): the query count, the median and the p95
of the wall time, the size of the HTML (Markdown only: the JSON keeps the issue's fields).

Jobs: each in its own process (the command starts it: `manage.py bench --job NAME`), inside a
transaction rolled back at the end so that the province stays as generated: seconds (as `median_ms` of
the one run), queries, the process's peak resident memory (`peak_mb`, ru_maxrss: it includes the idle
process, measured as "process without work"), and for a PDF `baseline_ms`, WeasyPrint alone rendering
the same HTML. Written against the code of main when the benchmark was made: a job whose product function
changes (the staff import moving to the background, for instance) is adapted here, in one function.
"""
import csv
import io
import resource
import time
from datetime import date

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from bench.results import percentile
from awards.models import AwardRound, CouncilSession, Nomination
from campaigns.models import Plan, ReportStatus, UnitReport
from emulation.models import Unit, User
from reports.models import SummaryReport
from awards.models import Forwarding
from urllib.parse import urlencode
from weasyprint import HTML
from emulation.documents.rendering import DOCUMENT_BASE_URL, StaticOnlyURLFetcher, _render
from django.utils import translation
from emulation.models import Staff
from emulation.imports import confirm_import, preview_import, resource_for
from emulation.imports import import_spec
from reports.documents import TEMPLATE, summary_context, summary_pdf
from campaigns.demo import seed_the_plan
from campaigns.documents import TEMPLATE as PLAN_TEMPLATE, plan_document_context
from emulation.documents import render_pdf
from awards.eligibility import evaluate_nomination
from awards.jobs import check_round
from awards.models import EligibilityCheck
from emulation.jobs.models import Job
from awards.decisions import decision_defaults, issue_decision_for
from awards.documents import decision_document, decision_nominations
from django.http import QueryDict
from emulation.large_exports import EXPORTS, write_export
from reports.province import compute_province_figures
import tempfile


def peak_mb():
    """This process's own peak resident memory. Linux's ru_maxrss of a process started by another keeps the
    parent's size at the fork (a job started after the province was generated in the same command reported
    the generator's 708 MB), so the memory map's own high-water mark is read where there is one."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# Pages ---------------------------------------------------------------------------------------------

def page_targets():
    """(name, login, url) of every page measured, found in the generated province: the pages of an agency
    as the role that uses them in the largest agency (the logins the benchmark has always used), then the
    province's pages as the standing body's logins (`province_targets`)."""
    users = {u.username: u for u in User.objects.filter(username__in=["vanphong", "lanhdao"]).select_related("unit")}
    agency = users["vanphong"].agency_id  # the largest agency
    root = Unit.objects.filter(agency_id=agency, parent__isnull=True).order_by("pk").first()
    head = users["lanhdao"]
    round_ = AwardRound.objects.filter(agency_id=agency).order_by("-year", "-pk").first()
    collective = Nomination.objects.filter(round=round_, nominee_unit=root).first()
    person = Nomination.objects.filter(round=round_, staff__isnull=False, status="checked").order_by("pk").first()
    session = CouncilSession.objects.filter(round=round_).first()
    plan = Plan.objects.filter(issuer_id=agency).order_by("-pk").first()
    own = UnitReport.objects.filter(unit__path__startswith=head.unit.path).order_by("-period__end", "pk")
    draft = own.filter(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]).first() or own.first()
    submitted = (UnitReport.objects.filter(unit__agency_id=agency, status=ReportStatus.SUBMITTED)
                 .order_by("-period__end", "pk").first() or own.first())
    summary = SummaryReport.objects.filter(issuer_id=agency).order_by("-pk").first()
    return [
        # A page that does almost nothing: the floor of the machine and the framework (compare runs by it).
        ("login page (anonymous)", None, reverse("login")),
        ("home (Office)", "vanphong", reverse("home")),
        ("home (Director)", "giamdoc", reverse("home")),
        ("home (unit head)", "lanhdao", reverse("home")),
        ("home (council member)", "hoidong", reverse("home")),
        ("home (staff member)", "canbo", reverse("home")),
        ("reports board (Office)", "vanphong", reverse("campaigns:report_board")),
        ("council session (Office)", "vanphong", reverse("awards:session_detail", args=[session.pk])),
        ("nomination detail, Department-wide collective (Office)", "vanphong",
         reverse("awards:nomination_detail", args=[collective.pk])),
        ("nomination detail, person (Office)", "vanphong", reverse("awards:nomination_detail", args=[person.pk])),
        ("nomination list (Office)", "vanphong", reverse("awards:nomination_list")),
        ("nomination list (unit head)", "lanhdao", reverse("awards:nomination_list")),
        ("nomination list (council member)", "hoidong", reverse("awards:nomination_list")),
        ("award lookup, no filter (Office)", "vanphong", reverse("awards:lookup")),
        ("award lookup “nguyen van” (Office)", "vanphong", reverse("awards:lookup") + "?q=nguyen+van"),
        ("staff list (Office)", "vanphong", reverse("staff_list")),
        ("unit list (Office)", "vanphong", reverse("unit_list")),
        ("Office form: evaluation", "vanphong", reverse("awards:record_create", args=["evaluation"])),
        ("Office form: discipline", "vanphong", reverse("awards:record_create", args=["discipline"])),
        ("Office form: initiative", "vanphong", reverse("awards:record_create", args=["initiative"])),
        ("report form (unit head)", "lanhdao", reverse("campaigns:report_edit", args=[draft.pk])),
        ("report detail (Office)", "vanphong", reverse("campaigns:report_detail", args=[submitted.pk])),
        ("plan detail (Office)", "vanphong", reverse("campaigns:plan_detail", args=[plan.pk])),
        ("summary report (Office)", "vanphong", reverse("reports:summary_detail", args=[summary.pk])),
        ("dashboard (Director)", "giamdoc", reverse("reports:dashboard")),
        *archive_targets(),
        *province_targets(),
    ]


#: The standing body's logins (emulation.demo_agencies, made by the generator as in the demo).
PROVINCE_SPECIALIST, PROVINCE_CHAIRMAN = "chuyenvien.btd", "chutich"


def province_targets():
    """(name, login, url) of the province's pages: its home, the inbox of forwarded dossiers, a dossier under
    review from the largest agency, the decisions of the Chủ tịch, the province's dashboard and its summary
    report, each as the standing body's login that uses it."""
    specialist = User.objects.select_related("agency").get(username=PROVINCE_SPECIALIST)
    largest = User.objects.values_list("agency_id", flat=True).get(username="vanphong")
    dossier = (Forwarding.objects.filter(province=specialist.agency_id, agency_id=largest,
                                         status=Forwarding.Status.REVIEWING).order_by("pk").first())
    summary = SummaryReport.objects.filter(issuer_id=specialist.agency_id).order_by("-pk").first()
    return [
        ("home (province specialist)", PROVINCE_SPECIALIST, reverse("home")),
        ("province inbox of forwarded dossiers (province specialist)", PROVINCE_SPECIALIST,
         reverse("awards:forwarded_list")),
        ("forwarded dossier under review (province specialist)", PROVINCE_SPECIALIST,
         reverse("awards:forwarded_detail", args=[dossier.pk])),
        ("province decisions (Chủ tịch)", PROVINCE_CHAIRMAN, reverse("awards:province_decision_list")),
        ("province dashboard (Chủ tịch)", PROVINCE_CHAIRMAN, reverse("reports:dashboard")),
        ("province summary report (province specialist)", PROVINCE_SPECIALIST,
         reverse("reports:summary_detail", args=[summary.pk])),
    ]


#: The archive's searches a clerk types (what `benchmark_archive` used to time): (label, query, who): the
#: Office, the head of the largest unit ("head"), or the head of a team at the bottom of the tree ("leaf":
#: few documents of their own among the agency's, the longest walk of the archive's scope index).
ARCHIVE_SEARCHES = [
    ("newest first, no filter", {}, "office"),
    ("“giay khen” (many matches)", {"q": "giay khen"}, "office"),
    ("two rare words", {"q": "dang khoa quan trac"}, "office"),
    ("nothing matches", {"q": "khong co van ban nay"}, "office"),
    ("number “1234/QĐ”", {"number": "1234/QĐ"}, "office"),
    ("signer “tran van phuoc” in the last three years", {"signer": "tran van phuoc", "date_from": -3}, "office"),
    ("decisions of one month", {"kind": "award_decision", "date_from": -5, "date_to": -5}, "office"),
    ("newest first, no filter", {}, "head"),
    ("“lao dong tien tien”", {"q": "lao dong tien tien"}, "head"),
    ("newest first, no filter", {}, "leaf"),
]
ARCHIVE_LOGINS = {"office": ("vanphong", "Office"), "head": ("lanhdao", "unit head"),
                  "leaf": ("lanhdao.to", "head of a team")}


def archive_targets():
    """(name, login, url) of the archive's search page for each of ARCHIVE_SEARCHES, as the Office, as the
    unit head of the largest unit or as a team's head. Dates are years back from today (a month: March of
    that year)."""
    year = date.today().year
    targets = []
    for label, query, who in ARCHIVE_SEARCHES:
        query = dict(query)
        if "date_from" in query:
            start = year + query["date_from"]
            query["date_from"] = f"01/03/{start}" if "date_to" in query else f"01/01/{start}"
        if "date_to" in query:
            query["date_to"] = f"31/03/{year + query['date_to']}"
        login, role = ARCHIVE_LOGINS[who]
        targets.append((f"archive search, {label} ({role})", login,
                        reverse("reports:archive") + ("?" + urlencode(query) if query else "")))
    return targets


def measure_page(client, url, requests):
    """Measure one page; returns the measurement (without name and role)."""
    client.get(url)  # warm-up, not counted
    times, errors, queries, size = [], 0, None, 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            try:
                response = client.get(url)
                content, failed = response.content, response.status_code != 200
            except Exception:  # an error page in production: count it, go on measuring
                content, failed = b"", True
            times.append((time.perf_counter() - started) * 1000)
        errors += failed
        queries, size = len(captured), max(size, len(content))
    return {"kind": "page", "queries": queries, "median_ms": round(percentile(times, 0.5), 1),
            "p95_ms": round(percentile(times, 0.95), 1), "errors": errors or None, "html_kb": round(size / 1024, 1)}


def measure_pages(scale, *, requests=20, skip=(), only=None, log=print):
    """Yield one measurement per page (see `page_targets`); `only`: a list of names to measure."""
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver", "127.0.0.1", "localhost"]):
        for name, username, url in page_targets():
            if name in skip or (only is not None and name not in only):
                continue
            client = Client(raise_request_exception=False)  # a fresh login per page: a slow page may outlast
            if username:                                      # the session's idle time
                client.force_login(User.objects.get(username=username))
            result = {"name": name, **measure_page(client, url, requests)}
            log(f"page {name}: {result['queries']} queries, median {result['median_ms']} ms, p95 {result['p95_ms']} ms, "
                f"{result['html_kb']} KB" + (f", {result['errors']} errors" if result.get("errors") else ""))
            yield result


# Jobs ----------------------------------------------------------------------------------------------

def _timed(function):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        value = function()
        seconds = time.perf_counter() - started
    return value, round(seconds * 1000, 1), len(captured)


def _weasyprint_alone(template, context):
    """Milliseconds of WeasyPrint writing the PDF of the document's own HTML (rendered beforehand)."""

    html = _render(template, {**context, "preview": False})
    started = time.perf_counter()
    HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
    return round((time.perf_counter() - started) * 1000, 1)


def _office():
    return User.objects.get(username="vanphong")


def _round():
    """The round of the largest agency (the Office's), whose jobs are measured."""
    return AwardRound.objects.filter(agency_id=_office().agency_id).order_by("-year", "-pk").first()


def job_idle():
    """The process with Django loaded and nothing done: the floor under every peak_mb."""
    return [{"name": "process without work", "kind": "job", "peak_mb": peak_mb()}]


def staff_rows(count):
    """A staff file of `count` new people (CSV bytes, under the 5 MB upload cap) in the product's own
    import columns: name, gender, date of birth, unit code, position, category, identity number."""

    people = list(Staff.objects.filter(unit__agency_id=_office().agency_id).select_related("unit").order_by("pk")[:count])
    while len(people) < count:
        people += people[: count - len(people)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Loại cán bộ", "Số định danh cá nhân"])
    with translation.override("vi"):
        for number, person in enumerate(people):
            writer.writerow([person.full_name, person.get_gender_display(), person.date_of_birth.strftime("%d/%m/%Y"),
                             person.unit.code, person.position, person.get_category_display(), f"0799{number:08d}"])
    return out.getvalue().encode("utf-8")


def _import_file(kind, data, filename, label):
    """An import of the Office (upload → preview → confirm) through its domain functions, as the
    background "import" job runs them: two measurements, the preview and the import."""
    office = _office()
    spec = import_spec(kind)

    def resource():
        return resource_for(spec, office)

    (report, run), preview_ms, preview_queries = _timed(
        lambda: preview_import(kind, resource(), data, filename, user=office))
    preview_peak = peak_mb()
    if not report.ok:
        raise RuntimeError(f"the generated {kind} file has errors: {report.errors[:3]}")
    report, write_ms, write_queries = _timed(lambda: confirm_import(kind, resource(), run.token, user=office))
    if not report.ok:
        raise RuntimeError(f"the generated {kind} file was not imported: {report.errors[:3]}")
    return [{"name": f"{label}: preview", "kind": "job", "queries": preview_queries, "median_ms": preview_ms,
             "peak_mb": preview_peak},
            {"name": f"{label}: import", "kind": "job", "queries": write_queries, "median_ms": write_ms,
             "peak_mb": peak_mb()}]


def job_staff_import(count=None):
    """The staff import of the Office: as many new people as the province has staff (50,000 at province
    scale)."""
    count = count or Staff.objects.count()
    return _import_file("staff", staff_rows(count), "can-bo.csv", f"staff import, {count:,} rows")


def job_unit_import(count=None):
    """The unit import of the Office: as many new units as the province has (1,000 at province scale),
    every other one under an existing unit and the others under the new unit of the row before (two
    levels written by the one file)."""
    parents = list(Unit.objects.filter(agency=_office().agency).order_by("path").values_list("code", flat=True))
    count = count or len(parents)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại đơn vị", "Mã đơn vị cấp trên", "Thứ tự", "Đang hoạt động"])
    for number in range(count):
        parent = parents[number % len(parents)] if number % 2 == 0 else f"BN{number - 1:06d}"
        writer.writerow([f"BN{number:06d}", f"Tổ Nhập {number}", "", "Khác", parent, number % 50, "Có"])
    return _import_file("units", out.getvalue().encode("utf-8"), "don-vi.csv", f"unit import, {count:,} rows")


def job_history_import(count=None):
    """The award-history import of the Office: one award of next year for each person of the province
    (50,000 rows at province scale), by identity number."""
    staff = Staff.objects.filter(unit__agency=_office().agency, identity_number__isnull=False).select_related("unit")
    people = list(staff.order_by("pk")[:count] if count else staff.order_by("pk"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Số định danh cá nhân", "Mã đơn vị", "Danh hiệu, hình thức", "Năm", "Số quyết định"])
    year = date.today().year + 1
    for person in people:
        writer.writerow([person.identity_number, person.unit.code, "Lao động tiên tiến", year, f"1/QĐ-{year}"])
    return _import_file("award-history", out.getvalue().encode("utf-8"), "khen-thuong.csv",
                        f"award-history import, {len(people):,} rows")


def job_summary_pdf():
    """The annual summary report's PDF (a draft: rendered live), and WeasyPrint alone on its HTML."""
    report = SummaryReport.objects.filter(issuer_id=_office().agency_id).order_by("-pk").first()
    _data, ms, queries = _timed(lambda: summary_pdf(report))
    peak = peak_mb()
    return [{"name": "annual summary report PDF", "kind": "job", "queries": queries, "median_ms": ms, "peak_mb": peak,
             "baseline_ms": _weasyprint_alone(TEMPLATE, summary_context(report))}]


def job_plan_pdf():
    """The PDF of the real 2021–2025 plan of the seed (campaigns.seed_plan, what `benchmark_plan_pdf` used to
    time), made and issued through the workflow in this rolled-back transaction; and WeasyPrint alone on its
    HTML."""
    plan = seed_the_plan()
    context = plan_document_context(plan)
    _data, ms, queries = _timed(lambda: render_pdf(PLAN_TEMPLATE, context))
    peak = peak_mb()
    return [{"name": "plan PDF (the seed's 2021–2025 plan)", "kind": "job", "queries": queries, "median_ms": ms,
             "peak_mb": peak, "baseline_ms": _weasyprint_alone(PLAN_TEMPLATE, context)}]


def job_eligibility():
    """The eligibility verdict of every nomination of the round, one after the other."""
    round_ = _round()
    nominations = list(Nomination.objects.filter(round=round_).with_related())

    def run():
        for nomination in nominations:
            evaluate_nomination(nomination)

    _none, ms, queries = _timed(run)
    return [{"name": f"eligibility of all {len(nominations):,} nominations", "kind": "job", "queries": queries,
             "median_ms": ms, "peak_mb": peak_mb()}]


def job_round_eligibility():
    """The eligibility of the whole round as the Office's background job does it (awards.jobs.check_round:
    set-wise, 500 at a time, the verdicts stored)."""
    round_ = _round()
    job = Job.objects.create(kind="round-eligibility", owner=_office(), params={"round": round_.pk})
    _result, ms, queries = _timed(lambda: check_round(job, lambda percent, step="": None))
    stored = EligibilityCheck.objects.filter(nomination__round=round_).count()
    return [{"name": f"eligibility of the round as one job ({stored:,} nominations stored)", "kind": "job",
             "queries": queries, "median_ms": ms, "peak_mb": peak_mb()}]


def job_decision(count=500):
    """Issuing one decision for the approved nominations (500 at province scale), its PDF archived; then
    WeasyPrint alone on the decision's HTML."""
    nominations = list(Nomination.objects.filter(round=_round(), status="approved").with_related().order_by("pk")[:count])
    decision, ms, queries = _timed(lambda: issue_decision_for(
        nominations, actor=_office(), signed_on=date.today(), signer_name="Nguyễn Đức Trung", **decision_defaults(_office().agency)))
    peak = peak_mb()
    template, context = decision_document(decision, decision_nominations(decision))
    return [{"name": f"decision of {len(nominations)} awardees (with its PDF)", "kind": "job", "queries": queries,
             "median_ms": ms, "peak_mb": peak, "baseline_ms": _weasyprint_alone(template, context)}]


def job_lookup_export():
    """The lookup's export button with no filter: above EXPORT_BACKGROUND_ROWS rows the request only
    starts the "export" job and answers with a redirect to its page (then measured as `job_history_export`)."""
    client = Client()
    client.force_login(_office())
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        response, ms, queries = _timed(lambda: client.get(reverse("awards:lookup_export")))
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    return [{"name": "award history export, no filter (Office): the request", "kind": "job", "queries": queries,
             "median_ms": ms, "peak_mb": peak_mb(), "errors": (response.status_code not in (200, 302)) or None}]


def job_history_export():
    """The whole award history as the background "export" job writes it (rows read in chunks, the
    workbook written in write-only mode), as the Office with no filter."""

    spec = EXPORTS["award-history"]
    rows = spec.rows(_office(), QueryDict()).count()
    data, ms, queries = _timed(lambda: write_export(spec, _office(), QueryDict()))
    return [{"name": f"award history export job, {rows:,} rows ({len(data) / 1024 / 1024:.1f} MB .xlsx)", "kind": "job",
             "queries": queries, "median_ms": ms, "peak_mb": peak_mb()}]


def job_province_figures():
    """The province's summary figures of the round's year across every agency (reports.province), computed
    as the province's dashboard does when its one-minute cache is empty and as its summary report does."""
    province = User.objects.select_related("agency").get(username=PROVINCE_SPECIALIST).agency
    year = AwardRound.objects.filter(agency_id=_office().agency_id).order_by("-year").values_list("year", flat=True)[0]
    figures, ms, queries = _timed(lambda: compute_province_figures(province, date(year, 1, 1), date(year, 12, 31)))
    return [{"name": f"province figures of {len(figures['agencies'])} agencies (uncached dashboard)", "kind": "job",
             "queries": queries, "median_ms": ms, "peak_mb": peak_mb()}]


JOBS = {
    "idle": job_idle,
    "summary_pdf": job_summary_pdf,
    "plan_pdf": job_plan_pdf,
    "decision": job_decision,
    "eligibility": job_eligibility,
    "round_eligibility": job_round_eligibility,
    "staff_import": job_staff_import,
    "unit_import": job_unit_import,
    "history_import": job_history_import,
    "lookup_export": job_lookup_export,
    "history_export": job_history_export,
    "province_figures": job_province_figures,
}


def run_job(name, **kwargs):
    """Run one job inside a transaction that is rolled back (the province stays as generated)."""
    with tempfile.TemporaryDirectory(prefix="bench-media-") as media, override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            result = JOBS[name](**kwargs)
            transaction.set_rollback(True)
    return result

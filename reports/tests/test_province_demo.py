"""The demo of the province level's figures (reports.province_demo): Sở Y tế's council, plan, reports and
awards, and the province's summaries seen by `chuyenvien.btd` and `chutich`; a second run adds nothing."""
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.models import AwardRecord, CouncilMember
from awards.voting import members_in_force
from campaigns.models import Plan, ReportingPeriod, UnitReport
from emulation.documents.models import IssuedDocument
from emulation.documents.verification import check_signatures
from emulation.models import Agency, User
from emulation.tests import test_words
from reports.models import SummaryReport, SummaryStatus
import re
from django.test import Client


def _counts():
    return (CouncilMember.objects.count(), Plan.objects.count(), UnitReport.objects.count(), AwardRecord.objects.count(),
            SummaryReport.objects.count())


def test_seed_demo_gives_the_second_agency_figures_and_the_province_its_summaries(demo_data, client):
    counts = _counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert _counts() == counts

    health = Agency.objects.get(abbreviation="SYT")
    council = members_in_force(date(2025, 12, 1), health.pk)
    assert council.count() == 6
    assert set(council.exclude(user=None).values_list("user__username", flat=True)) == {
        "giamdoc.syt", "vanphong.syt", "lanhdao.nvy"}
    assert not CouncilMember.objects.filter(agency=health, user__agency__kind=Agency.Kind.AGENCY).exclude(
        user__agency=health).exists()  # no login of another agency sits in it
    periods = ReportingPeriod.objects.filter(plan__issuer=health)
    assert periods.count() == 2
    assert UnitReport.objects.filter(period__in=periods, status="accepted").count() >= 10

    province = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    issued = SummaryReport.objects.get(issuer=province, kind="half_year", year=2025)
    draft = SummaryReport.objects.get(issuer=province, kind="year", year=2025)
    assert issued.status == SummaryStatus.ISSUED and issued.number_symbol == "01/BC-BTĐKT"
    # Headed by the Ban, signed by its Trưởng Ban with two valid digital signatures (issue 27 items 1, 7).
    assert issued.signer_lines == ["TRƯỞNG BAN"]
    document = IssuedDocument.objects.get(agency=province, symbol="BC-BTĐKT", number=1)
    checks, _ = check_signatures(bytes(document.pdf))
    assert [(check.signer, check.good) for check in checks] == [("Nguyễn Thành Long", True), (province.name, True)]
    assert draft.status == SummaryStatus.DRAFT
    agencies = {row["name"]: row for row in issued.figures["agencies"]}
    assert agencies["SỞ Y TẾ"]["required"] == 12 and agencies["SỞ Y TẾ"]["awards"] >= 5
    assert agencies["SỞ Y TẾ"]["missing"] == 2 and agencies["SỞ Y TẾ"]["late"] == 2
    assert sum(row["required"] for row in agencies.values()) > 12  # the first agency's periods count too

    for username in ("chuyenvien.btd", "chutich"):
        client.force_login(User.objects.get(username=username))
        listing = client.get(reverse("reports:summary_list")).content.decode()
        assert issued.title in listing and draft.title in listing
        assert "BC-STNMT" not in listing  # the first agency's own reports stay its own
        sent_up = client.get(reverse("reports:agency_summary_list")).content.decode()
        assert "01/BC-STNMT" in sent_up  # … and the province reads the one it issued
    client.force_login(User.objects.get(username="vanphong.syt"))
    assert issued.title not in client.get(reverse("reports:summary_list")).content.decode()


@pytest.mark.parametrize("username", ["chuyenvien.btd", "chutich"])
def test_the_province_logins_meet_no_english_and_no_forbidden_link(demo_data, username):
    """The crawl of emulation/tests/test_words.py, as the province's specialist and the Chủ tịch: their
    dashboard, the province's summaries and every page linked from them."""

    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(User.objects.get(username=username))
    phrases = test_words.english_phrases()
    pattern = re.compile(r"(?<![\w%])(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                         + r")(?!\w)")
    pages, forbidden = test_words.crawl(client, limit=80)
    assert "/reports/dashboard/" in pages and "Bảng điều hành của tỉnh" in pages["/reports/dashboard/"]
    assert forbidden == []
    found = {url: sorted(set(pattern.findall(text))) for url, text in pages.items()}
    assert {url: words for url, words in found.items() if words} == {}

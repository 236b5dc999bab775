"""Issue 31 §8: each submitted version of a unit report opens as it was submitted, with its files, and any
two compare."""
import pytest
from django.urls import reverse

from campaigns import reporting, workflow
from campaigns.models import Evidence
from emulation.tests.files import upload

pytestmark = pytest.mark.django_db


def _item(report):
    return report.items.order_by("item__order", "item_id").first().item_id


def _save(report, actor, text, files=()):
    item = _item(report)
    reporting.save_draft(report, reporting.DraftChanges(
        sections={"results": text}, items={item: {"text": text}}, targets={}, files=[(item, f) for f in files]),
        version=report.version, actor=actor)


@pytest.fixture
def twice(land_report, land_head, office_user):
    """Submitted with 100 and a file, returned, the file deleted, submitted again with 120."""
    _save(land_report, land_head, "Đã giải quyết 100 hồ sơ.", [upload("bien-ban.pdf")])
    workflow.submit_report(land_report, actor=land_head)
    workflow.return_report(land_report, actor=office_user, reason="Số liệu chưa khớp", items_to_fix={_item(land_report): ""})
    reporting.delete_evidence(Evidence.objects.get(report=land_report), actor=land_head)
    _save(land_report, land_head, "Đã giải quyết 120 hồ sơ.", [upload("bien-ban-moi.pdf")])
    workflow.submit_report(land_report, actor=land_head)
    return land_report


def test_the_first_submission_opens_as_it_was_submitted(office_client, twice):
    response = office_client.get(reverse("campaigns:report_version", args=[twice.pk, 1]))
    html = response.content.decode()
    assert "Đã giải quyết 100 hồ sơ." in html and "Đã giải quyết 120 hồ sơ." not in html
    [row] = [row for row in response.context["items"] if row.files]
    assert [(name, file) for name, file in row.files] == [("bien-ban.pdf", None)]  # deleted since
    assert "đã bị xoá sau đó" in html


def test_the_second_submission_links_its_kept_file(office_client, twice):
    response = office_client.get(reverse("campaigns:report_version", args=[twice.pk, 2]))
    [row] = [row for row in response.context["items"] if row.files]
    [(name, file)] = row.files
    assert (name, file.original_name) == ("bien-ban-moi.pdf", "bien-ban-moi.pdf")
    assert reverse("campaigns:evidence_download", args=[file.pk]) in response.content.decode()


def test_two_submissions_compare_older_to_newer_whichever_is_opened(office_client, twice):
    response = office_client.get(reverse("campaigns:report_version", args=[twice.pk, 2]), {"with": 1})
    changes = [(c.old, c.new) for c in response.context["changes"]]
    assert ("Đã giải quyết 100 hồ sơ.", "Đã giải quyết 120 hồ sơ.") in changes
    assert ("bien-ban.pdf", "bien-ban-moi.pdf") in changes


def test_the_report_page_links_each_version(office_client, twice):
    html = office_client.get(reverse("campaigns:report_detail", args=[twice.pk])).content.decode()
    for number in (1, 2):
        assert reverse("campaigns:report_version", args=[twice.pk, number]) in html


def test_a_version_that_does_not_exist_is_not_found(office_client, twice):
    assert office_client.get(reverse("campaigns:report_version", args=[twice.pk, 3])).status_code == 404


def test_another_units_head_cannot_open_a_version(env_head, client, twice):
    client.force_login(env_head)
    assert client.get(reverse("campaigns:report_version", args=[twice.pk, 1])).status_code == 404

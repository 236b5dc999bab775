"""The eligibility of a whole round as one background job (issue 17): the Office starts it from the round's
page, the worker checks every nomination set-wise and stores the verdicts, the page follows the progress,
and the nomination list shows each nomination's stored eligibility without computing it per request."""
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.urls import reverse

from awards import jobs
from awards.eligibility import evaluate_nomination
from awards.catalogue_data import load
from awards.models import AwardType, EligibilityCheck, Evaluation, Nomination, Rule, RuleSet
from awards.tests.factories import EvaluationFactory, NominationFactory, RoundFactory, award
from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import run_job
from emulation.models import Agency, Role
from emulation.tests.factories import UserFactory
from emulation.workflow import TransitionError
from datetime import timedelta
from django.utils import timezone
from emulation.jobs.runner import rerun_job

pytestmark = pytest.mark.django_db
L = Evaluation.Level


def _round(org, staff_in, count=3):
    """A round of `count` LĐTT nominations: the last one of a person who joined this year (not eligible)."""
    round_ = RoundFactory()
    people = [staff_in(org.land, employed_since=date(2015, 1, 1)) for _ in range(count)]
    people[-1].employed_since = date(round_.year, 9, 1)
    people[-1].save()
    for person in people:
        EvaluationFactory(staff=person, year=round_.year, level=L.GOOD)
    nominations = [NominationFactory(round=round_, staff=p, award_type=award("LDTT")) for p in people]
    return round_, nominations


def _start(client, round_):
    return client.post(reverse("awards:round_eligibility", args=[round_.pk]))


def test_the_office_click_queues_one_job_and_the_page_shows_it_waiting(office_client, org, staff_in):
    round_, _nominations = _round(org, staff_in)

    response = _start(office_client, round_)

    job = Job.objects.get()
    assert (job.kind, job.status, job.params) == (jobs.ELIGIBILITY_KIND, JobStatus.QUEUED, {"round": round_.pk})
    assert response["Location"] == reverse("awards:round_eligibility", args=[round_.pk]) + f"?job={job.pk}#job"
    page = office_client.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in page and "đang chờ bộ xử lý nền" in page
    assert "chưa được kiểm tra" in page  # nothing stored yet
    assert not EligibilityCheck.objects.exists()
    # A second click while it waits is refused with a message; still one job.
    refused = _start(office_client, round_)
    assert "đang được kiểm tra" in " ".join(m.message for m in refused.wsgi_request._messages)
    assert Job.objects.count() == 1


def test_the_worker_stores_every_verdict_and_the_list_shows_them(office_client, org, staff_in,
                                                                   django_assert_num_queries):
    round_, nominations = _round(org, staff_in)
    _start(office_client, round_)
    job = Job.objects.get()

    assert run_job.call(job.pk) == "done"  # what the worker (manage.py run_worker) runs

    job.refresh_from_db()
    stored = {c.nomination_id: c for c in EligibilityCheck.objects.all()}
    assert [stored[n.pk].eligible for n in nominations] == [True, True, False]
    for n in nominations:  # the same verdict as the nomination's own page computes
        verdict = evaluate_nomination(n)
        assert stored[n.pk].failed == [str(check.requirement) for check in verdict.failed]
    assert (job.status, job.progress, job.result_url) == (
        JobStatus.DONE, 100, reverse("awards:nomination_list") + f"?round={round_.pk}")
    fragment = office_client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"})
    assert fragment["HX-Refresh"] == "true" and 'data-testid="job-result"' in fragment.content.decode()
    page = office_client.get(reverse("awards:round_eligibility", args=[round_.pk])).content.decode()
    assert "2 đề nghị đủ điều kiện" in page and "1 đề nghị không đủ điều kiện" in page
    response = office_client.get(reverse("awards:nomination_list"), {"round": round_.pk})
    cells = {n.pk: n.eligibility_check.eligible for n in response.context["page"]}
    assert cells == {nominations[0].pk: True, nominations[1].pk: True, nominations[2].pk: False}
    html = response.content.decode()
    assert html.count("Đủ điều kiện</span>") == 2 and html.count("Không đủ điều kiện</span>") == 1


@pytest.mark.parametrize("rows", [1, 3])
def test_the_list_reads_the_stored_eligibility_with_the_same_queries_for_1_and_3(office_client, office_user, org, staff_in,
                                                                                rows, django_assert_num_queries):
    round_, nominations = _round(org, staff_in, count=rows)
    assert run_job.call(jobs.start_round_check(round_, office_user).pk) == "done"
    with django_assert_num_queries(6):  # the list's six (no quota here); the stored checks come in its page query
        response = office_client.get(reverse("awards:nomination_list"))
    shown = sorted((n.nominee_name, n.eligibility_check.eligible) for n in response.context["page"])
    assert shown == sorted((n.staff.full_name, n is not nominations[-1]) for n in nominations)


def test_the_check_costs_the_same_queries_for_1_and_3_nominations(office_user, org, staff_in, django_assert_num_queries):
    small, _ = _round(org, staff_in, count=1)
    large, _ = _round(org, staff_in, count=3)
    counts = []
    for round_ in (small, large):
        job = jobs.start_round_check(round_, office_user)
        with CaptureQueriesContext(connection) as captured:
            assert run_job.call(job.pk) == "done"
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert EligibilityCheck.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_db_worker_runs_the_queued_check(org, staff_in, make_user):
    # A transactional test starts from whatever an earlier one flushed: the catalogue (a data migration)
    # is loaded again, as the browser tests do.
    if not AwardType.objects.exists():
        load(AwardType, RuleSet, Rule)
    office = make_user(Role.OFFICE)
    round_, nominations = _round(org, staff_in, count=2)
    job = jobs.start_round_check(round_, office)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED

    call_command("run_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE
    assert dict(EligibilityCheck.objects.values_list("nomination_id", "eligible")) == {
        nominations[0].pk: True, nominations[1].pk: False}


@pytest.mark.parametrize("who", ["director", "unit_head", "council"])
def test_only_the_office_starts_the_check(client, org, staff_in, make_user, who):
    round_, _ = _round(org, staff_in)
    role = {"director": Role.DIRECTOR, "unit_head": Role.UNIT_HEAD, "council": Role.COUNCIL}[who]
    client.force_login(make_user(role, unit=org.land if who == "unit_head" else None))
    response = _start(client, round_)
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_the_office_of_another_agency_cannot_check_or_see_the_round(client, org, staff_in):
    round_, _ = _round(org, staff_in)
    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    client.force_login(UserFactory(role=Role.OFFICE, agency=health))
    assert _start(client, round_).status_code == 404
    assert client.get(reverse("awards:round_eligibility", args=[round_.pk])).status_code == 404
    with pytest.raises(TransitionError, match="không có quyền"):
        with translation.override("vi"):
            jobs.start_round_check(round_, UserFactory(role=Role.OFFICE, agency=health))
    assert not Job.objects.exists()


def test_a_round_without_nominations_is_refused_with_a_message(office_client):
    round_ = RoundFactory()
    response = _start(office_client, round_)
    assert "không có đề nghị" in " ".join(m.message for m in response.wsgi_request._messages)
    assert not Job.objects.exists()


def test_the_job_refuses_when_its_owner_is_no_longer_the_office(office_user, org, staff_in):
    round_, _ = _round(org, staff_in)
    job = jobs.start_round_check(round_, office_user)
    office_user.role = Role.STAFF
    office_user.save()
    assert run_job.call(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error and not EligibilityCheck.objects.exists()
    assert Nomination.objects.filter(round=round_).count() == 3


def test_a_round_whose_check_lost_its_worker_can_be_checked_again(office_client, office_user, org, staff_in):
    """Issue 24: a worker killed while checking left the round "being checked" for ever."""


    round_, _nominations = _round(org, staff_in)
    _start(office_client, round_)
    dead = Job.objects.get()
    Job.objects.filter(pk=dead.pk).update(status=JobStatus.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1))

    _start(office_client, round_)

    dead.refresh_from_db()
    again = Job.objects.exclude(pk=dead.pk).get()
    assert (dead.status, again.status, again.params) == (JobStatus.FAILED, JobStatus.QUEUED, {"round": round_.pk})
    assert run_job.call(again.pk) == "done"


def test_the_owner_reruns_a_failed_round_check_through_the_same_checks(office_client, office_user, org, staff_in):

    round_, _nominations = _round(org, staff_in)
    _start(office_client, round_)
    failed = Job.objects.get()
    Job.objects.filter(pk=failed.pk).update(status=JobStatus.FAILED)
    failed.refresh_from_db()
    pending = jobs.start_round_check(round_, office_user)  # meanwhile started again by the button

    with pytest.raises(TransitionError, match="đang được kiểm tra"):
        rerun_job(failed, office_user)
    assert set(Job.objects.values_list("pk", flat=True)) == {failed.pk, pending.pk}

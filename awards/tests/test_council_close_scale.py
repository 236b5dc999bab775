"""Closing a large council session (issue 17): the results are counted and recorded set-wise (a query count
that does not grow with the agenda), and above COUNCIL_CLOSE_BACKGROUND nominations the close runs in the
background with its progress on the session's page."""
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import jobs
from awards.models import CouncilSession, Nomination, NominationVote
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RoundFactory, award
from awards.voting import cast_vote, close_session, open_session
from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import run_job
from emulation.models import Agency, Role, TimelineEntry
from emulation.tests.factories import UserFactory
from emulation.workflow import TransitionError

pytestmark = pytest.mark.django_db
S = Nomination.Status
DAY = date(2025, 12, 5)


@pytest.fixture
def council(db):
    return [CouncilMemberFactory() for _ in range(5)]


def _session(org, staff_in, council, count, agreeing=4):
    """A session of `count` LĐTT nominations, every member present; each nomination gets `agreeing` votes for
    and the rest against, the last one only two (it does not pass)."""
    round_ = RoundFactory()
    agenda = [NominationFactory(round=round_, staff=staff_in(org.land), award_type=award("LDTT"), status=S.CHECKED)
              for _ in range(count)]
    session = open_session(round=round_, held_on=DAY, agenda=agenda, present=council)
    for index, nomination in enumerate(agenda):
        agree = 2 if index == count - 1 and count > 1 else agreeing
        for number, member in enumerate(council):
            cast_vote(session, nomination, member, agrees=number < agree)
    return CouncilSession.objects.get(pk=session.pk), agenda


def test_closing_costs_the_same_queries_for_1_and_3_nominations(org, staff_in, council, office_user):
    counts = []
    for count in (1, 3):
        session, agenda = _session(org, staff_in, council, count)
        ContentType.objects.clear_cache()  # both closes look the content types up
        with CaptureQueriesContext(connection) as captured:
            close_session(session, office_user)
        counts.append(len(captured))
        votes = {v.nomination_id: v for v in NominationVote.objects.filter(session=session)}
        assert [votes[n.pk].passed for n in agenda] == ([True] if count == 1 else [True, True, False])
        assert [(votes[n.pk].votes_for, votes[n.pk].votes_against) for n in agenda][-1] == ((4, 1) if count == 1 else (2, 3))
        assert set(Nomination.objects.filter(pk__in=[n.pk for n in agenda]).values_list("status", flat=True)) == {S.VOTED}
        entries = TimelineEntry.objects.filter(action="record_vote", object_id__in=[n.pk for n in agenda])
        assert entries.count() == count and all(e.data["needed"] == 3 for e in entries)
    assert counts[0] == counts[1], counts


def _close(client, session):
    return client.post(reverse("awards:session_close", args=[session.pk]))


def test_a_large_session_is_closed_by_the_worker_with_its_progress_on_the_page(office_client, org, staff_in, council,
                                                                             settings):
    settings.COUNCIL_CLOSE_BACKGROUND = 2  # "large": more than two nominations
    session, agenda = _session(org, staff_in, council, 3)

    response = _close(office_client, session)

    job = Job.objects.get()
    assert (job.kind, job.status, job.params) == (jobs.CLOSE_KIND, JobStatus.QUEUED, {"session": session.pk})
    assert response["Location"] == reverse("awards:session_detail", args=[session.pk]) + f"?job={job.pk}#job"
    session.refresh_from_db()
    assert not session.is_closed and not NominationVote.objects.exists()  # nothing done in the request
    page = office_client.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in page
    assert reverse("awards:session_close", args=[session.pk]) not in page  # no second click while it waits
    refused = _close(office_client, session)
    assert "đang được kết thúc" in " ".join(m.message for m in refused.wsgi_request._messages)
    assert Job.objects.count() == 1

    assert run_job.call(job.pk) == "done"  # what the worker (manage.py run_worker) runs

    job.refresh_from_db()
    session.refresh_from_db()
    assert session.is_closed
    assert [v.passed for v in NominationVote.objects.filter(session=session).order_by("nomination_id")] == [True, True, False]
    assert job.filename.endswith(".pdf") and bytes(job.result).startswith(b"%PDF")  # the archived minutes
    page = office_client.get(reverse("awards:session_detail", args=[session.pk]) + f"?job={job.pk}").content.decode()
    assert 'data-testid="closed"' in page and 'data-testid="job-download"' in page


def test_a_small_session_is_still_closed_in_the_request(office_client, org, staff_in, council, settings):
    settings.COUNCIL_CLOSE_BACKGROUND = 3
    session, _agenda = _session(org, staff_in, council, 3)
    _close(office_client, session)
    session.refresh_from_db()
    assert session.is_closed and not Job.objects.exists()


def test_the_worker_refuses_a_close_without_quorum_and_leaves_the_session_open(office_user, org, staff_in, council):
    session, agenda = _session(org, staff_in, council, 1)
    session.present.set(council[:2])  # two of five: no quorum
    job = jobs.start_close(session, office_user)
    assert run_job.call(job.pk) == "failed"
    job.refresh_from_db()
    session.refresh_from_db()
    assert job.error == "Không đủ số thành viên dự họp: 2/5 có mặt, cần 4."
    assert not session.is_closed and not NominationVote.objects.exists()


@pytest.mark.parametrize("who", ["director", "council", "other_agency"])
def test_only_the_office_of_the_agency_may_queue_a_close(client, org, staff_in, council, settings, who):
    settings.COUNCIL_CLOSE_BACKGROUND = 0
    session, _agenda = _session(org, staff_in, council, 1)
    if who == "other_agency":
        health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
        user = UserFactory(role=Role.OFFICE, agency=health)
    else:
        user = UserFactory(role=Role.DIRECTOR if who == "director" else Role.COUNCIL)
    client.force_login(user)
    assert _close(client, session).status_code == (404 if who == "other_agency" else 403)
    with pytest.raises(TransitionError, match="không có quyền"):
        jobs.start_close(session, user)
    assert not Job.objects.exists()

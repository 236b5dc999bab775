"""Awards read the rest of the cycle: rounds of a plan, accepted unit reports, evaluations entered by hand."""
import pytest
from django.urls import reverse

from awards.models import AwardRound, Evaluation, Nomination
from awards.tests.factories import RoundFactory, award
from campaigns.models import PlanStatus, ReportStatus
from campaigns.reporting import start_report
from campaigns.tests.factories import PlanFactory
from awards.tests.factories import RecordFactory
from emulation.models import Role

pytestmark = pytest.mark.django_db


def _round_data(**extra):
    return {"name": "Tổng kết phong trào 2021-2025", "kind": "thematic", "year": 2025,
            "opens_on": "01/11/2025", "closes_on": "15/12/2025", "is_open": "on", **extra}


def test_office_ties_a_thematic_round_to_an_issued_plan(office_client, issued_plan):
    response = office_client.post(reverse("awards:round_create"), _round_data(plan=issued_plan.pk))
    assert response.status_code == 302
    assert AwardRound.objects.get().plan == issued_plan
    listing = office_client.get(reverse("awards:round_list")).content.decode()
    assert reverse("campaigns:plan_detail", args=[issued_plan.pk]) in listing


def test_round_cannot_be_tied_to_a_draft_plan(office_client, org):
    draft = PlanFactory(status=PlanStatus.DRAFT)
    response = office_client.post(reverse("awards:round_create"), _round_data(plan=draft.pk))
    assert "plan" in response.context["form"].errors
    assert AwardRound.objects.count() == 0


def _nominate(client, person, **extra):
    return client.post(reverse("awards:nomination_create"), {
        "round": RoundFactory().pk, "award_type": award("LDTT").pk, "staff": person.pk,
        "achievements": "Hoàn thành tốt nhiệm vụ.", **extra,
    })


def test_nomination_links_an_accepted_report_of_the_unit(land_head_client, land_report, office_user, org, staff_in):
    land_report.status = ReportStatus.ACCEPTED
    land_report.save()
    response = _nominate(land_head_client, staff_in(org.land), reports=[land_report.pk])
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert list(nomination.reports.all()) == [land_report]
    detail = land_head_client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert reverse("campaigns:report_detail", args=[land_report.pk]) in detail


def test_nomination_refuses_a_report_not_yet_accepted(land_head_client, land_report, org, staff_in):
    response = _nominate(land_head_client, staff_in(org.land), reports=[land_report.pk])
    assert "reports" in response.context["form"].errors
    assert Nomination.objects.count() == 0


def test_nomination_refuses_another_units_report(land_head_client, period, env_head, org, staff_in):
    other = start_report(period, org.env, actor=env_head)
    other.status = ReportStatus.ACCEPTED
    other.save()
    response = _nominate(land_head_client, staff_in(org.land), reports=[other.pk])
    assert "reports" in response.context["form"].errors


def test_office_enters_a_yearly_evaluation(office_client, org, staff_in):
    person = staff_in(org.land)
    response = office_client.post(reverse("awards:record_create", args=["evaluation"]), {
        "staff": person.pk, "year": 2025, "level": Evaluation.Level.EXCELLENT,
    })
    assert response.status_code == 302
    assert Evaluation.objects.get().level == Evaluation.Level.EXCELLENT


def test_evaluation_needs_exactly_one_subject(office_client, org, staff_in):
    response = office_client.post(reverse("awards:record_create", args=["evaluation"]), {
        "staff": staff_in(org.land).pk, "unit": org.land.pk, "year": 2025, "level": Evaluation.Level.GOOD,
    })
    assert response.context["form"].non_field_errors()
    assert Evaluation.objects.count() == 0


def test_second_evaluation_of_the_same_year_is_refused(office_client, org, staff_in):
    person = staff_in(org.land)
    Evaluation.objects.create(staff=person, year=2025, level=Evaluation.Level.GOOD)
    response = office_client.post(reverse("awards:record_create", args=["evaluation"]), {
        "staff": person.pk, "year": 2025, "level": Evaluation.Level.EXCELLENT,
    })
    assert response.status_code == 200
    assert Evaluation.objects.get().level == Evaluation.Level.GOOD


def test_unit_head_cannot_enter_evaluations(land_head_client, org, staff_in):
    response = land_head_client.post(reverse("awards:record_create", args=["evaluation"]), {
        "staff": staff_in(org.land).pk, "year": 2025, "level": Evaluation.Level.EXCELLENT,
    })
    assert response.status_code == 403
    assert Evaluation.objects.count() == 0


def test_staff_member_reads_own_award_history_from_home(client, org, make_user, staff_in):
    user = make_user(Role.STAFF, unit=org.land)
    own = staff_in(org.land, user=user)
    RecordFactory(staff=own, award_type=award("LDTT"), year=2024)
    client.force_login(user)
    tasks = {task.title: task.url for task in client.get(reverse("home")).context["tasks"]}
    response = client.get(tasks["Khen thưởng của tôi"])
    assert [record.year for record in response.context["records"]] == [2024]


def test_staff_member_cannot_read_a_colleagues_award_history(client, org, make_user, staff_in):
    user = make_user(Role.STAFF, unit=org.land)
    staff_in(org.land, user=user)
    colleague = staff_in(org.land)
    client.force_login(user)
    assert client.get(reverse("awards:person_history", args=[colleague.pk])).status_code == 404

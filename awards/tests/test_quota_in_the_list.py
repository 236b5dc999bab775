"""Issue 13 §3: a quota is the Department's own rule (a warning), shown in the list of nominations."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from awards.demo import DEPARTMENT_QUOTA
from awards.models import AwardType, Nomination
from awards.tests.factories import NominationFactory, RoundFactory, award
from awards.models import Disclosure
from emulation.models import User

pytestmark = pytest.mark.django_db


def _quota(percent=50):
    cstdcs = award("CSTDCS")
    cstdcs.quota_percent, cstdcs.quota_base, cstdcs.quota_basis = percent, award("LDTT"), "Quy chế nội bộ của Sở"
    cstdcs.save()


@pytest.mark.parametrize("rows", [1, 3])
def test_the_list_warns_of_the_quota_with_the_same_queries_for_1_and_3(office_client, org, staff_in, rows,
                                                                       django_assert_num_queries):
    cstdcs = award("CSTDCS")
    cstdcs.quota_percent, cstdcs.quota_basis = 50, "Quy chế nội bộ của Sở"  # 50 % of the unit's headcount
    cstdcs.save()
    round_ = RoundFactory()
    people = [staff_in(org.land) for _ in range(rows)]
    for _ in range(4 - rows):
        staff_in(org.land_team)  # four people in the unit's subtree either way: at most 2
    for person in people:
        NominationFactory(round=round_, staff=person, award_type=cstdcs)
    with django_assert_num_queries(8):  # the list's six, a grouped count and the headcounts for the quotas
        response = office_client.get(reverse("awards:nomination_list"))
    assert len(response.context["page"]) == rows
    warned = [n.nominee_name for n in response.context["page"] if n.quota_warning]
    assert sorted(warned) == ([] if rows == 1 else sorted(p.full_name for p in people))


def test_the_warning_names_the_departments_rule_not_the_law(office_client, org, staff_in):
    _quota()
    round_ = RoundFactory()
    people = [staff_in(org.land) for _ in range(2)]
    NominationFactory(round=round_, staff=people[0], award_type=award("LDTT"))
    NominationFactory(round=round_, staff=people[1], award_type=award("CSTDCS"))
    NominationFactory(round=round_, staff=people[0], award_type=award("CSTDCS"))
    with translation.override("vi"):
        page = office_client.get(reverse("awards:nomination_list"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Vượt tỷ lệ nội bộ (Quy chế nội bộ của Sở): 2 đề nghị Chiến sĩ thi đua cơ sở" in page
    assert "Không phải điều kiện của pháp luật" in page


def test_the_unit_head_sees_the_warning_of_their_own_nominations(land_head_client, org, staff_in):
    _quota()
    round_ = RoundFactory()
    mine = staff_in(org.land)
    NominationFactory(round=round_, staff=mine, award_type=award("CSTDCS"))
    other = NominationFactory(round=round_, staff=staff_in(org.env), award_type=award("CSTDCS"))
    page = land_head_client.get(reverse("awards:nomination_list"))
    assert [n.nominee_name for n in page.context["page"] if n.quota_warning] == [mine.full_name]
    assert other.staff.full_name not in page.content.decode()


def test_the_demo_has_the_quota_warning_a_published_list_and_the_qualification_page(demo_data, client):
    """Issue 13 §3 in the demo: the internal quota warned in the list, the round's published list with an
    answered comment, and the qualification page with its one-click buttons for a unit head."""
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    disclosure = Disclosure.objects.get()
    # a staff member's comment and a citizen's from the public page (issue 31 §11), both answered
    assert disclosure.entries and [bool(comment.answer) for comment in disclosure.comments.all()] == [True, True]
    client.force_login(User.objects.get(username="lanhdao.qldd"))
    page = client.get(reverse("awards:qualification"))
    assert page.context["year"] == 2025
    assert any(line.can_start for line in page.context["lines"])
    assert "Chiến sĩ thi đua cơ sở" in page.content.decode()
    assert AwardType.objects.get(code="CSTDCS").quota_basis == DEPARTMENT_QUOTA
    client.force_login(__import__("emulation.models", fromlist=["User"]).User.objects.get(username="vanphong"))
    page = client.get(reverse("awards:nomination_list"), {"round": Nomination.objects.filter(
        award_type__code="CSTDCS").values_list("round", flat=True).first()})
    assert any(n.quota_warning for n in page.context["page"])

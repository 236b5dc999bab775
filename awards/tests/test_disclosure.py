"""Issue 13 §3: public disclosure before the decision; staff comments the Office answers before issuing."""
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.decisions import issue_decision
from awards.disclosure import publish
from awards.models import Disclosure, DisclosureComment, Nomination
from awards.tests.factories import NominationFactory, RoundFactory, award
from emulation.models import Notification, Role
from emulation.workflow import TransitionError

pytestmark = pytest.mark.django_db
S = Nomination.Status


@pytest.fixture
def listed(org, staff_in):
    round_ = RoundFactory()
    approved = NominationFactory(round=round_, staff=staff_in(org.land, full_name="Lê Văn Được"), award_type=award("LDTT"))
    Nomination.objects.filter(pk=approved.pk).update(status=S.APPROVED)
    NominationFactory(round=round_, staff=staff_in(org.env, full_name="Người Nháp"), award_type=award("LDTT"))
    approved.refresh_from_db()
    return round_, approved


def test_the_office_publishes_the_list_and_everyone_is_notified(office_client, office_user, make_user, org, listed):
    round_, approved = listed
    staff = make_user(Role.STAFF, unit=org.env)
    response = office_client.post(reverse("awards:disclosure_create"), {"round": round_.pk, "days": 7, "note": ""})
    disclosure = Disclosure.objects.get()
    assert response.url == reverse("awards:disclosure_detail", args=[disclosure.pk])
    assert disclosure.entries == [{"nominee": "Lê Văn Được", "unit": org.land.name, "award": "Lao động tiên tiến"}]
    assert disclosure.ends_on == timezone.localdate() + timedelta(days=6)
    assert set(Notification.objects.filter(event_key=f"disclosure:{disclosure.pk}").values_list("recipient", flat=True)) \
        >= {staff.pk, office_user.pk}


def test_every_staff_member_reads_the_list_and_comments(client, make_user, org, office_user, listed):
    round_, _approved = listed
    disclosure = publish(round_, days=5, actor=office_user)
    staff = make_user(Role.STAFF, unit=org.env)
    client.force_login(staff)
    page = client.get(reverse("awards:disclosure_detail", args=[disclosure.pk])).content.decode()
    assert "Lê Văn Được" in page and "Người Nháp" not in page
    client.post(reverse("awards:disclosure_comment", args=[disclosure.pk]), {"text": "Đồng chí Được có đơn thư?"})
    comment = DisclosureComment.objects.get()
    assert (comment.author, comment.text) == (staff, "Đồng chí Được có đơn thư?")
    assert Notification.objects.filter(recipient=office_user, event_key=f"disclosure-comment:{comment.pk}").exists()


def test_a_staff_member_sees_only_their_own_comments(client, make_user, org, office_user, listed):
    round_, _approved = listed
    disclosure = publish(round_, days=5, actor=office_user)
    first, second = make_user(Role.STAFF, unit=org.env), make_user(Role.STAFF, unit=org.land)
    DisclosureComment.objects.create(disclosure=disclosure, author=first, text="Phản ánh riêng của người thứ nhất")
    client.force_login(second)
    page = client.get(reverse("awards:disclosure_detail", args=[disclosure.pk])).content.decode()
    assert "Phản ánh riêng" not in page


def test_no_comment_after_the_period(client, make_user, org, office_user, listed):
    round_, _approved = listed
    disclosure = publish(round_, days=3, actor=office_user, today=date(2025, 12, 1))
    client.force_login(make_user(Role.STAFF, unit=org.env))
    client.post(reverse("awards:disclosure_comment", args=[disclosure.pk]), {"text": "Muộn"})
    assert DisclosureComment.objects.count() == 0


def test_an_unanswered_comment_blocks_the_decision_until_the_office_answers(office_client, office_user, make_user, org, listed):
    round_, approved = listed
    disclosure = publish(round_, days=5, actor=office_user)
    author = make_user(Role.STAFF, unit=org.env)
    comment = DisclosureComment.objects.create(disclosure=disclosure, author=author, text="Xin làm rõ thành tích")
    fields = dict(round=round_, nominations=[approved], symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
                  signer_name="Giám đốc", signer_authority="director", summary="Tặng danh hiệu", actor=office_user)
    with pytest.raises(TransitionError, match="đang chờ Văn phòng trả lời"):
        issue_decision(**fields)
    assert Nomination.objects.get(pk=approved.pk).status == S.APPROVED
    office_client.post(reverse("awards:disclosure_answer", args=[comment.pk]), {"text": "Đã xác minh, không có đơn thư."})
    comment.refresh_from_db()
    assert (comment.answer, comment.answered_by) == ("Đã xác minh, không có đơn thư.", office_user)
    assert Notification.objects.filter(recipient=author, event_key=f"disclosure-answer:{comment.pk}").exists()
    issue_decision(**fields)
    assert Nomination.objects.get(pk=approved.pk).status == S.DECIDED


def test_a_comment_is_answered_once(office_client, office_user, listed):
    round_, _approved = listed
    comment = DisclosureComment.objects.create(disclosure=publish(round_, days=5, actor=office_user), text="Hỏi")
    office_client.post(reverse("awards:disclosure_answer", args=[comment.pk]), {"text": "Trả lời một"})
    office_client.post(reverse("awards:disclosure_answer", args=[comment.pk]), {"text": "Trả lời hai"})
    assert DisclosureComment.objects.get().answer == "Trả lời một"


def test_only_the_office_publishes_and_answers(client, make_user, org, office_user, listed):
    round_, _approved = listed
    comment = DisclosureComment.objects.create(disclosure=publish(round_, days=5, actor=office_user), text="Hỏi")
    for role in (Role.STAFF, Role.UNIT_HEAD, Role.DIRECTOR, Role.COUNCIL):
        client.force_login(make_user(role, unit=org.land))
        assert client.post(reverse("awards:disclosure_create"), {"round": round_.pk, "days": 3}).status_code == 403
        assert client.post(reverse("awards:disclosure_answer", args=[comment.pk]), {"text": "x"}).status_code == 403
    assert Disclosure.objects.count() == 1
    assert DisclosureComment.objects.get().answer == ""


def test_anonymous_cannot_read_the_list(client, office_user, listed):
    disclosure = publish(listed[0], days=5, actor=office_user)
    assert client.get(reverse("awards:disclosure_detail", args=[disclosure.pk])).status_code == 302


def test_a_round_without_proposed_awardees_is_not_published(office_user):
    with pytest.raises(TransitionError, match="chưa có gì để công khai"):
        publish(RoundFactory(), days=5, actor=office_user)


@pytest.mark.parametrize("rows", [1, 3])
def test_the_list_of_disclosures_costs_the_same_queries(client, make_user, org, office_user, listed, rows,
                                                        django_assert_num_queries):
    for _ in range(rows):
        publish(listed[0], days=5, actor=office_user)
    client.force_login(make_user(Role.STAFF, unit=org.env))
    with django_assert_num_queries(4):
        response = client.get(reverse("awards:disclosure_list"))
    assert len(response.context["page"]) == rows

"""The awards URLs that had no test (issue 10): each allowed, refused, with a real assertion."""
from datetime import date

import pytest
from django.urls import reverse

from awards.decisions import issue_decision
from awards.models import AwardRecord, AwardRound, AwardType, CouncilSession, Nomination, Registration
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RoundFactory, award
from awards.voting import open_session
from emulation.models import Notification, Role
from emulation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = Nomination.Status


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def registration(org, staff_in):
    registration = Registration.objects.create(unit=org.land, year=2026, collective_title=award("TTLDTT"),
                                               commitment="Hoàn thành xuất sắc")
    registration.lines.create(staff=staff_in(org.land, full_name="Lê Văn Tám"), award_type=award("CSTDCS"))
    return registration


def test_registration_detail_shows_the_lines_and_the_submit_button_to_its_unit_head(land_head_client, registration):
    response = land_head_client.get(reverse("awards:registration_detail", args=[registration.pk]))
    page = response.content.decode()
    assert "Lê Văn Tám" in page and "Hoàn thành xuất sắc" in page
    assert [b.action for b in response.context["buttons"]] == ["submit"]


def test_registration_detail_is_404_for_another_units_head_and_anonymous_goes_to_login(client, env_head, registration):
    url = reverse("awards:registration_detail", args=[registration.pk])
    assert client.get(url).status_code == 302
    assert _login(client, env_head).get(url).status_code == 404


def test_unit_head_edits_a_draft_registration(land_head_client, registration):
    line = registration.lines.get()
    response = land_head_client.post(reverse("awards:registration_edit", args=[registration.pk]), {
        "year": 2026, "collective_title": award("TTLDXS").pk, "commitment": "Phấn đấu tập thể xuất sắc",
        "lines-TOTAL_FORMS": 1, "lines-INITIAL_FORMS": 1, "lines-0-id": line.pk, "lines-0-staff": line.staff_id,
        "lines-0-award_type": award("LDTT").pk, "lines-0-commitment": "",
    })
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.collective_title.code, registration.lines.get().award_type.code) == ("TTLDXS", "LDTT")


def test_registration_edit_is_refused_after_submission_and_to_the_office(land_head_client, client, office_user, registration):
    url = reverse("awards:registration_edit", args=[registration.pk])
    assert _login(client, office_user).get(url).status_code == 403
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.SUBMITTED)
    assert land_head_client.get(url).status_code == 403


def test_decision_detail_lists_its_awardees(office_client, office_user, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land, full_name="Phạm Thị Hồng Nhung"), status=S.APPROVED)
    decision = issue_decision(round=nomination.round, nominations=[nomination], symbol="QĐ-STNMT",
                              signed_on=date(2025, 12, 20), signer_name="Nguyễn Đức Trung", signer_authority="director",
                              summary="Tặng danh hiệu", actor=office_user)
    response = office_client.get(reverse("awards:decision_detail", args=[decision.pk]))
    assert [n.pk for n in response.context["awardees"]] == [nomination.pk]
    assert "01/QĐ-STNMT" in response.content.decode()


def test_decision_detail_is_refused_to_a_unit_head(land_head_client, office_user, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land), status=S.APPROVED)
    decision = issue_decision(round=nomination.round, nominations=[nomination], symbol="QĐ-STNMT",
                              signed_on=date(2025, 12, 20), signer_name="A", signer_authority="director", summary="x",
                              actor=office_user)
    assert land_head_client.get(reverse("awards:decision_detail", args=[decision.pk])).status_code == 403


def test_office_records_the_provinces_award_of_a_forwarded_nomination(office_client, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land), status=S.FORWARDED)
    office_client.post(reverse("awards:nomination_outcome", args=[nomination.pk]), {
        "awarded": "1", "decision_number": "123/QĐ-UBND", "decision_date": "10/01/2026",
    })
    assert Nomination.objects.get(pk=nomination.pk).status == S.DECIDED
    assert AwardRecord.objects.get().decision_number == "123/QĐ-UBND"


def test_the_provinces_outcome_is_refused_to_the_unit_head_and_to_another_unit(land_head_client, client, env_head, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land), status=S.FORWARDED)
    url = reverse("awards:nomination_outcome", args=[nomination.pk])
    assert land_head_client.post(url, {"awarded": "1"}).status_code == 403
    assert _login(client, env_head).post(url, {"awarded": "1"}).status_code == 404
    assert Nomination.objects.get(pk=nomination.pk).status == S.FORWARDED
    assert not AwardRecord.objects.exists()


def test_office_adds_an_award_type_to_the_catalogue(office_client):
    response = office_client.post(reverse("awards:award_type_create"), {
        "code": "BK_SO", "name": "Bằng khen thử", "category": "form", "level": "department", "subject": "individual",
        "authority": "in_house", "deciding_body": "Giám đốc Sở", "vote_threshold": 50, "quorum_numerator": 2,
        "quorum_denominator": 3, "legal_basis": "Luật TĐKT", "dossier_documents": "", "order": 999, "active": "on",
    })
    assert response.status_code == 302, response.context["form"].errors
    assert AwardType.objects.get(code="BK_SO").name == "Bằng khen thử"


def test_award_type_create_is_refused_to_the_director(client, director_user):
    assert _login(client, director_user).get(reverse("awards:award_type_create")).status_code == 403


def test_office_edits_a_round(office_client):
    round_ = RoundFactory()
    response = office_client.post(reverse("awards:round_edit", args=[round_.pk]), {
        "name": "Đợt đã đổi tên", "kind": "regular", "year": 2025, "opens_on": "01/11/2025", "closes_on": "15/12/2025",
    })
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.name, round_.is_open) == ("Đợt đã đổi tên", False)


def test_round_edit_is_refused_to_a_council_member(client, make_user):
    round_ = RoundFactory()
    assert _login(client, make_user(Role.COUNCIL)).get(reverse("awards:round_edit", args=[round_.pk])).status_code == 403


def test_office_opens_a_council_session_with_the_waiting_nominations_of_the_types_chosen(
        office_client, org, staff_in, mailoutbox, mail_queue):
    round_ = RoundFactory()
    members = [CouncilMemberFactory(user=UserFactory(email=f"tv{n}@example.vn")) for n in range(3)]
    CouncilMemberFactory(valid_from=date(2026, 1, 1))  # joins later: not counted
    chosen = NominationFactory(round=round_, staff=staff_in(org.land), award_type=award("CSTDCS"), status=S.CHECKED)
    NominationFactory(round=round_, staff=staff_in(org.land), award_type=award("LDTT"), status=S.CHECKED)
    NominationFactory(round=round_, staff=staff_in(org.land), award_type=award("CSTDCS"), status=S.SUBMITTED)
    with mail_queue():
        response = office_client.post(reverse("awards:session_create"), {
            "round": round_.pk, "held_on": "05/12/2025", "place": "Phòng họp", "award_types": [award("CSTDCS").pk],
        })
    session = CouncilSession.objects.get()
    assert response.status_code == 302
    assert (session.round, session.total_members, list(session.agenda.all())) == (round_, 3, [chosen])
    assert sorted(m.to[0] for m in mailoutbox if m.to[0].startswith("tv")) == sorted(m.user.email for m in members)
    assert Notification.objects.filter(recipient=members[0].user, link=reverse("awards:session_detail", args=[session.pk])).exists()


def test_a_session_cannot_be_opened_with_nothing_to_vote_on(office_client):
    round_ = RoundFactory()
    CouncilMemberFactory()
    response = office_client.post(reverse("awards:session_create"), {"round": round_.pk, "held_on": "05/12/2025"})
    assert response.status_code == 200 and not CouncilSession.objects.exists()
    assert "Không có đề nghị nào" in response.content.decode()


def test_session_create_is_refused_to_a_unit_head(land_head_client):
    assert land_head_client.get(reverse("awards:session_create")).status_code == 403


def test_session_detail_shows_the_office_the_agenda_with_the_paper_ballots_form(office_client, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land, full_name="Đỗ Thị Mai"), status=S.CHECKED)
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination], present=[CouncilMemberFactory()])
    response = office_client.get(reverse("awards:session_detail", args=[session.pk]))
    assert [n.pk for n in response.context["rows"]] == [nomination.pk]
    assert "Đỗ Thị Mai" in response.content.decode()
    assert reverse("awards:session_paper", args=[session.pk, nomination.pk]) in response.content.decode()


def test_session_detail_is_refused_to_a_unit_head_and_shows_a_council_member_no_office_form(land_head_client, client, make_user, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land), status=S.CHECKED)
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination], present=[CouncilMemberFactory()])
    url = reverse("awards:session_detail", args=[session.pk])
    assert land_head_client.get(url).status_code == 403
    page = _login(client, make_user(Role.COUNCIL)).get(url)
    assert [n.pk for n in page.context["rows"]] == [nomination.pk]
    assert reverse("awards:session_paper", args=[session.pk, nomination.pk]) not in page.content.decode()
    assert AwardRound.objects.count() == 1

"""The province level (issue 16, stage B): what an agency forwards reaches its provincial standing body
electronically; the province checks it (thẩm định), the Chủ tịch decides in the province's name, and the
award lands in the history of the forwarding agency's person. A province's login reaches only what was
forwarded to it; an agency's login reaches none of the province's pages."""
import io
from datetime import date

import pytest
from docx import Document
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.documents import proposal_document, write
from awards.forwarding import FORWARDING_WORKFLOW, decision_file, issue_province_decision
from awards.models import AwardRecord, CouncilSession, DossierFile, Forwarding, Nomination, NominationVote, ProvinceDecision
from awards.tests.factories import (
    CouncilMemberFactory, NominationFactory, RecordFactory, RoundFactory, award, council_passed,
)
from awards.voting import cast_vote, close_session, open_agenda, open_session
from awards.workflow import act
from emulation.documents import next_number
from emulation.documents.tests.pdftools import pdf_text
from emulation.models import Agency, Notification, Role
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from emulation.workflow import TransitionError
from awards.workflow import NOMINATION_WORKFLOW
from awards.documents import minutes_pdf
from awards.models import VoteCast
import awards.receipt as receipt_module

F = Forwarding.Status
S = Nomination.Status
PDF = b"%PDF-1.4\n% test\n"


class World:
    pass


@pytest.fixture
def world(db, org, office_user, director_user):
    """The first agency (the org's Department) and Sở Y tế both forward to Ban TĐKT; a second province exists."""
    w = World()
    w.province = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN THI ĐUA - KHEN THƯỞNG",
                                       parent_authority="SỞ NỘI VỤ TỈNH QUẢNG NGÃI", abbreviation="BTĐKT",
                                       place="Quảng Ngãi", head_title="TRƯỞNG BAN")
    w.first = Agency.objects.primary()
    w.first.province = w.province
    w.first.save()
    w.health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation="SYT",
                                     place="Quảng Ngãi", province=w.province)
    w.health_unit = UnitFactory(code="SYT-NVY", name="Phòng Nghiệp vụ Y",
                                parent=UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=w.health))
    w.health_office = UserFactory(username="vanphong.syt", role=Role.OFFICE, agency=w.health)
    w.health_director = UserFactory(username="giamdoc.syt", role=Role.DIRECTOR, agency=w.health)
    w.specialist = UserFactory(username="chuyenvien.btd", role=Role.OFFICE, agency=w.province)
    w.chairman = UserFactory(username="chutich", role=Role.DIRECTOR, agency=w.province, first_name="Minh",
                             last_name="Đặng Văn")
    w.office, w.director = office_user, director_user
    w.org = org
    return w


def provincial_council(w):
    """The provincial council: the Chủ tịch, the specialist (its secretary) and a council login of the
    province; and the province's own round, whose sessions vote on the accepted dossiers."""
    w.council_login = UserFactory(username="hoidong.tinh", role=Role.COUNCIL, agency=w.province)
    w.members = [CouncilMemberFactory(agency=w.province, user=user, full_name=name, position=position)
                 for user, name, position in ((w.chairman, "Đặng Văn Minh", "chair"),
                                              (w.specialist, "Huỳnh Thị Kim Ngân", "secretary"),
                                              (w.council_login, "Lê Quang Vinh", "member"))]
    w.province_round = RoundFactory(agency=w.province, name="Xét khen thưởng cấp tỉnh năm 2025")
    return w.members


def province_votes(w, agree=True):
    """A session of the provincial council on every accepted dossier, every member voting `agree`, closed."""
    if not hasattr(w, "members"):
        provincial_council(w)
    session = open_session(round=w.province_round, held_on=date(2025, 12, 18), agenda=open_agenda(w.province_round),
                           present=w.members, actor=w.specialist)
    for nomination in session.agenda.all():
        for member in w.members:
            cast_vote(session, nomination, member, agrees=agree)
    close_session(session, w.specialist)
    return session


def forwarded(w, *, name="Trần Thị Bích", health=False):
    """A higher award's nomination brought through its agency's council and forwarded by its Director."""
    if health:
        unit, office, director = w.health_unit, w.health_office, w.health_director
        round_ = RoundFactory(agency=w.health)
    else:
        unit, office, director = w.org.land, w.office, w.director
        round_ = RoundFactory()
    nomination = NominationFactory(round=round_, award_type=award("CSTDT"),
                                   staff=StaffFactory(unit=unit, full_name=name))
    DossierFile.objects.create(nomination=nomination, name="bao-cao-thanh-tich.pdf",
                               file=SimpleUploadedFile("bao-cao.pdf", PDF), uploaded_by=office)
    council_passed(nomination, office)
    act(nomination, "forward", actor=director)
    return nomination


def test_forwarding_a_nomination_sends_the_same_dossier_to_the_province_and_tells_its_office(world):
    nomination = forwarded(world)
    forwarding = Forwarding.objects.get(nomination=nomination)
    assert (forwarding.status, forwarding.agency, forwarding.province) == (F.RECEIVED, world.first, world.province)
    assert Notification.objects.filter(recipient=world.specialist, link=reverse("awards:forwarded_detail",
                                                                                args=[forwarding.pk])).exists()


def test_an_agency_without_a_province_in_the_system_still_types_the_answer(org, staff_in, office_user, director_user):
    nomination = NominationFactory(award_type=award("CSTDT"), staff=staff_in(org.land))
    council_passed(nomination, office_user)
    act(nomination, "forward", actor=director_user)
    assert not Forwarding.objects.exists() and nomination.status == S.FORWARDED


def test_a_dossier_returned_corrected_forwarded_again_accepted_and_decided_ends_in_the_agency_history(client, world):
    nomination = forwarded(world)
    forwarding = nomination.forwarding
    client.force_login(world.specialist)
    act_url = reverse("awards:forwarded_act", args=[forwarding.pk])
    # The province reviews and returns it with a reason.
    client.post(act_url, {"action": "review"})
    response = client.post(act_url, {"action": "return", "reason": "Thiếu xác nhận của Thủ trưởng đơn vị"})
    assert response.status_code == 302
    forwarding.refresh_from_db()
    assert forwarding.status == F.RETURNED and forwarding.reason == "Thiếu xác nhận của Thủ trưởng đơn vị"
    # The agency's Office sees the state and the reason, and was told.
    client.force_login(world.office)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Tỉnh trả lại cơ quan" in page and "Thiếu xác nhận của Thủ trưởng đơn vị" in page
    assert Notification.objects.filter(recipient=world.office, text__contains="Thiếu xác nhận").exists()
    # … completes the dossier and forwards it again.
    upload = SimpleUploadedFile("xac-nhan.pdf", PDF, content_type="application/pdf")
    client.post(reverse("awards:nomination_upload", args=[nomination.pk]), {"file": upload})
    assert nomination.files.filter(name="xac-nhan.pdf").exists()
    client.post(act_url, {"action": "forward_again", "reason": "Đã bổ sung xác nhận"})
    forwarding.refresh_from_db()
    assert forwarding.status == F.RECEIVED
    # The province accepts; the Chủ tịch decides in bulk.
    client.force_login(world.specialist)
    client.post(act_url, {"action": "accept"})
    forwarding.refresh_from_db()
    assert forwarding.status == F.ACCEPTED
    client.force_login(world.office)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Thẩm định đạt: trình Hội đồng tỉnh" in page
    # The Chủ tịch cannot decide before the provincial council has passed it.
    client.force_login(world.chairman)
    assert forwarding.pk not in [f.pk for f in client.get(reverse("awards:province_decision_create")).context["accepted"]]
    with pytest.raises(TransitionError, match="Hội đồng tỉnh"):
        issue_province_decision([forwarding], actor=world.chairman, signed_on=date(2025, 12, 20), signer_name="X",
                                signer_authority="chairman", summary="Tặng")
    # The provincial council votes online: the Office opens a session of the province's round on the
    # accepted dossiers, each member marks attendance and votes from the ballot page, the Office closes it.
    provincial_council(world)
    client.force_login(world.specialist)
    response = client.post(reverse("awards:session_create"), {
        "round": world.province_round.pk, "held_on": "18/12/2025", "place": "UBND tỉnh"})
    session = CouncilSession.objects.get(round=world.province_round)
    assert response.status_code == 302 and list(session.agenda.all()) == [nomination]
    for member in world.members:
        client.force_login(member.user)
        client.post(reverse("awards:session_attend", args=[session.pk]), {"present": "1"})
        ballot = client.get(reverse("awards:session_ballot", args=[session.pk])).content.decode()
        assert "Trần Thị Bích" in ballot
        client.post(reverse("awards:session_cast", args=[session.pk, nomination.pk]), {"choice": "yes", "confirmed": "on"})
    client.force_login(world.specialist)
    client.post(reverse("awards:session_close", args=[session.pk]))
    forwarding.refresh_from_db()
    assert forwarding.status == F.PASSED
    # Two votes of the same nomination, each of its own council: the agency's kept as it was.
    assert nomination.agency_vote.session.round == nomination.round and nomination.agency_vote.votes_for == 9
    assert (nomination.province_vote.session, nomination.province_vote.votes_for) == (session, 3)
    client.force_login(world.office)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Hội đồng tỉnh đã thông qua" in page
    assert Notification.objects.filter(recipient=world.office, text__contains="Hội đồng Thi đua - Khen thưởng tỉnh đã thông qua").exists()
    client.force_login(world.chairman)
    response = client.post(reverse("awards:province_decision_create"), {
        "signed_on": "20/12/2025", "signer_name": "Đặng Văn Minh", "signer_authority": "chairman",
        "summary": "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh", "forwardings": [forwarding.pk]})
    assert response.status_code == 302
    decision = ProvinceDecision.objects.get()
    forwarding.refresh_from_db()
    nomination.refresh_from_db()
    assert (forwarding.status, forwarding.decision, nomination.status) == (F.DECIDED, decision, S.DECIDED)
    record = AwardRecord.objects.get(nomination=nomination)
    assert (record.source, record.decision_number, record.staff) == (AwardRecord.Source.PROVINCE, "01/QĐ-UBND",
                                                                     nomination.staff)
    # The person's award history in the agency shows the province's decision.
    client.force_login(world.office)
    history = client.get(reverse("awards:person_history", args=[nomination.staff_id])).content.decode()
    assert "01/QĐ-UBND" in history
    # Issue 31 §10: "tỉnh" in a sentence, no capital T.
    assert record.issuing_authority == "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi" in history
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Tỉnh đã quyết định" in page and "01/QĐ-UBND" in page
    actions = [entry.action for entry in FORWARDING_WORKFLOW.timeline(forwarding)]
    assert actions == ["forwarding_received", "review", "return", "forward_again", "accept", "council_pass", "decide"]


def test_the_province_asks_for_more_documents_and_the_agency_answers(client, world):
    forwarding = forwarded(world).forwarding
    client.force_login(world.specialist)
    client.post(reverse("awards:forwarded_act", args=[forwarding.pk]), {"action": "ask_documents"})
    forwarding.refresh_from_db()
    assert forwarding.status == F.RECEIVED  # a request needs its reason
    client.post(reverse("awards:forwarded_act", args=[forwarding.pk]),
                {"action": "ask_documents", "reason": "Bổ sung bản sao sáng kiến"})
    forwarding.refresh_from_db()
    assert forwarding.status == F.MORE_DOCUMENTS
    client.force_login(world.office)
    client.post(reverse("awards:forwarded_act", args=[forwarding.pk]), {"action": "forward_again"})
    forwarding.refresh_from_db()
    assert forwarding.status == F.RECEIVED


def test_only_the_province_reviews_and_only_the_agency_forwards_again(world):
    forwarding = forwarded(world).forwarding
    for user in (world.office, world.director, world.health_office, world.chairman):
        with pytest.raises(TransitionError, match="không có quyền"):
            FORWARDING_WORKFLOW.perform(forwarding, "accept", actor=user)
    FORWARDING_WORKFLOW.perform(forwarding, "return", actor=world.specialist, reason="Thiếu hồ sơ")
    for user in (world.specialist, world.health_office):
        with pytest.raises(TransitionError, match="không có quyền"):
            FORWARDING_WORKFLOW.perform(forwarding, "forward_again", actor=user)


def test_the_province_user_reaches_only_what_was_forwarded(client, world):
    nomination = forwarded(world)
    forwarding = nomination.forwarding
    other = NominationFactory(staff=StaffFactory(unit=world.org.land, full_name="Lê Văn Khác"))
    other_file = DossierFile.objects.create(nomination=other, name="khac.pdf",
                                            file=SimpleUploadedFile("khac.pdf", PDF), uploaded_by=world.office)
    own_file = nomination.files.get()
    client.force_login(world.specialist)
    assert client.get(reverse("awards:forwarded_detail", args=[forwarding.pk])).status_code == 200
    assert client.get(reverse("awards:forwarded_file", args=[own_file.pk])).status_code == 200
    assert client.get(reverse("awards:forwarded_proposal", args=[nomination.round_id])).status_code == 200
    assert client.get(reverse("awards:forwarded_minutes", args=[nomination.agency_vote.session_id])).status_code == 200
    refused = [
        reverse("awards:forwarded_file", args=[other_file.pk]),
        reverse("awards:forwarded_proposal", args=[other.round_id if other.round_id != nomination.round_id
                                                   else RoundFactory().pk]),
        reverse("awards:nomination_detail", args=[nomination.pk]),
        reverse("awards:nomination_detail", args=[other.pk]),
        reverse("awards:dossier_file", args=[own_file.pk]),
        reverse("awards:dossier_file", args=[other_file.pk]),
        reverse("awards:round_edit", args=[nomination.round_id]),
        reverse("unit_detail", args=[world.org.land.pk]),
        reverse("staff_detail", args=[nomination.staff_id]),
        reverse("awards:person_history", args=[nomination.staff_id]),
    ]
    for url in refused:
        assert client.get(url).status_code in (403, 404), url
    assert "Lê Văn Khác" not in client.get(reverse("awards:forwarded_list")).content.decode()


def test_another_province_sees_nothing_of_this_province_dossiers(client, world):
    forwarding = forwarded(world).forwarding
    elsewhere = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN THI ĐUA - KHEN THƯỞNG TỈNH KHÁC",
                                      parent_authority="SỞ NỘI VỤ", abbreviation="BTĐKT2", place="Kon Tum")
    client.force_login(UserFactory(role=Role.OFFICE, agency=elsewhere))
    assert client.get(reverse("awards:forwarded_detail", args=[forwarding.pk])).status_code == 404
    assert client.get(reverse("awards:forwarded_file", args=[forwarding.nomination.files.get().pk])).status_code == 404
    assert client.post(reverse("awards:forwarded_act", args=[forwarding.pk]), {"action": "accept"}).status_code == 404


def test_agency_users_are_refused_the_province_pages_and_another_agency_dossiers(client, world):
    forwarding = forwarded(world).forwarding
    for user in (world.office, world.director, world.health_office):
        client.force_login(user)
        for url in (reverse("awards:forwarded_list"), reverse("awards:forwarded_detail", args=[forwarding.pk]),
                    reverse("awards:province_decision_list"), reverse("awards:province_decision_create")):
            assert client.get(url).status_code in (403, 404), (user, url)
    client.force_login(world.health_office)
    response = client.post(reverse("awards:forwarded_act", args=[forwarding.pk]), {"action": "forward_again"})
    assert response.status_code == 404
    assert client.get(reverse("awards:forwarded_file", args=[forwarding.nomination.files.get().pk])).status_code == 404


def test_the_inbox_groups_by_agency_in_constant_queries(client, world, django_assert_num_queries):
    forwarded(world, name="Trần Thị Bích")
    client.force_login(world.specialist)
    client.get(reverse("awards:forwarded_list"))  # warm the session
    with django_assert_num_queries(5):
        page = client.get(reverse("awards:forwarded_list")).content.decode()
    assert "Trần Thị Bích" in page
    forwarded(world, name="Võ Văn Hải", health=True)
    forwarded(world, name="Phan Thị Cúc")
    with django_assert_num_queries(5):
        response = client.get(reverse("awards:forwarded_list"))
    page = response.content.decode()
    assert all(name in page for name in ("Trần Thị Bích", "Võ Văn Hải", "Phan Thị Cúc"))
    groups = [dossier.agency.abbreviation for dossier in response.context["page"]]
    assert groups == sorted(groups, key=lambda abbreviation: abbreviation != world.first.abbreviation)
    filtered = client.get(reverse("awards:forwarded_list"), {"agency": world.health.pk}).content.decode()
    assert "Võ Văn Hải" in filtered and "Phan Thị Cúc" not in filtered


def test_the_province_eligibility_reads_the_history_of_every_agency(client, world):
    """Chiến sĩ thi đua tỉnh needs three consecutive years of Chiến sĩ thi đua cơ sở: two were decided by the
    first agency (where the person worked before), one by Sở Y tế; the province's page counts all three."""
    nomination = forwarded(world, health=True)
    client.force_login(world.specialist)
    url = reverse("awards:forwarded_detail", args=[nomination.forwarding.pk])

    def consecutive():
        checks = response.context["verdict"].checks
        return next(check for check in checks if check.key.startswith("consecutive_awards"))

    response = client.get(url)
    assert not consecutive().met
    for year, unit in ((2023, world.org.land), (2024, world.org.land), (2025, world.health_unit)):
        RecordFactory(staff=nomination.staff, holder_unit=unit, award_type=award("CSTDCS"), year=year)
    response = client.get(url)
    assert consecutive().met


def test_the_province_decision_carries_the_province_header_and_its_own_number_series(client, world):
    first = forwarded(world).forwarding
    second = forwarded(world, name="Võ Văn Hải", health=True).forwarding
    for forwarding in (first, second):
        FORWARDING_WORKFLOW.perform(forwarding, "accept", actor=world.specialist)
    province_votes(world)
    first.refresh_from_db()
    second.refresh_from_db()
    next_number("QĐ-UBND", 2025, world.health)  # an agency's own use of a series does not move the province's
    with pytest.raises(TransitionError, match="không có quyền"):
        issue_province_decision([first], actor=world.specialist, signed_on=date(2025, 12, 20), signer_name="X",
                                signer_authority="chairman", summary="Tặng")
    decision = issue_province_decision([first, second], actor=world.chairman, signed_on=date(2025, 12, 20),
                                       signer_name="Đặng Văn Minh", signer_authority="vice",
                                       summary="Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh")
    assert decision.reference == "01/QĐ-UBND"

    text = " ".join(pdf_text(decision_file(decision)).split())
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in text and "Số: 01/QĐ-UBND" in text
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Đặng Văn Minh" in text
    assert "Trần Thị Bích" in text and "Võ Văn Hải" in text
    assert "SỞ TÀI NGUYÊN" not in text.split("QUYẾT ĐỊNH")[0]
    assert {r.decision_number for r in AwardRecord.objects.filter(source=AwardRecord.Source.PROVINCE)} == {"01/QĐ-UBND"}
    assert Notification.objects.filter(recipient=world.health_office, text__contains="01/QĐ-UBND").exists()
    client.force_login(world.chairman)
    url = reverse("awards:province_decision_pdf", args=[decision.pk])
    assert client.get(url)["Content-Disposition"].startswith("inline")
    assert client.get(url, {"download": "1"})["Content-Disposition"].startswith("attachment")
    listing = client.get(reverse("awards:province_decision_list")).content.decode()
    assert f'href="{url}?download=1"' in listing


def test_the_province_acts_on_a_forwarded_nomination_only_through_its_own_steps(world):
    """The engine lets a province's login act on a nomination forwarded to it, but the agency's own steps
    after forwarding (the typed answer of the higher authority, the dossier package) stay the agency's."""
    nomination = forwarded(world)
    for action, reason in (("province_refuse", "Không đủ điều kiện"), ("province_award", ""), ("send_dossier", "")):
        with pytest.raises(TransitionError, match="không có quyền"):
            NOMINATION_WORKFLOW.perform(nomination, action, actor=world.specialist, reason=reason)
    nomination.refresh_from_db()
    assert nomination.status == S.FORWARDED
    NOMINATION_WORKFLOW.perform(nomination, "send_dossier", actor=world.office)  # the agency's Office still may


def test_a_dossier_the_provincial_council_does_not_pass_ends_there_and_the_agency_is_told(client, world):
    nomination = forwarded(world)
    forwarding = nomination.forwarding
    FORWARDING_WORKFLOW.perform(forwarding, "accept", actor=world.specialist)
    session = province_votes(world, agree=False)
    forwarding.refresh_from_db()
    nomination.refresh_from_db()
    assert (forwarding.status, nomination.status) == (F.NOT_PASSED, S.REJECTED)
    vote = NominationVote.objects.get(session=session)
    assert (vote.province_level, vote.passed, vote.votes_against) == (True, False, 3)
    assert Notification.objects.filter(recipient=world.office, text__contains="không thông qua").exists()
    client.force_login(world.office)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Hội đồng tỉnh không thông qua" in page
    with pytest.raises(TransitionError, match="Hội đồng tỉnh"):
        issue_province_decision([forwarding], actor=world.chairman, signed_on=date(2025, 12, 20), signer_name="X",
                                signer_authority="chairman", summary="Tặng")
    # The minutes carry the provincial council's header.
    text = " ".join(pdf_text(minutes_pdf(CouncilSession.objects.get(pk=session.pk))).split())
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in text and "HỘI ĐỒNG THI ĐUA KHEN THƯỞNG TỈNH" in text


def test_the_provincial_council_votes_only_on_dossiers_forwarded_to_its_province(client, world):
    """Its session's agenda is the accepted dossiers forwarded to it; the agencies' council members and
    another province never see the province's sessions; the province's council never sees an agency's."""
    accepted = forwarded(world).forwarding
    FORWARDING_WORKFLOW.perform(accepted, "accept", actor=world.specialist)
    waiting = forwarded(world, name="Võ Văn Hải", health=True)  # received, not yet accepted
    provincial_council(world)
    agenda = list(open_agenda(world.province_round))
    assert agenda == [accepted.nomination]
    session = open_session(round=world.province_round, held_on=date(2025, 12, 18), agenda=agenda,
                           present=world.members, actor=world.specialist)
    agency_session = accepted.nomination.agency_vote.session
    # Not on the agenda (nor forwarded here): refused, nothing recorded.
    client.force_login(world.council_login)
    response = client.post(reverse("awards:session_cast", args=[session.pk, waiting.pk]), {"choice": "yes", "confirmed": "on"})
    assert response.status_code == 404
    session.agenda.add(waiting)  # even put on the agenda, a dossier not accepted is not voted on
    with pytest.raises(Exception, match="không thuộc nội dung xét"):
        cast_vote(session, waiting, world.members[2], agrees=True)
    assert client.get(reverse("awards:session_detail", args=[session.pk])).status_code == 200
    assert client.get(reverse("awards:session_detail", args=[agency_session.pk])).status_code == 404
    assert client.get(reverse("awards:session_list")).context["page"].object_list == [session] or \
        list(client.get(reverse("awards:session_list")).context["page"]) == [session]
    # The agency's council member, the agency's Office and another province see nothing of it.
    elsewhere = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN TĐKT TỈNH KHÁC", parent_authority="SỞ NỘI VỤ",
                                      abbreviation="BTĐKT2", place="Kon Tum")
    agency_member = UserFactory(role=Role.COUNCIL, agency=world.first)
    CouncilMemberFactory(agency=world.first, user=agency_member)
    for user in (agency_member, world.office, UserFactory(role=Role.OFFICE, agency=elsewhere)):
        client.force_login(user)
        for url in (reverse("awards:session_detail", args=[session.pk]),
                    reverse("awards:session_ballot", args=[session.pk])):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(reverse("awards:session_cast", args=[session.pk, accepted.nomination_id]),
                           {"choice": "yes", "confirmed": "on"}).status_code == 404
        assert "Trần Thị Bích" not in client.get(reverse("awards:session_list")).content.decode()
    assert not NominationVote.objects.filter(session=session).exists()

    assert not VoteCast.objects.filter(session=session).exists()


def _decided(world):
    """Trần Thị Bích (the first agency's Phòng Quản lý đất đai) decided by the Chủ tịch; Võ Văn Hải of Sở Y
    tế forwarded and accepted but not decided."""
    first = forwarded(world).forwarding
    FORWARDING_WORKFLOW.perform(first, "accept", actor=world.specialist)
    province_votes(world)
    first.refresh_from_db()
    decision = issue_province_decision([first], actor=world.chairman, signed_on=date(2025, 12, 20),
                                       signer_name="Đặng Văn Minh", signer_authority="chairman",
                                       summary="Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh")
    other = forwarded(world, name="Võ Văn Hải", health=True).forwarding
    return first, other, decision


def test_the_agency_opens_the_province_decision_of_its_dossiers_and_another_agency_is_refused(
        client, world, land_head, env_head):
    first, other, decision = _decided(world)
    pdf_url = reverse("awards:province_decision_pdf", args=[decision.pk])
    docx_url = reverse("awards:province_decision_docx", args=[decision.pk])
    for user in (world.office, world.director, land_head):
        client.force_login(user)
        page = client.get(reverse("awards:nomination_detail", args=[first.nomination_id])).content.decode()
        assert f'href="{pdf_url}"' in page and f'href="{pdf_url}?download=1"' in page and docx_url in page
        listing = client.get(reverse("awards:agency_forwarded_list")).content.decode()
        assert "Trần Thị Bích" in listing and f'href="{pdf_url}?download=1"' in listing
        response = client.get(pdf_url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("inline")
        assert "Trần Thị Bích" in " ".join(pdf_text(response.content).split())
        assert client.get(pdf_url, {"download": "1"})["Content-Disposition"].startswith("attachment")
        assert client.get(docx_url)["Content-Type"].startswith("application/vnd.openxmlformats")
    # Another agency (its dossier is not in the decision), a unit head of another unit, another province.
    elsewhere = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN TĐKT TỈNH KHÁC", parent_authority="SỞ NỘI VỤ",
                                      abbreviation="BTĐKT2", place="Kon Tum")
    for user in (world.health_office, world.health_director, env_head, UserFactory(role=Role.OFFICE, agency=elsewhere)):
        client.force_login(user)
        for url in (pdf_url, docx_url, f"{pdf_url}?download=1"):
            assert client.get(url).status_code == 404, (user, url)
    client.force_login(world.health_office)
    listing = client.get(reverse("awards:agency_forwarded_list")).content.decode()
    assert "Võ Văn Hải" in listing and "Trần Thị Bích" not in listing and decision.reference not in listing
    # The province's logins keep their own pages; the agency's list is not theirs.
    client.force_login(world.specialist)
    assert client.get(pdf_url).status_code == 200
    assert client.get(reverse("awards:agency_forwarded_list")).status_code == 403


def test_the_province_decision_in_word(world):

    _first, _other, decision = _decided(world)
    text = "\n".join(p.text for p in Document(io.BytesIO(decision_file(decision, "docx"))).paragraphs)
    assert "01/QĐ-UBND" in text and "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in text.upper()


def test_the_agency_list_of_forwarded_dossiers_in_constant_queries(client, world, django_assert_num_queries):
    forwarded(world, name="Trần Thị Bích")
    client.force_login(world.office)
    client.get(reverse("awards:agency_forwarded_list"))  # warm the session
    with django_assert_num_queries(4):
        response = client.get(reverse("awards:agency_forwarded_list"))
    assert [d.nomination.nominee_name for d in response.context["page"]] == ["Trần Thị Bích"]
    forwarded(world, name="Võ Văn Hải")
    forwarded(world, name="Phan Thị Cúc")
    forwarded(world, name="Lê Y Tế", health=True)  # another agency's: not listed
    with django_assert_num_queries(4):
        response = client.get(reverse("awards:agency_forwarded_list"))
    assert [d.nomination.nominee_name for d in response.context["page"]] == ["Phan Thị Cúc", "Võ Văn Hải", "Trần Thị Bích"]
    assert "Lê Y Tế" not in response.content.decode()
    FORWARDING_WORKFLOW.perform(Forwarding.objects.get(nomination__staff__full_name="Võ Văn Hải"), "review",
                                actor=world.specialist)
    reviewing = client.get(reverse("awards:agency_forwarded_list"), {"status": "reviewing"}).context["page"]
    assert [d.nomination.nominee_name for d in reviewing] == ["Võ Văn Hải"]
    unknown = client.get(reverse("awards:agency_forwarded_list"), {"status": "khong-co"})
    assert "lựa chọn hợp lệ" in unknown.content.decode()  # said in Vietnamese, and nothing filtered away
    assert len(unknown.context["page"]) == 3


def test_a_decision_of_many_dossiers_reads_each_agencys_office_once(world, monkeypatch):
    dossiers = [forwarded(world, name=name).forwarding for name in ("Trần Thị Bích", "Lê Văn Tám", "Phạm Thị Lan")]
    dossiers.append(forwarded(world, name="Võ Văn Hải", health=True).forwarding)
    for forwarding in dossiers:
        FORWARDING_WORKFLOW.perform(forwarding, "accept", actor=world.specialist)
    read = []
    real = receipt_module.offices_of
    monkeypatch.setattr(receipt_module, "offices_of", lambda agency_id: read.append(agency_id) or real(agency_id))
    province_votes(world)  # the council's results told to each agency
    assert sorted(read) == sorted([world.first.pk, world.health.pk])
    read.clear()
    for forwarding in dossiers:
        forwarding.refresh_from_db()
    issue_province_decision(dossiers, actor=world.chairman, signed_on=date(2025, 12, 20), signer_name="Đặng Văn Minh",
                            signer_authority="chairman", summary="Tặng danh hiệu")
    assert sorted(read) == sorted([world.first.pk, world.health.pk])
    assert Notification.objects.filter(recipient=world.office, text__contains="01/QĐ-UBND").count() == 3


def test_the_proposal_to_the_province_prints_the_council_result_of_each_row_and_the_signer_in_word(world):
    nomination = forwarded(world)
    FORWARDING_WORKFLOW.perform(nomination.forwarding, "accept", actor=world.specialist)
    province_votes(world)  # the provincial council's vote beside the agency's
    world.director.first_name, world.director.last_name = "Trung", "Nguyễn Đức"
    world.director.save()
    spec = proposal_document(nomination.round, True)

    text = " ".join(pdf_text(write(spec)).split())
    word = "\n".join(cell.text for table in Document(io.BytesIO(write(spec, "docx"))).tables for cell in table._cells)
    assert "Trần Thị Bích" in text and "9/9 thành viên đồng ý (cần" in text
    assert "9/9 thành viên đồng ý (cần" in word and "GIÁM ĐỐC\n\n\n\n\nNguyễn Đức Trung" in word


def test_the_province_decision_cites_the_local_government_law_with_its_date(world):
    _first, _other, decision = _decided(world)  # signed on 20 December 2025

    text = " ".join(pdf_text(decision_file(decision)).split())
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text

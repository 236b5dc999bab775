"""The demo data of the awards app, and the import of award history from Excel."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from awards import demo_outsiders
from awards.eligibility import evaluate_nomination
from awards.models import AwardRecord, CouncilSession, Decision, Forwarding, Nomination, Outsider, ProvinceDecision, VoteCast
from emulation.models import User
from awards.models import OpenVote, SealedTally
from awards.voting import tallies
from awards.models import Evaluation
from emulation.models import TimelineEntry
from awards.demo_province import PROVINCE_ROUND

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_of_nominations_and_of_forwarded_dossiers_and_a_second_run_changes_nothing(demo_data, client):
    counts = (AwardRecord.objects.count(), Nomination.objects.count(), CouncilSession.objects.count(),
              Decision.objects.count(), Forwarding.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (AwardRecord.objects.count(), Nomination.objects.count(), CouncilSession.objects.count(),
            Decision.objects.count(), Forwarding.objects.count()) == counts
    assert set(Nomination.objects.values_list("status", flat=True)) == set(Nomination.Status.values)
    assert Decision.objects.exclude(round__name=demo_outsiders.ROUND_NAME).get().reference == "21/QĐ-STNMT"
    # The province level: a forwarded dossier in each state, from both agencies, one decision of the Chủ tịch.
    assert set(Forwarding.objects.values_list("status", flat=True)) == set(Forwarding.Status.values)
    assert set(Forwarding.objects.values_list("agency__abbreviation", flat=True)) == {"STNMT", "SYT"}
    assert ProvinceDecision.objects.get().reference == "01/QĐ-UBND"
    client.force_login(User.objects.get(username="chuyenvien.btd"))
    inbox = client.get(reverse("awards:forwarded_list")).content.decode()
    assert inbox.count('data-testid="agency-group"') == 2
    returned = Forwarding.objects.get(status=Forwarding.Status.RETURNED)
    client.force_login(User.objects.get(username="vanphong"))
    page = client.get(reverse("awards:nomination_detail", args=[returned.nomination_id])).content.decode()
    assert "Tỉnh trả lại cơ quan" in page and returned.reason in page and "Trình tỉnh lại" in page


def test_demo_history_follows_the_rules(demo_data):
    forwarded = Nomination.objects.get(award_type__code="CSTDT", status=Nomination.Status.FORWARDED)
    rejected = Nomination.objects.get(award_type__code="CSTDT", status=Nomination.Status.REJECTED)
    assert evaluate_nomination(forwarded).eligible is True
    assert evaluate_nomination(rejected).check("consecutive_awards").met is False


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Số định danh cá nhân", "Mã đơn vị", "Danh hiệu, hình thức", "Năm", "Loại hình",
                  "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("lich-su.xlsx", data.getvalue())


def test_history_import_previews_then_imports(office_client, org, staff_in):
    person = staff_in(org.land, full_name="Nguyễn Văn Bình", identity_number="051000000999")
    upload = _xlsx([
        ["Nguyễn Văn Bình", "051000000999", "QLDD", "Chiến sĩ thi đua cơ sở", 2022, "Thường xuyên", "10/QĐ-STNMT", "15/01/2023", "Giám đốc Sở"],
        ["", "", "QLDD", "TTLDTT", 2022, "", "10/QĐ-STNMT", "15/01/2023", "Giám đốc Sở"],
    ])
    url = reverse("import_data", args=["award-history"])
    preview = office_client.post(url, {"file": upload})
    assert AwardRecord.objects.count() == 0
    office_client.post(url, {"confirm": "1", "token": preview.context["token"]})
    records = AwardRecord.objects.order_by("pk")
    assert [(r.staff, r.unit, r.award_type.code, r.year) for r in records] == [
        (person, None, "CSTDCS", 2022), (None, org.land, "TTLDTT", 2022),
    ]


def test_history_import_with_an_error_writes_nothing_and_says_where(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000999")
    upload = _xlsx([
        ["", "051000000999", "QLDD", "Chiến sĩ thi đua cơ sở", 2022, "", "", "", ""],
        ["", "051000000111", "QLDD", "Danh hiệu lạ", 2022, "", "", "", ""],
    ])
    response = office_client.post(reverse("import_data", args=["award-history"]), {"file": upload})
    errors = [(e.row, e.message) for e in response.context["report"].errors]
    assert AwardRecord.objects.count() == 0
    assert (3, "Không có danh hiệu, hình thức “Danh hiệu lạ” trong danh mục.") in errors


def test_history_import_is_refused_to_a_unit_head(land_head_client):
    assert land_head_client.get(reverse("import_data", args=["award-history"])).status_code == 403


def test_evaluation_import_creates_then_updates(office_client, org, staff_in):
    person = staff_in(org.land, identity_number="051000000777")
    url = reverse("import_data", args=["evaluations"])
    for level in ("Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"):
        book = Workbook()
        book.active.append(["Số định danh cá nhân", "Mã đơn vị", "Năm", "Mức độ hoàn thành nhiệm vụ"])
        book.active.append(["051000000777", "", 2025, level])
        book.active.append(["", "MT", 2025, "Hoàn thành nhiệm vụ"])
        data = io.BytesIO()
        book.save(data)
        preview = office_client.post(url, {"file": SimpleUploadedFile("danh-gia.xlsx", data.getvalue())})
        office_client.post(url, {"confirm": "1", "token": preview.context["token"]})
    assert Evaluation.objects.get(staff=person, year=2025).level == Evaluation.Level.EXCELLENT
    assert Evaluation.objects.get(unit=org.env, year=2025).level == Evaluation.Level.COMPLETED
    assert Evaluation.objects.count() == 2


def test_demo_has_a_draft_created_from_a_units_imported_list(demo_data):
    entry = TimelineEntry.objects.get(action="import")
    nomination = Nomination.objects.get(pk=entry.object_id)
    assert (nomination.status, nomination.unit.code, entry.data["file"], entry.actor.username) == (
        "draft", "QLDD", "ds-de-nghi-qldd-2025.xlsx", "lanhdao.qldd")


def test_demo_round_has_an_open_council_session_with_online_votes_where_hoidong_can_vote(demo_data, client):
    session = CouncilSession.objects.exclude(round__agency__kind="province").get(closed_at__isnull=True)
    assert session.round.name == "Xét khen thưởng tổng kết năm 2025" and session.agenda.count() == 2
    assert VoteCast.objects.filter(session=session, method="online").count() == 6
    secret = session.agenda.get(award_type__code="CSTDCS")
    assert tallies(session, [secret.pk])[secret.pk] == {"cast": 4, "written": 1, "for": 4, "against": 0}
    assert (SealedTally.objects.filter(session=session).count(), OpenVote.objects.filter(session=session).count()) == (1, 4)
    client.force_login(User.objects.get(username="hoidong"))
    assert "Biểu quyết tại phiên họp Hội đồng ngày 15/12/2025" in client.get(reverse("home")).content.decode()
    url = reverse("awards:session_ballot", args=[session.pk])
    client.post(reverse("awards:session_attend", args=[session.pk]), {"next": "ballot"})
    nomination = session.agenda.get(award_type__code="CSTDCS")
    client.post(reverse("awards:session_cast", args=[session.pk, nomination.pk]), {"choice": "yes", "confirmed": "on"})
    assert "Đã bỏ phiếu (phiếu kín)" in client.get(url).content.decode()
    assert VoteCast.objects.filter(session=session, member__user__username="hoidong").count() == 1


def test_demo_provincial_council_has_a_session_to_vote_in_and_a_closed_one(demo_data, client):
    """The province's round: a closed session (passed and decided, passed waiting for the Chủ tịch, not
    passed) and an open one with the accepted dossier, where hoidong.tinh votes from the ballot page."""
    closed, open_ = CouncilSession.objects.filter(round__name=PROVINCE_ROUND).order_by("held_on")
    assert closed.is_closed and not open_.is_closed
    assert {vote.nomination.forwarding.status for vote in closed.votes.all()} == {
        Forwarding.Status.DECIDED, Forwarding.Status.PASSED, Forwarding.Status.NOT_PASSED}
    accepted = Forwarding.objects.get(status=Forwarding.Status.ACCEPTED)
    assert list(open_.agenda.all()) == [accepted.nomination]
    client.force_login(User.objects.get(username="hoidong.tinh"))
    client.post(reverse("awards:session_attend", args=[open_.pk]), {"present": "1"})
    ballot = client.get(reverse("awards:session_ballot", args=[open_.pk])).content.decode()
    assert accepted.nomination.nominee_name in ballot
    client.post(reverse("awards:session_cast", args=[open_.pk, accepted.nomination_id]), {"choice": "yes", "confirmed": "on"})
    assert VoteCast.objects.filter(session=open_, member__user__username="hoidong.tinh").count() == 1
    assert client.get(reverse("awards:session_detail", args=[closed.pk])).status_code == 200


def test_demo_has_outsiders_of_each_kind_decided_by_the_director_and_at_the_province(demo_data):
    assert set(Outsider.objects.values_list("kind", flat=True)) == set(Outsider.Kind.values)
    decision = Decision.objects.get(round__name=demo_outsiders.ROUND_NAME)
    assert sorted(r.outsider.kind for r in decision.records.all()) == ["enterprise", "household"]
    person = AwardRecord.objects.get(outsider__kind="person")
    assert (person.award_type.code, person.source) == ("BK_TINH", "province")
    # The second award read the first: the household's 2024 province award is in its history.
    assert AwardRecord.objects.filter(outsider__kind="household").count() == 2

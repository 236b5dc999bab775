"""Demo data that makes every statistical form of 2025 non-empty and gives the forwarded round a dossier.

Idempotent: nothing is added once the thematic plan of 2025 exists. Runs after campaigns and awards.
- 0601.N: a thematic movement of 2025 (under one year, launched in response to the province), beside the
  2021–2025 plan of the campaigns demo;
- 0602.N and 0603.N: awards of 2025 decided by the Prime Minister and by the province;
- 0604.N: the Office (Văn phòng Sở) as the body doing emulation and commendation work;
- 0605.N: two Office staff doing that work, and the leadership level of the leaders;
- the forwarded nomination of the 2025 round gets an uploaded file for its dossier.
"""
from datetime import date

from django.core.files.base import ContentFile

from awards.models import AwardKind, AwardRecord, AwardType, DossierFile, Nomination
from campaigns.editing import add_part
from campaigns.models import ContentItem, MovementDuration, MovementLevel, MovementScope, Plan, PlanKind, Recipient
from campaigns.workflow import approve_plan, issue_plan, submit_plan
from emulation.documents import DocumentHeader, render_pdf
from emulation.models import Staff, Unit, User
from reports import summary_demo
from reports import province_demo

THEMATIC_TITLE = "Phát động đợt thi đua cao điểm chuyển đổi số ngành tài nguyên và môi trường năm 2025"


def _thematic_plan(office, director):
    plan = Plan.objects.create(
        kind=PlanKind.THEMATIC, title=THEMATIC_TITLE, year_from=2025, year_to=2025, signer_name=director.staff_record.full_name,
        created_by=office, movement_level=MovementLevel.MINISTRY_PROVINCE, movement_scope=MovementScope.SECTOR_LOCAL,
        movement_duration=MovementDuration.UNDER_ONE,
    )
    item = add_part(ContentItem(plan=plan, text="Số hóa hồ sơ, dữ liệu đất đai và môi trường"))
    add_part(ContentItem(plan=plan, parent=item, text="100 % hồ sơ thủ tục hành chính được số hóa khi tiếp nhận"))
    add_part(Recipient(plan=plan, text="Các phòng, đơn vị thuộc Sở"))
    submit_plan(plan, office)
    approve_plan(plan, director)
    issue_plan(plan, office, issue_date=date(2025, 4, 2))
    return plan


def _record(code, year, kind, decision, day, *, staff=None, unit=None):
    award = AwardType.objects.get(code=code)
    return AwardRecord.objects.create(
        staff=staff, unit=unit, award_type=award, year=year, kind=kind, decision_number=decision, decision_date=day,
        issuing_authority=award.deciding_body, source=AwardRecord.Source.PROVINCE,
    )


def _dossier_file(nomination, office):
    doc = DocumentHeader(type_name="GIẤY XÁC NHẬN", summary="Về sáng kiến cấp tỉnh", issue_date=date(2025, 11, 25),
                         signer_lines=["GIÁM ĐỐC"], signer_name=nomination.unit.name)
    data = render_pdf("reports/demo_attachment.html", {"nomination": nomination, "doc": doc})
    upload = DossierFile(nomination=nomination, name="Xác nhận sáng kiến cấp tỉnh.pdf", uploaded_by=office)
    upload.file.save("xac-nhan.pdf", ContentFile(data), save=False)
    upload.save()


def seed():
    """The statistics demo, then the summary reports (reports.summary_demo), which count its awards, then
    Sở Y tế's council, plan and awards and the province's summaries (reports.province_demo)."""

    return f"{seed_statistics()}; {summary_demo.seed()}; {province_demo.seed()}"


def seed_statistics():
    if Plan.objects.filter(title=THEMATIC_TITLE).exists():
        return "already loaded"
    users = {u.username: u for u in User.objects.select_related("staff_record")}
    office, director = users["vanphong"], users["giamdoc"]
    _thematic_plan(office, director)

    leaders = {"giamdoc": Staff.Leadership.DEPARTMENT, "phogiamdoc": Staff.Leadership.DEPARTMENT,
               "lanhdao.qldd": Staff.Leadership.OTHER, "lanhdao.mt": Staff.Leadership.OTHER}
    for username, level in leaders.items():
        Staff.objects.filter(user=users[username]).update(leadership=level)
    office_unit = Unit.objects.get(code="VP")
    Unit.objects.filter(pk=office_unit.pk).update(emulation_body=Unit.EmulationBody.BUREAU_DIVISION)
    Staff.objects.filter(user=office).update(education=Staff.Education.UNIVERSITY, emulation_work_since=2016)
    colleague = Staff.objects.filter(unit=office_unit, user__isnull=True).order_by("pk").first()
    if colleague:
        Staff.objects.filter(pk=colleague.pk).update(education=Staff.Education.POSTGRADUATE, emulation_work_since=2022)

    people = {u: users[u].staff_record for u in ("giamdoc", "lanhdao.mt")}
    mt_staff = Staff.objects.filter(unit__code="MT-KSON", user__isnull=True).order_by("-pk").first()
    _record("BK_TTG", 2025, AwardKind.REGULAR, "1520/QĐ-TTg", date(2025, 11, 20), staff=people["giamdoc"])
    _record("BK_TINH", 2025, AwardKind.THEMATIC, "980/QĐ-UBND", date(2025, 6, 30), staff=mt_staff)
    _record("BK_TINH", 2025, AwardKind.REGULAR, "2215/QĐ-UBND", date(2025, 12, 22), staff=people["lanhdao.mt"])
    _record("BK_TINH_TT", 2025, AwardKind.REGULAR, "2215/QĐ-UBND", date(2025, 12, 22), unit=Unit.objects.get(code="MT"))
    _record("CTD_TINH", 2025, AwardKind.REGULAR, "2216/QĐ-UBND", date(2025, 12, 22), unit=Unit.objects.get(code="QLDD"))

    for nomination in Nomination.objects.filter(status=Nomination.Status.FORWARDED, year=2025).select_related("award_type", "staff"):
        _dossier_file(nomination, office)
    return "statistics 2025: thematic plan issued, 5 awards of higher authorities, Office staff for 0604.N/0605.N"

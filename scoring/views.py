"""Pages of scoring tables, self-assessments, the ranking and blocks (thin: permission → form → domain)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.documents import docx_response, pdf_response
from emulation.exports import xlsx_response
from emulation.permissions import require
from emulation.workflow import TransitionError
from emulation.workflow_views import perform_from_post
from reports.views import _svg_response
from scoring import agreements, editing, ranking, rules, workflow
from scoring.editing import ScoringError
from scoring.enums import AssessmentStatus, TableStatus
from scoring.forms import PART_FORMS, AgreementForm, AnswerForm, BlockForm, ChangeForm, CopyForm, SelfAssessmentForm, SignatureFormSet, SignerForm, TableForm
from scoring.models import Assessment, Block, ScoringTable

PAGE_SIZE = 50


def _table(request, pk):
    return get_object_or_404(ScoringTable.objects.visible_to(request.user).select_related("plan", "agency"), pk=pk)


def _assessment(request, pk):
    return get_object_or_404(Assessment.objects.visible_to(request.user).select_related("table__agency", "unit"), pk=pk)


# Tables ---------------------------------------------------------------------------------------------


@login_required
def table_list(request):
    require(rules.can_view_scoring(request.user))
    tables = ScoringTable.objects.visible_to(request.user).select_related("plan").annotate(
        criterion_count=Count("criteria", distinct=True)).order_by("-year", "-pk")
    page = Paginator(tables, PAGE_SIZE).get_page(request.GET.get("page"))
    own = []
    if not rules.sees_all_units(request.user):
        own = list(Assessment.objects.visible_to(request.user).filter(table__in=[t.pk for t in page])
                   .select_related("unit", "table"))
    return render(request, "scoring/table_list.html", {
        "page": page, "own": own, "can_manage": rules.can_manage_tables(request.user),
        "can_view_blocks": rules.can_view_ranking(request.user),
    })


@login_required
def table_create(request):
    require(rules.can_manage_tables(request.user))
    agency = request.user.agency
    form = TableForm(request.POST or None, agency=agency, instance=ScoringTable(agency=agency))
    if request.method == "POST" and form.is_valid():
        table = form.save(commit=False)
        table.created_by = request.user
        form.save()
        messages.success(request, _("The scoring table has been created: add its sections, criteria and bands."))
        return redirect("scoring:table_detail", table.pk)
    return render(request, "emulation/form.html", {"form": form, "title": _("New scoring table"),
                                                   "back": reverse("scoring:table_list")})


@login_required
def table_detail(request, pk):
    require(rules.can_view_scoring(request.user))
    table = _table(request, pk)
    sections = list(table.sections.prefetch_related("criteria__target"))
    assessments = Assessment.objects.visible_to(request.user).filter(table=table).select_related("unit")
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = rules.can_manage_tables(request.user)
    return render(request, "scoring/table_detail.html", {
        "table": table, "sections": sections, "bands": list(table.bands.all()), "page": page,
        "can_edit": can_manage and not table.is_frozen, "can_manage": can_manage,
        "buttons": workflow.TABLE_WORKFLOW.buttons(table, request.user, lambda a: reverse("scoring:table_action", args=[table.pk, a])),
        "copy_form": CopyForm(agency=table.agency, initial={"year": table.year + 1}) if can_manage else None,
        "can_view_ranking": rules.can_view_ranking(request.user),
        "timeline": workflow.TABLE_WORKFLOW.timeline(table),
    })


@login_required
def table_edit(request, pk):
    require(rules.can_manage_tables(request.user))
    table = _table(request, pk)
    if table.status == TableStatus.ISSUED:
        messages.error(request, _("The result is issued: the table can no longer be changed."))
        return redirect("scoring:table_detail", table.pk)
    form_class = SignerForm if table.is_frozen else TableForm
    extra = {} if table.is_frozen else {"agency": table.agency}
    form = form_class(request.POST or None, instance=table, **extra)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("scoring:table_detail", table.pk)
    return render(request, "emulation/form.html", {"form": form, "title": table.title,
                                                   "back": reverse("scoring:table_detail", args=[table.pk])})


@login_required
def part_edit(request, pk, kind, part_pk=None):
    require(rules.can_manage_tables(request.user))
    table = _table(request, pk)
    if kind not in PART_FORMS:
        raise Http404
    model, form_class = PART_FORMS[kind]
    part = get_object_or_404(model, table=table, pk=part_pk) if part_pk else model(table=table)
    extra = {"table": table} if kind == "criterion" else {}
    form = form_class(request.POST or None, instance=part, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            editing.save_part(table, form.save(commit=False))
        except ScoringError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
        return redirect("scoring:table_detail", table.pk)
    return render(request, "emulation/form.html", {"form": form, "title": table.title,
                                                   "back": reverse("scoring:table_detail", args=[table.pk])})


@login_required
@require_POST
def part_delete(request, pk, kind, part_pk):
    require(rules.can_manage_tables(request.user))
    table = _table(request, pk)
    if kind not in PART_FORMS:
        raise Http404
    part = get_object_or_404(PART_FORMS[kind][0], table=table, pk=part_pk)
    try:
        editing.delete_part(table, part)
    except ScoringError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deleted."))
    return redirect("scoring:table_detail", table.pk)


@login_required
@require_POST
def table_copy(request, pk):
    require(rules.can_manage_tables(request.user))
    table = _table(request, pk)
    form = CopyForm(request.POST, agency=table.agency)
    if not form.is_valid():
        messages.error(request, _("Choose the year of the new table."))
        return redirect("scoring:table_detail", table.pk)
    data = form.cleaned_data
    copy = editing.copy_table(table, year=data["year"], plan=data["plan"], actor=request.user,
                              title=_("Scoring table %(year)s") % {"year": data["year"]})
    messages.success(request, _("Copied: check the criteria and change what is different this year."))
    return redirect("scoring:table_detail", copy.pk)


def _act_on_table(table, action, *, actor, reason=""):
    if action == "open":
        return workflow.open_table(table, actor=actor)
    if action == "issue":
        return ranking.issue_result(table, actor=actor)
    raise TransitionError(_("This action is not possible now: the status is “%(status)s”.") % {"status": table.get_status_display()})


@login_required
@require_POST
def table_action(request, pk, action):
    table = _table(request, pk)
    perform_from_post(request, table, workflow.TABLE_WORKFLOW, _act_on_table, action=action)
    return redirect("scoring:table_detail", table.pk)


# Self-assessments -------------------------------------------------------------------------------------


def _rows(assessment):
    """Each score with its criterion and its current points, by section; two queries."""
    criteria = list(assessment.table.criteria.select_related("section", "target"))
    scores = {s.criterion_id: s for s in assessment.scores.all()}
    rules_by_key = {rule.key: rule for rule in ranking.rules_of(criteria)}
    rows = []
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None:
            continue
        score.criterion = criterion
        score.points = ranking.arithmetic.criterion_points(rules_by_key[criterion.pk], score.value)
        score.self_points = ranking.arithmetic.criterion_points(rules_by_key[criterion.pk], score.self_value)
        rows.append(score)
    return rows


@login_required
def assessment_detail(request, pk):
    assessment = _assessment(request, pk)
    user = request.user
    rows = _rows(assessment)
    result = ranking.arithmetic.total(None, ranking.rules_of([r.criterion for r in rows]), {r.criterion_id: r.value for r in rows},
                                      bonus_cap=assessment.table.bonus_cap, deduction_cap=assessment.table.deduction_cap)
    changes = workflow.changes_of(assessment)
    timeline = workflow.ASSESSMENT_WORKFLOW.timeline(assessment)
    return render(request, "scoring/assessment_detail.html", {
        "assessment": assessment, "table": assessment.table, "rows": rows, "result": result, "changes": changes,
        "timeline": timeline,
        "buttons": workflow.ASSESSMENT_WORKFLOW.buttons(
            assessment, user, lambda a: reverse("scoring:assessment_action", args=[assessment.pk, a])),
        "can_write": rules.can_write_assessment(user, assessment),
        "change_form": ChangeForm() if rules.can_review(user, assessment) and assessment.status == AssessmentStatus.SUBMITTED else None,
        "answer_form": AnswerForm() if (rules.can_answer(user, assessment) and not assessment.answer and changes
                                        and assessment.status in (AssessmentStatus.SUBMITTED, AssessmentStatus.REVIEWED)) else None,
    })


@login_required
def assessment_edit(request, pk):
    assessment = _assessment(request, pk)
    if not rules.can_write_assessment(request.user, assessment):
        messages.error(request, _("You cannot change this self-assessment now."))
        return redirect("scoring:assessment_detail", assessment.pk)
    rows = _rows(assessment)
    form = SelfAssessmentForm(request.POST or None, scores=rows, initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        try:
            workflow.save_self_assessment(assessment, form.values(), actor=request.user, version=form.cleaned_data["version"])
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your self-assessment has been saved. Submit it to the Office when it is complete."))
            return redirect("scoring:assessment_detail", assessment.pk)
    return render(request, "scoring/assessment_edit.html", {"assessment": assessment, "form": form})


@login_required
@require_POST
def assessment_change(request, pk):
    assessment = _assessment(request, pk)
    form = ChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new value and the reason for the change."))
        return redirect("scoring:assessment_detail", assessment.pk)
    try:
        workflow.change_score(assessment, form.cleaned_data["criterion"], form.cleaned_data["value"],
                              reason=form.cleaned_data["reason"], actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The score has been changed; the unit will see the change and its reason."))
    return redirect("scoring:assessment_detail", assessment.pk)


@login_required
@require_POST
def assessment_answer(request, pk):
    assessment = _assessment(request, pk)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise TransitionError(_("Write your answer first."))
        workflow.answer(assessment, form.cleaned_data["answer"], actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your answer has been sent to the Office."))
    return redirect("scoring:assessment_detail", assessment.pk)


@login_required
@require_POST
def assessment_action(request, pk, action):
    assessment = _assessment(request, pk)
    perform_from_post(request, assessment, workflow.ASSESSMENT_WORKFLOW, workflow.act, action=action)
    return redirect("scoring:assessment_detail", assessment.pk)


# Ranking --------------------------------------------------------------------------------------------


def _ranking_table(request, pk):
    require(rules.can_view_ranking(request.user))
    return _table(request, pk)


@login_required
def ranking_page(request, pk):
    table = _ranking_table(request, pk)
    standings = ranking.compute(table)
    page = Paginator(standings.results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "scoring/ranking.html", {"table": table, "standings": standings, "page": page})


@login_required
def ranking_chart(request, pk):
    table = _ranking_table(request, pk)
    return _svg_response(ranking.ranking_chart(ranking.compute(table)))


@login_required
def ranking_xlsx(request, pk):
    table = _ranking_table(request, pk)
    return xlsx_response(f"xep-hang-thi-dua-{table.year}", workbook=ranking.ranking_workbook(ranking.compute(table)))


def _notice_name(table, extension):
    return f"thong-bao-xep-hang-{table.year}-{table.pk}.{extension}"


@login_required
def notice_pdf(request, pk):
    table = _ranking_table(request, pk)
    return pdf_response(ranking.notice_pdf(table), _notice_name(table, "pdf"), request=request)


@login_required
def notice_docx(request, pk):
    table = _ranking_table(request, pk)
    return docx_response(ranking.notice_docx(table), _notice_name(table, "docx"))


# Blocks ---------------------------------------------------------------------------------------------


@login_required
def block_list(request):
    require(rules.can_view_ranking(request.user))
    blocks = Block.objects.filter(agency_id=request.user.agency_id).select_related("head", "deputy").annotate(
        member_count=Count("members")).order_by("-year", "name", "pk")
    page = Paginator(blocks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "scoring/block_list.html", {"page": page, "can_manage": rules.can_manage_tables(request.user)})


@login_required
def block_edit(request, pk=None):
    require(rules.can_manage_tables(request.user))
    agency = request.user.agency
    block = get_object_or_404(Block, agency=agency, pk=pk) if pk else Block(agency=agency)
    form = BlockForm(request.POST or None, instance=block, agency=agency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("scoring:block_list")
    return render(request, "emulation/form.html", {"form": form, "title": _("Emulation block"),
                                                   "back": reverse("scoring:block_list")})




def _block(request, pk):
    return get_object_or_404(Block.objects.select_related("agency", "head", "deputy"), agency_id=request.user.agency_id, pk=pk)


@login_required
def agreement_edit(request, pk):
    """The block's giao ước: its commitments, the table it adopts, the date, each member's signer."""
    require(rules.can_manage_tables(request.user))
    agreement = agreements.agreement_of(_block(request, pk))
    form = AgreementForm(request.POST or None, instance=agreement)
    signatures = SignatureFormSet(request.POST or None, queryset=agreement.signatures.select_related("unit"))
    if request.method == "POST" and form.is_valid() and signatures.is_valid():
        form.save()
        signatures.save()
        messages.success(request, _("Saved."))
        return redirect("scoring:block_list")
    return render(request, "scoring/agreement_edit.html", {"agreement": agreement, "form": form, "signatures": signatures})


def _agreement(request, pk):
    require(rules.can_view_ranking(request.user))
    return agreements.agreement_of(_block(request, pk))


@login_required
def agreement_pdf(request, pk):
    agreement = _agreement(request, pk)
    return pdf_response(agreements.agreement_pdf(agreement), f"giao-uoc-thi-dua-{agreement.block.year}-{pk}.pdf",
                        request=request)


@login_required
def agreement_docx(request, pk):
    agreement = _agreement(request, pk)
    return docx_response(agreements.agreement_docx(agreement), f"giao-uoc-thi-dua-{agreement.block.year}-{pk}.docx")

"""The scoring app's two workflows, through the one engine (emulation.workflow).

Table: draft → scoring (the Office starts scoring: the table is frozen and every unit to score gets its
self-assessment, with the reports' facts filled in) → issued (the Office issues the result: totals, bands
and ranks written, the notice numbered and archived: scoring.ranking.issue_result).

Self-assessment: draft/returned → submitted (the unit head) → reviewed (the Office sends it to the
Director) → approved (the Director). The Office returns it to the unit with a reason, the Director sends
it back to the Office with a reason. While the Office reviews it, each change of a score needs a reason
and is written on the timeline old → new (`change_score`); the unit sees each change and may answer
once (`answer`) until the result is approved.
"""
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.models import Unit
from emulation.notifications import notify, office_users, unit_heads
from emulation.phrases import CONFIRM_ISSUE, CONFIRM_SUBMIT_TO_DIRECTOR
from emulation.workflow import Transition, TransitionError, Workflow, log_action, logged_action
from scoring import facts, rules
from scoring.enums import AssessmentStatus as S
from scoring.enums import Category, Method, TableStatus, UNDER_REVIEW
from scoring.models import Assessment, Block, Score

CHANGED = logged_action("score_changed", gettext_lazy("Score changed by the Office"))
ANSWERED = logged_action("score_answered", gettext_lazy("The unit answered the changes"))
SAVED = logged_action("self_assessment_saved", gettext_lazy("Self-assessment saved"))

CONFIRM_START = gettext_lazy(
    "Start scoring? The table is then frozen: its criteria, points and bands can no longer be changed.")
CONFIRM_APPROVE = gettext_lazy("Approve this result? It can then no longer be changed.")


# Tables ---------------------------------------------------------------------------------------------


def _office(user, table):
    return rules.can_manage_tables(user)


def _has_criteria(table):
    if not table.criteria.filter(category=Category.REGULAR).exists():
        return _("Add at least one criterion before starting the scoring.")
    return None


def _can_issue(table):
    waiting = table.assessments.filter(status__in=(S.SUBMITTED, S.REVIEWED)).count()
    if waiting:
        return _("%(count)s self-assessments are still being reviewed: the Director must approve them first.") % {
            "count": waiting}
    if not table.assessments.filter(status=S.APPROVED).exists():
        return _("No self-assessment has been approved yet.")
    if not table.signer_name:
        return _("Fill in who signs the notice (edit the table) before issuing the result.")
    return None


TABLE_WORKFLOW = Workflow([
    Transition((TableStatus.DRAFT,), "open", TableStatus.SCORING, gettext_lazy("Start scoring"), _office,
               condition=_has_criteria, confirm=CONFIRM_START, style="success"),
    Transition((TableStatus.SCORING,), "issue", TableStatus.ISSUED, gettext_lazy("Issue the result"), _office,
               condition=_can_issue, confirm=CONFIRM_ISSUE, style="success"),
])


def units_to_score(table):
    """The units scored against `table`: those that report in its plan during its year and the members of
    the agency's blocks of that year; when there are none, the units directly under the agency's root."""
    ids = facts.required_units(table)
    ids |= set(Block.members.through.objects.filter(block__agency_id=table.agency_id, block__year=table.year)
               .values_list("unit_id", flat=True))
    units = Unit.objects.filter(agency_id=table.agency_id, active=True)
    if ids:
        return units.filter(pk__in=ids)
    return units.filter(parent__isnull=False, parent__parent__isnull=True)


def prefill(assessments, criteria, table):
    """The facts of the reports for `assessments` (all of `table`): target values and report shares as
    (value, fact) per (assessment id, criterion id). Bounded queries."""
    unit_of = {a.pk: a.unit_id for a in assessments}
    unit_ids = list(unit_of.values())
    target_ids = [c.target_id for c in criteria if c.method == Method.TARGET]
    values = facts.target_values(table, target_ids, unit_ids) if target_ids else {}
    shares = facts.report_shares(table, unit_ids) if any(c.method == Method.REPORTS for c in criteria) else {}
    filled = {}
    for assessment_id, unit_id in unit_of.items():
        for criterion in criteria:
            if criterion.method == Method.TARGET and (unit_id, criterion.target_id) in values:
                filled[(assessment_id, criterion.pk)] = values[(unit_id, criterion.target_id)]
            elif criterion.method == Method.REPORTS:
                filled[(assessment_id, criterion.pk)] = shares[unit_id]
    return filled


def open_table(table, *, actor):
    """Start scoring: freeze the table and give every unit to score its self-assessment, one score per
    criterion, with the facts of the reports filled in. Set-wise: a fixed number of queries."""
    with transaction.atomic():
        TABLE_WORKFLOW.perform(table, "open", actor=actor)
        existing = set(table.assessments.values_list("unit_id", flat=True))
        Assessment.objects.bulk_create(
            Assessment(table=table, unit_id=unit_id) for unit_id in units_to_score(table).values_list("pk", flat=True)
            if unit_id not in existing)
        assessments = list(table.assessments.all())
        criteria = list(table.criteria.all())
        filled = prefill(assessments, criteria, table)
        Score.objects.bulk_create(
            (Score(assessment=a, criterion=c, self_value=filled.get((a.pk, c.pk), (None, ""))[0],
                   value=filled.get((a.pk, c.pk), (None, ""))[0], fact=filled.get((a.pk, c.pk), (None, ""))[1])
             for a in assessments for c in criteria), batch_size=2000, ignore_conflicts=True)
    return table


# Self-assessments -------------------------------------------------------------------------------------


def _unit_head(user, assessment):
    return rules.can_submit_assessment(user, assessment)


def _reviewer(user, assessment):
    return rules.can_review(user, assessment)


def _director(user, assessment):
    return rules.can_approve(user, assessment)


def _complete(assessment):
    missing = assessment.scores.filter(criterion__category=Category.REGULAR, value__isnull=True).count()
    if missing:
        return _("%(count)s criteria have no score yet: score every criterion before submitting.") % {"count": missing}
    return None


ASSESSMENT_WORKFLOW = Workflow([
    Transition((S.DRAFT, S.RETURNED), "submit", S.SUBMITTED, gettext_lazy("Submit to the Office"), _unit_head,
               condition=_complete, style="success"),
    Transition((S.SUBMITTED,), "return", S.RETURNED, gettext_lazy("Return to the unit"), _reviewer,
               reason_required=True, style="warning"),
    Transition((S.SUBMITTED,), "to_director", S.REVIEWED, gettext_lazy("Submit to the Director"), _reviewer,
               confirm=CONFIRM_SUBMIT_TO_DIRECTOR),
    Transition((S.REVIEWED,), "approve", S.APPROVED, gettext_lazy("Approve"), _director, style="success",
               confirm=CONFIRM_APPROVE),
    Transition((S.REVIEWED,), "send_back", S.SUBMITTED, gettext_lazy("Send back to the Office"), _director,
               reason_required=True, style="warning"),
])


def assessment_url(assessment):
    return reverse("scoring:assessment_detail", args=[assessment.pk])


def _tell_heads(assessment, text, key):
    for user in unit_heads([assessment.unit_id]).get(assessment.unit_id, []):
        notify(user, text, link=assessment_url(assessment), event_key=key)


def save_self_assessment(assessment, values, *, actor, version):
    """Save the unit's values and evidence: `values` maps a criterion id to (value, evidence). Criteria
    scored from the reports are not the unit's to change. Refused (nothing saved) when the unit may not
    write now or somebody saved meanwhile (`version`)."""
    if not rules.can_write_assessment(actor, assessment):
        raise TransitionError(_("You cannot change this self-assessment now."))
    scores = list(assessment.scores.select_related("criterion"))
    changed = []
    for score in scores:
        if score.criterion_id not in values or score.criterion.method == Method.REPORTS:
            continue
        value, evidence = values[score.criterion_id]
        if (value, evidence) != (score.value, score.evidence):
            score.value = score.self_value = value
            score.evidence = evidence
            changed.append(score)
    with transaction.atomic():
        if not Assessment.objects.filter(pk=assessment.pk, version=version, status__in=(S.DRAFT, S.RETURNED)).update(
                version=version + 1):
            raise TransitionError(_("Somebody else has changed this meanwhile. Reload the page to see its current state."))
        assessment.version = version + 1
        Score.objects.bulk_update(changed, ["value", "self_value", "evidence"])
        if changed:
            log_action(assessment, SAVED, actor=actor, data={"criteria": len(changed)})
    return changed


def submit(assessment, *, actor):
    """Submit the self-assessment: the criteria scored from the reports are read again first."""
    with transaction.atomic():
        criteria = list(assessment.table.criteria.filter(method=Method.REPORTS))
        if criteria:
            filled = prefill([assessment], criteria, assessment.table)
            for criterion in criteria:
                value, fact = filled[(assessment.pk, criterion.pk)]
                assessment.scores.filter(criterion=criterion).update(value=value, self_value=value, fact=fact)
        ASSESSMENT_WORKFLOW.perform(assessment, "submit", actor=actor, changes={"submitted_at": timezone.now()})
    text = _("%(unit)s submitted its self-assessment “%(table)s”.") % {"unit": assessment.unit, "table": assessment.table}
    for user in office_users([assessment.unit.agency_id]).get(assessment.unit.agency_id, []):
        notify(user, text, link=assessment_url(assessment), event_key=f"assessment-submitted:{assessment.pk}:{assessment.version}")


def _number(value):
    return "–" if value is None else f"{Decimal(value).normalize():f}"


def change_score(assessment, criterion_id, new_value, *, reason, actor):
    """The Office changes one score while reviewing: a reason is required and the change (old → new) is
    written on the timeline; the unit's heads are told. Returns the timeline entry."""
    reason = (reason or "").strip()
    if not rules.can_review(actor, assessment):
        raise TransitionError(_("You are not allowed to do this."))
    if assessment.status not in UNDER_REVIEW:
        raise TransitionError(_("Scores can be changed only while the Office reviews the self-assessment."))
    if not reason:
        raise TransitionError(_("Please give a reason."))
    with transaction.atomic():
        score = Score.objects.select_for_update().select_related("criterion").filter(
            assessment=assessment, criterion_id=criterion_id).first()
        if score is None:
            raise TransitionError(_("This criterion is not part of the table."))
        if new_value is not None and new_value > score.criterion.max_points and score.criterion.method in (
                Method.MANUAL,):
            raise TransitionError(_("At most %(max)s points.") % {"max": _number(score.criterion.max_points)})
        if score.value == new_value:
            raise TransitionError(_("The new value is the same as the current one."))
        old = score.value
        score.value = new_value
        score.save(update_fields=["value"])
        entry = log_action(assessment, CHANGED, actor=actor, reason=reason, data={
            "criterion": score.criterion.text, "criterion_id": criterion_id, "old": _number(old), "new": _number(new_value)})
    _tell_heads(assessment, _("The Office changed a score of your self-assessment (%(criterion)s: %(old)s → %(new)s): %(reason)s") % {
        "criterion": score.criterion.text, "old": _number(old), "new": _number(new_value), "reason": reason},
        f"score-changed:{entry.pk}")
    return entry


def changes_of(assessment):
    """The Office's changes of scores, oldest first (timeline entries with data old/new/criterion)."""
    return [entry for entry in ASSESSMENT_WORKFLOW.timeline(assessment) if entry.action == CHANGED]


def answer(assessment, text, *, actor):
    """The unit's one answer to the Office's changes, until the result is approved."""
    text = (text or "").strip()
    if not rules.can_answer(actor, assessment):
        raise TransitionError(_("You are not allowed to do this."))
    if assessment.status not in (S.SUBMITTED, S.REVIEWED):
        raise TransitionError(_("The result is approved: it can no longer be answered."))
    if not text:
        raise TransitionError(_("Write your answer first."))
    if not changes_of(assessment):
        raise TransitionError(_("The Office has not changed any score: there is nothing to answer."))
    with transaction.atomic():
        now = timezone.now()
        if not Assessment.objects.filter(pk=assessment.pk, answer="").update(answer=text, answered_at=now):
            raise TransitionError(_("The unit has already answered: an answer can be given only once."))
        assessment.answer, assessment.answered_at = text, now
        log_action(assessment, ANSWERED, actor=actor, reason=text)
    return assessment


def act(assessment, action, *, actor, reason=""):
    """The one entry of the self-assessment workflow for button actions. Raises TransitionError."""
    if action == "submit":
        return submit(assessment, actor=actor)
    entry = ASSESSMENT_WORKFLOW.perform(assessment, action, actor=actor, reason=reason)
    if action == "return":
        _tell_heads(assessment, _("The Office returned your self-assessment “%(table)s”: %(reason)s") % {
            "table": assessment.table, "reason": reason.strip()}, f"assessment-returned:{entry.pk}")
    return entry

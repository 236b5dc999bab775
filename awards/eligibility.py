"""Eligibility of a person or a unit for an award in a year, judged by the rule set in force for that year.

`evaluate(award_type, year, staff=… | unit=…, nomination=None)` returns a `Verdict`: one `Check` per
rule (or per group of alternative rules), each met or not, with the reason in the user's language and
the legal basis of the rule. A failed check warns; it never blocks (the council decides), and an
override (`EligibilityOverride`) records who set it aside and why.

General principles applied while reading the history (besides the rules that state them):
- only annual (merit) awards of types that count toward look-backs are counted in look-backs: ad hoc
  and thematic awards are not (NĐ 152/2025 Điều 4);
- achievements count only from the year after a discipline ended (years up to its end are skipped);
- an initiative supports one award only: one already used by another live nomination is not counted;
- for the year under review, a live nomination of the prerequisite award (e.g. Lao động tiên tiến of
  the same year, proposed in the same round) counts as held, and the reason says so.

The history is read in a bounded number of queries (about ten), whatever the number of rules or years.
"""
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import (
    AwardKind, AwardRecord, AwardType, Discipline, EligibilityOverride, Evaluation, Initiative, Nomination,
    ReviewFlag, Rule, RuleSet,
)
from emulation.models import Staff
from emulation.workflow import TransitionError, log_action, logged_action


@dataclass
class Check:
    key: str
    requirement: str
    met: bool
    reason: str
    legal_basis: str
    override: EligibilityOverride | None = None

    @property
    def can_be_set_aside(self):
        """A condition the law makes absolute (an award to a unit dissolved or merged before the proposal,
        TT 15/2025/TT-BNV) is never set aside; every other failed condition may be, with a reason."""
        return not self.key.startswith(f"{Rule.Kind.UNIT_EXISTS}:")

    @property
    def passes(self):
        return self.met or (self.override is not None and self.can_be_set_aside)


@dataclass
class Verdict:
    rule_set: RuleSet | None
    year: int
    checks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def eligible(self):
        return self.rule_set is not None and all(check.passes for check in self.checks)

    @property
    def failed(self):
        return [check for check in self.checks if not check.passes]

    def check(self, kind_or_key):
        """The first check whose key starts with `kind_or_key` (for tests and templates)."""
        return next(c for c in self.checks if c.key.startswith(kind_or_key))


def _years(values):
    return ", ".join(str(v) for v in sorted(values)) or _("none")


def _day(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def _percent(part, whole):
    return round(part * 100 / whole) if whole else 0


class History:
    """Everything the rules read about one person or one unit, loaded once."""

    def __init__(self, *, year, staff=None, unit=None, nomination=None, as_of=None):
        self.year = year
        self.staff = staff
        self.unit = unit
        self.nomination = nomination
        self.as_of = as_of or timezone.localdate()
        self.types = {t.code: t for t in AwardType.objects.all()}
        exclude_self = Q(pk=nomination.pk) if nomination and nomination.pk else Q(pk__in=[])
        live = Nomination.objects.exclude(status=Nomination.Status.REJECTED).exclude(exclude_self)
        start, end = date(year, 1, 1), date(year, 12, 31)
        if staff is not None:
            subject = Q(staff=staff)
            self.disciplines = list(Discipline.objects.filter(staff=staff))
            self.initiatives = list(Initiative.objects.filter(authors=staff).order_by("year", "pk"))
            used = Nomination.initiatives.through.objects.filter(
                initiative__in=[i.pk for i in self.initiatives],
                nomination__in=live,
            ).values_list("initiative_id", "nomination__award_type__name", "nomination__year")
            self.used = {initiative: (name, used_year) for initiative, name, used_year in used}
            self.members = []
        else:
            subject = Q(unit=unit)
            self.disciplines, self.initiatives, self.used = [], [], {}
            self.members = list(Staff.objects.filter(unit__path__startswith=unit.path, active=True).only("pk", "full_name"))
            member_ids = [m.pk for m in self.members]
            self.member_awards = {}
            for staff_id, code in AwardRecord.objects.filter(
                staff__in=member_ids, year=year, kind=AwardKind.REGULAR
            ).values_list("staff_id", "award_type__code"):
                self.member_awards.setdefault(code, set()).add(staff_id)
            for staff_id, code in live.filter(staff__in=member_ids, year=year).values_list("staff_id", "award_type__code"):
                self.member_awards.setdefault(code, set()).add(staff_id)
            self.member_levels = dict(Evaluation.objects.filter(staff__in=member_ids, year=year).values_list("staff_id", "level"))
            self.member_disciplines = list(
                Discipline.objects.filter(staff__in=member_ids, valid_from__lte=end)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start)).select_related("staff")
            )
        self.records = list(AwardRecord.objects.filter(subject).select_related("award_type"))
        self.pending = set(live.filter(subject, year=year).values_list("award_type__code", flat=True))
        self.levels = dict(Evaluation.objects.filter(subject).values_list("year", "level"))
        self.flags = list(ReviewFlag.objects.filter(subject, opened_on__lte=self.as_of).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=self.as_of)
        ))
        self.selected = set(nomination.initiatives.values_list("pk", flat=True)) if nomination and nomination.pk else set()
        # Achievements count from the year after the last discipline that ended before the year under review.
        ended = [d.valid_to for d in self.disciplines if d.valid_to and d.valid_to < date(year, 1, 1)]
        self.discipline_end = max(ended) if ended else None
        self.counted_from = self.discipline_end.year + 1 if self.discipline_end else 0

    def counted_years(self, code):
        """Years in which the subject holds award `code` in a way that counts toward look-backs."""
        return {
            r.year for r in self.records
            if r.award_type.code == code and r.kind == AwardKind.REGULAR
            and r.award_type.counts_toward_lookbacks and r.year >= self.counted_from
        }

    def skipped_years(self, code):
        """Years of award `code` that exist but do not count (ad hoc/thematic, or before a discipline ended)."""
        return {r.year for r in self.records if r.award_type.code == code} - self.counted_years(code)

    def award_name(self, code):
        award = self.types.get(code)
        return award.name if award else code


# Rule evaluators: each returns (requirement, met, reason) ------------------------------------------

def _consecutive_awards(history, params):
    code, count = params["award"], int(params.get("years", 1))
    name = history.award_name(code)
    window = range(history.year - count + 1, history.year + 1)
    held = history.counted_years(code) & set(window)
    notes = []
    if history.year not in held and code in history.pending:
        held.add(history.year)
        notes.append(_("%(year)s: proposed in this round") % {"year": history.year})
    skipped = history.skipped_years(code) & set(window)
    if skipped:
        notes.append(_("not counted (ad hoc or thematic award, or before a discipline ended): %(years)s") % {"years": _years(skipped)})
    missing = [y for y in window if y not in held]
    if count == 1:
        requirement = _("%(award)s in %(year)s") % {"award": name, "year": history.year}
        reason = (_("Holds %(award)s for %(year)s") if not missing else _("Does not hold %(award)s for %(year)s")) % {
            "award": name, "year": history.year,
        }
    else:
        requirement = _("%(award)s for %(count)s consecutive years (%(first)s–%(last)s)") % {
            "award": name, "count": count, "first": window[0], "last": window[-1],
        }
        if not missing:
            reason = _("%(award)s in %(years)s") % {"award": name, "years": _years(held)}
        else:
            reason = _("Not yet %(count)s consecutive years of %(award)s: %(years)s — missing %(missing)s") % {
                "count": count, "award": name, "years": _years(held), "missing": _years(missing),
            }
    if notes:
        reason = f"{reason} ({'; '.join(notes)})"
    return requirement, not missing, reason


def _evaluation(history, params):
    level, count = int(params["level"]), int(params.get("years", 1))
    label = Evaluation.Level(level).label
    window = range(history.year - count + 1, history.year + 1)
    requirement = (
        _("Evaluation “%(level)s” or better in %(year)s") % {"level": label, "year": history.year} if count == 1
        else _("Evaluation “%(level)s” or better in %(first)s–%(last)s") % {"level": label, "first": window[0], "last": window[-1]}
    )
    parts, met = [], True
    for year in window:
        found = history.levels.get(year)
        if found is None:
            parts.append(_("%(year)s: no evaluation recorded") % {"year": year})
            met = False
        elif year < history.counted_from:
            parts.append(_("%(year)s: not counted, before the discipline ended") % {"year": year})
            met = False
        else:
            parts.append(f"{year}: {Evaluation.Level(found).label}")
            met = met and found >= level
    return requirement, met, "; ".join(parts)


def _initiative(history, params):
    level, count, years = int(params.get("level", 1)), int(params.get("count", 1)), int(params.get("years", 1))
    window = range(history.year - years + 1, history.year + 1)
    label = Initiative.Level(level).label
    requirement = _("%(count)s initiative(s) recognised at %(level)s or above in %(first)s–%(last)s") % {
        "count": count, "level": label.lower(), "first": window[0], "last": window[-1],
    }
    counted, notes = [], []
    for initiative in history.initiatives:
        if initiative.level < level or initiative.year not in window or initiative.year < history.counted_from:
            continue
        if history.selected and initiative.pk not in history.selected:
            continue
        if initiative.pk in history.used:
            award, used_year = history.used[initiative.pk]
            notes.append(_("“%(title)s” is already used for %(award)s %(year)s") % {
                "title": initiative.title, "award": award, "year": used_year,
            })
            continue
        counted.append(initiative)
    reason = _("%(found)s of %(count)s: %(titles)s") % {
        "found": len(counted), "count": count,
        "titles": "; ".join(f"{i.title} ({i.year})" for i in counted) or _("none"),
    }
    if notes:
        reason = f"{reason}. {' '.join(notes)}"
    return requirement, len(counted) >= count, reason


def _service_months(history, params):
    months = int(params["months"])
    requirement = _("At least %(months)s months of service by 31/12/%(year)s") % {"months": months, "year": history.year}
    since = history.staff.employed_since if history.staff else None
    if since is None:
        return requirement, False, _("The start date of employment is not recorded")
    served = (history.year - since.year) * 12 + (12 - since.month) + (1 if since.day == 1 else 0)
    return requirement, served >= months, _("Employed since %(date)s: %(months)s months") % {"date": _day(since), "months": max(served, 0)}


def _no_discipline(history, params):
    start, end = date(history.year, 1, 1), date(history.year, 12, 31)
    requirement = _("No discipline in force in %(year)s") % {"year": history.year}
    current = [d for d in history.disciplines if d.valid_from <= end and (d.valid_to is None or d.valid_to >= start)]
    if current:
        d = current[0]
        return requirement, False, _("Disciplined (%(form)s) from %(start)s to %(end)s") % {
            "form": d.get_form_display().lower(), "start": _day(d.valid_from),
            "end": _day(d.valid_to) if d.valid_to else _("no end date"),
        }
    if history.discipline_end:
        return requirement, True, _("No discipline in force; achievements count from the end of the discipline on %(date)s") % {
            "date": _day(history.discipline_end),
        }
    return requirement, True, _("No discipline recorded")


def _not_under_review(history, params):
    requirement = _("Not under investigation, inspection, complaint or disciplinary review")
    if history.flags:
        flag = history.flags[0]
        return requirement, False, _("%(kind)s under review since %(date)s") % {"kind": flag.get_kind_display(), "date": _day(flag.opened_on)}
    return requirement, True, _("Nothing under review")


def _unit_exists(history, params):
    unit = history.unit
    requirement = _("The unit still exists (not dissolved or merged)")
    if unit.dissolved_on or unit.merged_into_id or not unit.active:
        when = _day(unit.dissolved_on) if unit.dissolved_on else "—"
        return requirement, False, _("The unit was dissolved or merged (%(date)s)") % {"date": when}
    return requirement, True, _("The unit is active")


def _member_share(history, params):
    code, percent = params["award"], int(params["percent"])
    total = len(history.members)
    holders = len(history.member_awards.get(code, set()))
    name = history.award_name(code)
    requirement = _("At least %(percent)s %% of the members hold %(award)s in %(year)s") % {"percent": percent, "award": name, "year": history.year}
    return requirement, total > 0 and holders * 100 >= percent * total, _("%(part)s of %(total)s people (%(share)s %%) hold or are proposed for %(award)s") % {
        "part": holders, "total": total, "share": _percent(holders, total), "award": name,
    }


def _member_evaluation(history, params):
    level, percent = int(params["level"]), int(params["percent"])
    total = len(history.members)
    good = sum(1 for m in history.members if history.member_levels.get(m.pk, 0) >= level)
    label = Evaluation.Level(level).label
    requirement = _("At least %(percent)s %% of the members evaluated “%(level)s” or better in %(year)s") % {
        "percent": percent, "level": label, "year": history.year,
    }
    return requirement, total > 0 and good * 100 >= percent * total, _("%(part)s of %(total)s people (%(share)s %%)") % {
        "part": good, "total": total, "share": _percent(good, total),
    }


def _member_award_count(history, params):
    code, count = params["award"], int(params.get("count", 1))
    holders = len(history.member_awards.get(code, set()))
    name = history.award_name(code)
    requirement = _("At least %(count)s member(s) with %(award)s in %(year)s") % {"count": count, "award": name, "year": history.year}
    return requirement, holders >= count, _("%(count)s member(s) hold or are proposed for %(award)s") % {"count": holders, "award": name}


def _no_member_discipline(history, params):
    minimum = int(params.get("min_form", Discipline.Form.WARNING))
    label = Discipline.Form(minimum).label.lower()
    requirement = _("No member disciplined at “%(form)s” or above in %(year)s") % {"form": label, "year": history.year}
    found = sorted({d.staff.full_name for d in history.member_disciplines if d.form >= minimum})
    if found:
        return requirement, False, _("Disciplined: %(names)s") % {"names": ", ".join(found)}
    return requirement, True, _("No member disciplined")


EVALUATORS = {
    Rule.Kind.CONSECUTIVE_AWARDS: _consecutive_awards,
    Rule.Kind.EVALUATION: _evaluation,
    Rule.Kind.INITIATIVE: _initiative,
    Rule.Kind.SERVICE_MONTHS: _service_months,
    Rule.Kind.NO_DISCIPLINE: _no_discipline,
    Rule.Kind.NOT_UNDER_REVIEW: _not_under_review,
    Rule.Kind.UNIT_EXISTS: _unit_exists,
    Rule.Kind.MEMBER_SHARE: _member_share,
    Rule.Kind.MEMBER_EVALUATION: _member_evaluation,
    Rule.Kind.MEMBER_AWARD_COUNT: _member_award_count,
    Rule.Kind.NO_MEMBER_DISCIPLINE: _no_member_discipline,
}


def rules_for(rule_set, award_type):
    return list(
        rule_set.rules.filter(
            Q(award_type=award_type) | Q(award_type__isnull=True, subject__in=["", award_type.subject])
        ).order_by("order", "pk")
    )


def evaluate(award_type, year, *, staff=None, unit=None, nomination=None, as_of=None):
    """The verdict for `staff` (or `unit`) and `award_type` in `year`; see the module docstring."""
    rule_set = RuleSet.for_year(year)
    verdict = Verdict(rule_set=rule_set, year=year)
    if rule_set is None:
        verdict.warnings.append(_("No rule set is in force for %(year)s: the conditions cannot be checked.") % {"year": year})
        return verdict
    history = History(year=year, staff=staff, unit=unit, nomination=nomination, as_of=as_of)
    overrides = {o.rule_key: o for o in nomination.overrides.select_related("by")} if nomination and nomination.pk else {}
    groups = {}
    for rule in rules_for(rule_set, award_type):
        requirement, met, reason = EVALUATORS[rule.kind](history, rule.params)
        if rule.alternative:
            groups.setdefault(rule.alternative, []).append((rule, requirement, met, reason))
            continue
        key = f"{rule.kind}:{rule.pk}"
        verdict.checks.append(Check(key, requirement, met, reason, rule.legal_basis, overrides.get(key)))
    for group, members in groups.items():
        branches = {}
        for rule, requirement, met, reason in members:
            branches.setdefault(rule.branch or str(rule.pk), []).append((requirement, met, reason, rule.legal_basis))
        met = any(all(item[1] for item in branch) for branch in branches.values())
        requirement = _("One of: %(options)s") % {
            "options": _(" or ").join(" + ".join(item[0] for item in branch) for branch in branches.values())
        }
        reason = "; ".join(item[2] for branch in branches.values() for item in branch)
        basis = "; ".join(dict.fromkeys(item[3] for branch in branches.values() for item in branch))
        key = f"alternative:{award_type.code}:{group}"
        verdict.checks.append(Check(key, requirement, met, reason, basis, overrides.get(key)))
    return verdict


def quota(nomination):
    """(count, allowed, base) of nominations of this award by this unit in this round, or None without a quota."""
    award = nomination.award_type
    if not award.quota_percent:
        return None
    live = Nomination.objects.filter(round=nomination.round, unit=nomination.unit).exclude(status=Nomination.Status.REJECTED)
    count = live.filter(award_type=award).exclude(pk=nomination.pk).count() + 1
    if award.quota_base_id:
        base = live.filter(award_type=award.quota_base_id).count()
    else:
        base = Staff.objects.filter(unit__path__startswith=nomination.unit.path, active=True).count()
    return count, base * award.quota_percent // 100, base


def evaluate_nomination(nomination, as_of=None):
    """The verdict of a nomination, with its overrides and the live quota warning."""
    verdict = evaluate(
        nomination.award_type, nomination.round.year, staff=nomination.staff, unit=nomination.nominee_unit,
        nomination=nomination, as_of=as_of,
    )
    counted = quota(nomination)
    if counted and counted[0] > counted[1]:
        count, allowed, base = counted
        verdict.warnings.append(
            _("Over the quota: %(count)s nominations for %(award)s, at most %(allowed)s (%(percent)s %% of %(base)s).") % {
                "count": count, "award": nomination.award_type.name, "allowed": allowed,
                "percent": nomination.award_type.quota_percent, "base": base,
            }
        )
    return verdict


# Setting a condition aside ---------------------------------------------------------------------------

SET_ASIDE = logged_action("set_aside", gettext_lazy("Condition set aside"))


def set_aside(nomination, rule_key, reason, *, actor):
    """Set the failed condition `rule_key` of `nomination` aside with `reason`: an EligibilityOverride and
    a timeline row on the nomination ("set_aside", with the rule's text). Permission is the caller's
    (awards.rules.can_override). Raises TransitionError when the reason is empty, the condition did not
    fail or cannot be set aside (a condition the law makes absolute), or it was already set aside (also
    when two people do it at the same moment)."""
    reason = (reason or "").strip()
    if nomination.overrides.filter(rule_key=rule_key).exists():
        raise TransitionError(_("This condition has already been set aside."))
    failed = {check.key: check for check in evaluate_nomination(nomination).failed if check.can_be_set_aside}
    if not reason or rule_key not in failed:
        raise TransitionError(_("Give a reason for setting this condition aside."))
    check = failed[rule_key]
    try:
        with transaction.atomic():
            override = EligibilityOverride.objects.create(
                nomination=nomination, rule_key=check.key, rule_text=check.requirement[:300], reason=reason, by=actor,
            )
            log_action(nomination, SET_ASIDE, actor=actor, reason=reason,
                       data={"rule": check.key, "text": check.requirement[:300]})
    except IntegrityError:
        raise TransitionError(_("This condition has already been set aside.")) from None
    return override

"""What each person and unit qualifies for (issue 13 §3): for a year, the highest title or form their
history supports under the rule set of that year, with the rules that decide it, and what they would
qualify for the next year if this year goes as registered.

Set-wise: one page of people (or units) is judged with one HistoryBatch per year (a fixed number of
queries whatever the page size, see awards.eligibility), never one query per person. Nothing is stored.
"""
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.eligibility import HistoryBatch, judge, rule_outcome, rules_for
from awards.models import AwardKind, AwardRound, AwardType, Nomination, RegistrationLine, Rule, RuleSet
from emulation.workflow import TransitionError

LEVEL_RANK = {AwardType.Level.DEPARTMENT: 1, AwardType.Level.PROVINCE: 2, AwardType.Level.MINISTRY: 3,
              AwardType.Level.NATIONAL: 4}


def height(award):
    """Higher level first; at one level a title above a form (CSTĐCS above Giấy khen), then the catalogue order."""
    return (LEVEL_RANK.get(award.level, 0), award.category == AwardType.Category.TITLE, award.order)


@dataclass
class Outcome:
    award: AwardType | None
    checks: list  # the award's own checks (not the general principles): the rules that decide it
    year: int
    #: Awards of the year the outcome rests on that are only proposed (live nominations), as "Award year".
    assumes: list = field(default_factory=list)

    @property
    def condition(self):
        """"if <award> <year> is recognised" when the outcome rests on awards only proposed, else ""."""
        if not self.assumes:
            return ""
        return _("if %(awards)s is recognised") % {"awards": _(" and ").join(self.assumes)}

    @property
    def legal_basis(self):
        return "; ".join(dict.fromkeys(check.legal_basis for check in self.checks))


@dataclass
class Line:
    subject: object  # a Staff or a Unit
    now: Outcome
    next: Outcome | None
    registered: list  # award names registered for the year


def candidates(rule_set, subject, rules):
    """Active award types of `subject` with at least one rule of their own in `rule_set`, highest first:
    an award without its own rules (e.g. the Prime Minister's certificate, decided upstream) cannot be
    read from a history."""
    if rule_set is None:
        return []
    own = {rule.award_type_id for rule in rules if rule.award_type_id}
    return sorted((a for a in AwardType.objects.filter(subject=subject, active=True) if a.pk in own), key=height, reverse=True)


def _proposed_only(history, award, rules, verdict):
    """The awards of the year that `verdict` counts as held only because they are proposed: a consecutive-
    award rule met through a live nomination of the year, alone or on the alternative path it rests on."""
    paths = {check.key.split(":")[-1]: check.path for check in verdict.checks if check.key.startswith("alternative:")}
    found = []
    for rule in rules_for(history.rule_set, award, rules):
        if rule.kind != Rule.Kind.CONSECUTIVE_AWARDS:
            continue
        code = rule.params["award"]
        if code not in history.pending or history.year in history.counted_years(code):
            continue
        if rule.alternative and rule_outcome(rule, history)[0] not in paths.get(rule.alternative, "").split(" + "):
            continue
        found.append(f"{history.award_name(code)} {history.year}")
    return list(dict.fromkeys(found))


def _highest(history, awards, rules):
    for award in awards:
        verdict = judge(award, history, rules)
        if verdict.eligible:
            own = [rule.pk for rule in rules_for(history.rule_set, award, rules) if rule.award_type_id]
            deciding = [c for c in verdict.checks if c.key.startswith("alternative:") or int(c.key.split(":")[-1]) in own]
            return Outcome(award, deciding, history.year, _proposed_only(history, award, rules, verdict))
    return Outcome(None, [], history.year)


def _judge_all(year, subjects, **kwargs):
    rule_set = RuleSet.for_year(year)
    rules = list(rule_set.rules.order_by("order", "pk")) if rule_set else []
    types = {t.code: t for t in AwardType.objects.all()}
    batch = HistoryBatch(year, subjects, rule_set=rule_set, rules=rules, types=types, **kwargs)
    return batch, rule_set, rules


def qualify_people(people, year):
    """A Line per person of `people` (a page): the highest award for `year`, and for `year + 1` assuming
    the titles registered for `year` are achieved that year and again the next, with the same evaluation."""
    people = list(people)
    if not people:
        return []
    registered = {}
    for staff_id, code, name in RegistrationLine.objects.filter(
            staff__in=people, registration__year=year).values_list("staff_id", "award_type__code", "award_type__name"):
        registered.setdefault(staff_id, []).append((code, name))
    batch, rule_set, rules = _judge_all(year, [(p, None, None) for p in people])
    awards = candidates(rule_set, AwardType.Subject.INDIVIDUAL, rules)
    levels = {h.staff.pk: h.levels.get(year) for h in batch.histories}
    later, later_set, later_rules = _judge_all(
        year + 1, [(p, None, None) for p in people],
        extra_records={pk: [(code, y) for code, _name in items for y in (year, year + 1)] for pk, items in registered.items()},
        assume_levels={pk: {year + 1: level} for pk, level in levels.items() if level},
    )
    later_awards = candidates(later_set, AwardType.Subject.INDIVIDUAL, later_rules)
    return [
        Line(person, _highest(now, awards, rules), _highest(nxt, later_awards, later_rules) if later_set else None,
             [name for _code, name in registered.get(person.pk, [])])
        for person, now, nxt in zip(people, batch.histories, later.histories)
    ]


def qualify_units(units, year):
    """A Line per unit of `units` (a page): the highest collective award for `year`."""
    units = list(units)
    if not units:
        return []
    batch, rule_set, rules = _judge_all(year, [(None, u, None) for u in units])
    awards = candidates(rule_set, AwardType.Subject.COLLECTIVE, rules)
    return [Line(unit, _highest(history, awards, rules), None, []) for unit, history in zip(units, batch.histories)]


def open_round(year, user):
    """The open annual round of `year` of the user's agency a nomination started from the page goes into,
    or None."""
    rounds = AwardRound.objects.visible_to(user).filter(is_open=True, year=year).order_by("-opens_on")
    return rounds.filter(kind=AwardKind.REGULAR).first() or rounds.first()


def start_nomination(award, *, round, actor, staff=None, unit=None):
    """A draft nomination of `staff` (or `unit`) for `award` in `round`, proposed by the person's unit (or
    the unit itself), for the unit head to complete. Permission is the caller's (awards.rules
    .can_propose_for). Raises TransitionError when the award does not fit the subject or the subject is
    already proposed for it this year."""
    if (award.subject == AwardType.Subject.COLLECTIVE) != (unit is not None):
        raise TransitionError(_("This award is not for this kind of nominee."))
    try:
        with transaction.atomic():
            return Nomination.objects.create(
                round=round, award_type=award, staff=staff, nominee_unit=unit, unit=staff.unit if staff else unit,
                achievements="", created_by=actor,
            )
    except IntegrityError:
        raise TransitionError(_("%(name)s is already proposed for %(award)s this year.") % {
            "name": staff.full_name if staff else unit.name, "award": award.name}) from None

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
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format, number_format
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
    path: str = ""  # for a group of alternatives: the path the verdict rests on
    #: Met only in part (achievements counted from after a discipline ended): a warning, not a plain pass.
    partly: bool = False

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

    @property
    def cautions(self):
        """The checks met only in part, as “requirement: reason” (stored with the warnings of a round's check)."""
        return [f"{check.requirement}: {check.reason}" for check in self.checks if check.met and check.partly]

    @property
    def has_warnings(self):
        """A condition met only in part, or a warning of the verdict (an internal quota): the headline says so."""
        return bool(self.warnings) or any(check.met and check.partly for check in self.checks)

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
    """Everything the rules read about one person or one unit for one year: plain data, filled set-wise by
    `HistoryBatch` (never one query per subject)."""

    def __init__(self, *, year, as_of, types, rule_set, staff=None, unit=None, nomination=None, outsider=None):
        self.year, self.as_of, self.types, self.rule_set = year, as_of, types, rule_set
        self.staff, self.unit, self.nomination, self.outsider = staff, unit, nomination, outsider
        self.records = []  # (award code, year, kind, record pk)
        self.levels = {}
        self.disciplines = []
        self.initiatives = []
        self.used = {}  # initiative pk -> (award name, year) of another live nomination or a recorded award
        self.pending = set()
        self.flags = []
        self.selected = set()
        self.path = nomination.path if nomination is not None else ""
        # A collective's members, by aggregate (HistoryBatch._members).
        self.member_total = 0
        self.member_holders = {}  # award code -> members holding or proposed for it in the year
        self.member_evaluated = {}  # level -> members evaluated at that level or better
        self.member_disciplined = []  # (name, form) of members disciplined in the year
        self.block_rankings = None  # a collective's issued block rankings (BlockRankings), shared by its batch

    def settle(self):
        """Derive the discipline dates once the disciplines are loaded."""
        end_of_year = date(self.year, 12, 31)
        ended = [d.valid_to for d in self.disciplines if d.valid_to and d.valid_to < end_of_year]
        self.discipline_end = max(ended) if ended else None
        # Achievements count from the day after the last discipline ended (NĐ 152/2025 Điều 4).
        self.counted_from = self.discipline_end + timedelta(days=1) if self.discipline_end else None
        return self

    def year_counts(self, year):
        """Whether achievements of `year` count: it ends after the last discipline ended."""
        return self.counted_from is None or date(year, 12, 31) >= self.counted_from

    def counted_years(self, code):
        """Years in which the subject holds award `code` in a way that counts toward look-backs."""
        return {
            year for award, year, kind, _pk in self.records
            if award == code and kind == AwardKind.REGULAR and self.types[award].counts_toward_lookbacks
            and self.year_counts(year)
        }

    def left_out_records(self, code, window, missing):
        """“Award year (kind)” of each record left out of a look-back of `code` over `window`: ad hoc,
        thematic or not counting toward look-backs, of `code` in the window or of any award in a `missing`
        year, in year order."""
        found = sorted(
            (year, self.award_name(award), AwardKind(kind).label)
            for award, year, kind, _pk in self.records
            if (kind != AwardKind.REGULAR or not self.types[award].counts_toward_lookbacks)
            and ((award == code and year in window) or year in missing)
        )
        return [f"{name} {year} ({kind})" for year, name, kind in found]

    def before_discipline_years(self, code):
        return {year for award, year, _kind, _pk in self.records if award == code and not self.year_counts(year)}

    def award_name(self, code):
        award = self.types.get(code)
        return award.name if award else code


def _member_codes_and_levels(rules):
    codes, levels, min_forms = set(), set(), set()
    for rule in rules:
        if rule.kind in (Rule.Kind.MEMBER_SHARE, Rule.Kind.MEMBER_AWARD_COUNT):
            codes.add(rule.params["award"])
        elif rule.kind == Rule.Kind.MEMBER_EVALUATION:
            levels.add(int(rule.params["level"]))
        elif rule.kind == Rule.Kind.NO_MEMBER_DISCIPLINE:
            min_forms.add(int(rule.params.get("min_form", Discipline.Form.WARNING)))
    return codes, levels, (min(min_forms) if min_forms else None)


class HistoryBatch:
    """The history of many people and units for one year, read in a fixed number of queries whatever
    their number (about twelve, plus one aggregate over the members of the collectives).

    `subjects`: (staff or None, unit or None, nomination or None) triples. A collective's members are
    counted in the database (counts by aggregate over the unit's subtree), never loaded one by one.
    `extra_records` ({staff pk: [(code, year)]}) adds assumed awards (the outlook of the qualification
    page); `assume_levels` ({staff pk: {year: level}}) assumed evaluations.
    """

    def __init__(self, year, subjects, *, as_of=None, rule_set=None, types=None, rules=None,
                 extra_records=None, assume_levels=None):
        self.year = year
        self.as_of = as_of or timezone.localdate()
        self.rule_set = rule_set if rule_set is not None else RuleSet.for_year(year)
        self.types = types if types is not None else {t.code: t for t in AwardType.objects.all()}
        self.rules = rules if rules is not None else (
            list(self.rule_set.rules.order_by("order", "pk")) if self.rule_set else [])
        by_pk = self._codes = {t.pk: t.code for t in self.types.values()}
        self.histories = []
        staff_ids = {s.pk for s, _u, _n in subjects if s is not None}
        unit_ids = {u.pk for s, u, _n in subjects if s is None and u is not None}
        nomination_ids = {n.pk for _s, _u, n in subjects if n is not None and n.pk}
        for staff, unit, nomination in subjects:
            # An outside nominee (awards.Outsider) is reached through its nomination.
            outsider = nomination.outsider if (staff is None and unit is None and nomination is not None
                                               and nomination.outsider_id) else None
            self.histories.append(History(year=year, as_of=self.as_of, types=self.types, rule_set=self.rule_set,
                                          staff=staff, unit=unit if staff is None else None, nomination=nomination,
                                          outsider=outsider))
        outsiders = {}
        for h in self.histories:
            if h.outsider is not None:
                outsiders.setdefault(h.outsider.pk, []).append(h)
        if outsiders:
            self._outsiders(outsiders)
        people = {h.staff.pk: [] for h in self.histories if h.staff is not None}
        for h in self.histories:
            if h.staff is not None:
                people[h.staff.pk].append(h)
        collectives = {}
        for h in self.histories:
            if h.staff is None and h.unit is not None:
                collectives.setdefault(h.unit.pk, []).append(h)

        rankings = BlockRankings(year, set(collectives))
        for items in collectives.values():
            for h in items:
                h.block_rankings = rankings

        def each(staff_id, unit_id):
            return people.get(staff_id, []) if staff_id else collectives.get(unit_id, [])

        subject = Q(staff__in=staff_ids) | Q(unit__in=unit_ids)
        live = Nomination.objects.exclude(status=Nomination.Status.REJECTED)
        for staff_id, unit_id, type_id, record_year, kind, pk in AwardRecord.objects.filter(subject).values_list(
                "staff_id", "unit_id", "award_type_id", "year", "kind", "pk"):
            for h in each(staff_id, unit_id):
                h.records.append((by_pk[type_id], record_year, kind, pk))
        for staff_pk, items in (extra_records or {}).items():
            for h in people.get(staff_pk, []):
                h.records.extend((code, record_year, AwardKind.REGULAR, None) for code, record_year in items)
        for staff_id, unit_id, level_year, level in Evaluation.objects.filter(subject).values_list(
                "staff_id", "unit_id", "year", "level"):
            for h in each(staff_id, unit_id):
                h.levels[level_year] = level
        for staff_pk, levels in (assume_levels or {}).items():
            for h in people.get(staff_pk, []):
                for level_year, level in levels.items():
                    h.levels.setdefault(level_year, level)
        if staff_ids:
            for discipline in Discipline.objects.filter(staff__in=staff_ids):
                for h in people[discipline.staff_id]:
                    h.disciplines.append(discipline)
            authored = {}
            for link in Initiative.authors.through.objects.filter(staff__in=staff_ids).select_related("initiative") \
                    .order_by("initiative__year", "initiative_id"):
                authored.setdefault(link.staff_id, []).append(link.initiative)
                for h in people[link.staff_id]:
                    h.initiatives.append(link.initiative)
            initiative_ids = {i.pk for items in authored.values() for i in items}
            # Who already used each initiative: live nominations (NOT the one judged) and recorded awards
            # (decided here or imported with the initiative named), except the record of the judged one.
            uses = {}
            for initiative, nomination_pk, type_id, used_year in Nomination.initiatives.through.objects.filter(
                    initiative__in=initiative_ids, nomination__in=live).values_list(
                    "initiative_id", "nomination_id", "nomination__award_type_id", "nomination__year"):
                uses.setdefault(initiative, []).append((("n", nomination_pk), by_pk[type_id], used_year))
            for initiative, record_pk, nomination_pk, type_id, used_year in AwardRecord.initiatives.through.objects.filter(
                    initiative__in=initiative_ids).values_list(
                    "initiative_id", "awardrecord_id", "awardrecord__nomination_id", "awardrecord__award_type_id",
                    "awardrecord__year"):
                uses.setdefault(initiative, []).append((("n", nomination_pk) if nomination_pk else ("r", record_pk),
                                                        by_pk[type_id], used_year))
            for h in people.values():
                for history in h:
                    own = ("n", history.nomination.pk) if history.nomination is not None and history.nomination.pk else None
                    for initiative in history.initiatives:
                        for key, code, used_year in uses.get(initiative.pk, []):
                            if key != own:
                                history.used[initiative.pk] = (self.types[code].name, used_year)
                                break
        for staff_id, unit_id, type_id, pk in live.filter(Q(staff__in=staff_ids) | Q(nominee_unit__in=unit_ids),
                                                          year=year).values_list(
                "staff_id", "nominee_unit_id", "award_type_id", "pk"):
            for h in each(staff_id, unit_id):
                if h.nomination is None or h.nomination.pk != pk:
                    h.pending.add(by_pk[type_id])
        for flag in ReviewFlag.objects.filter(subject, opened_on__lte=self.as_of).filter(
                Q(closed_on__isnull=True) | Q(closed_on__gte=self.as_of)):
            for h in each(flag.staff_id, flag.unit_id):
                h.flags.append(flag)
        if nomination_ids:
            chosen = {}
            for nomination_pk, initiative in Nomination.initiatives.through.objects.filter(
                    nomination__in=nomination_ids).values_list("nomination_id", "initiative_id"):
                chosen.setdefault(nomination_pk, set()).add(initiative)
            self.overrides = {}
            for override in EligibilityOverride.objects.filter(nomination__in=nomination_ids).select_related("by"):
                self.overrides.setdefault(override.nomination_id, {})[override.rule_key] = override
            for h in self.histories:
                if h.nomination is not None and h.nomination.pk:
                    h.selected = chosen.get(h.nomination.pk, set())
        else:
            self.overrides = {}
        if collectives:
            self._members(collectives)
        for h in self.histories:
            h.settle()

    def _outsiders(self, outsiders):
        """The award history of outside nominees (two queries): their records, and their other live
        nominations of the year."""
        for outsider_id, type_id, record_year, kind, pk in AwardRecord.objects.filter(
                outsider__in=outsiders).values_list("outsider_id", "award_type_id", "year", "kind", "pk"):
            for h in outsiders[outsider_id]:
                h.records.append((self._codes[type_id], record_year, kind, pk))
        for outsider_id, type_id, pk in Nomination.objects.exclude(status=Nomination.Status.REJECTED).filter(
                outsider__in=outsiders, year=self.year).values_list("outsider_id", "award_type_id", "pk"):
            for h in outsiders[outsider_id]:
                if h.nomination is None or h.nomination.pk != pk:
                    h.pending.add(self._codes[type_id])

    def _members(self, collectives):
        """Counts over the active members of each collective's subtree, by aggregate in the database:
        one grouped query (per unit of the staff), rolled up by path; one query for disciplined members."""
        codes, levels, min_form = _member_codes_and_levels(self.rules)
        units = {h.unit.pk: h.unit for items in collectives.values() for h in items}
        prefixes = sorted({u.path for u in units.values()})
        roots = [p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)]
        scope = Q(pk__in=[])
        for prefix in roots:
            scope |= Q(unit__path__startswith=prefix)
        year = self.year
        live = Nomination.objects.exclude(status=Nomination.Status.REJECTED)
        counts = {"total": Count("pk")}
        # Each set of people (holders of an award, evaluated at a level) is one uncorrelated subquery that
        # the database computes once and probes per member (a hashed subplan on PostgreSQL), instead of
        # index lookups per member and per set.
        for n, code in enumerate(sorted(codes)):
            held = AwardRecord.objects.filter(year=year, kind=AwardKind.REGULAR, award_type__code=code,
                                              staff__isnull=False).values("staff_id")
            proposed = live.filter(year=year, award_type__code=code, staff__isnull=False).values("staff_id")
            counts[f"award_{n}"] = Count("pk", filter=Q(pk__in=held) | Q(pk__in=proposed))
        for level in sorted(levels):
            evaluated = Evaluation.objects.filter(year=year, level__gte=level, staff__isnull=False).values("staff_id")
            counts[f"level_{level}"] = Count("pk", filter=Q(pk__in=evaluated))
        rows = list(Staff.objects.filter(scope, active=True).order_by().values("unit__path").annotate(**counts))
        for unit_pk, items in collectives.items():
            path = units[unit_pk].path
            mine = [row for row in rows if row["unit__path"].startswith(path)]
            for h in items:
                h.member_total = sum(row["total"] for row in mine)
                h.member_holders = {code: sum(row[f"award_{n}"] for row in mine) for n, code in enumerate(sorted(codes))}
                h.member_evaluated = {level: sum(row[f"level_{level}"] for row in mine) for level in levels}
        if min_form is not None:
            start, end = date(year, 1, 1), date(year, 12, 31)
            found = Discipline.objects.filter(form__gte=min_form, valid_from__lte=end, staff__active=True).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=start)).filter(
                Q(*[Q(staff__unit__path__startswith=p) for p in roots], _connector=Q.OR)
            ).values_list("staff__full_name", "staff__unit__path", "form")[:1000]
            for name, path, form in found:
                for unit_pk, items in collectives.items():
                    if path.startswith(units[unit_pk].path):
                        for h in items:
                            h.member_disciplined.append((name, form))


#: Who reads the issued block rankings: the scoring app, above this one, registers its reader in its ready()
#: (`register_block_rankings`), so that the rules read the rankings without importing upwards.
_ranking_readers = []


def register_block_rankings(reader):
    """`reader(unit_ids, year)` gives the issued rankings in a block (objects with unit_id, block_rank, …) of
    those units for that year, in one query."""
    _ranking_readers[:] = [reader]


class BlockRankings:
    """The issued rankings in a block of the year of every collective of a batch, read in one query the first
    time a rule asks for them: a batch that judges no award needing a block's ranking never pays for it."""

    def __init__(self, year, unit_ids):
        self.year, self.unit_ids, self.rows = year, unit_ids, None

    def of(self, unit_id):
        if self.rows is None:
            self.rows = {}
            for reader in _ranking_readers:
                for assessment in reader(self.unit_ids, self.year):
                    self.rows.setdefault(assessment.unit_id, []).append(assessment)
            for items in self.rows.values():
                items.sort(key=lambda a: (a.block_rank is None, a.block_rank or 0))
        return self.rows.get(unit_id, [])


# Rule evaluators: each returns (requirement, met, reason[, extra legal bases]); `met` is True, False or
# PARTLY (met, with a warning) ------------------------------------------------------------------------

PARTLY = "partly"

def _lookback_notes(history, code, window, missing=()):
    """Why some records inside `window` are not counted, each with its legal basis: ad hoc and thematic
    awards of `code`, and those of any other award in a `missing` year (a Giấy khen đột xuất in the year a
    title is missing is what the reader wonders about), named with their award, year and kind."""
    notes, basis = [], []
    left_out = history.left_out_records(code, set(window), set(missing))
    if left_out:
        notes.append(_("not counted, ad hoc or thematic award: %(records)s") % {"records": ", ".join(left_out)})
        if history.rule_set.lookback_basis:
            basis.append(history.rule_set.lookback_basis)
    before = history.before_discipline_years(code) & set(window)
    if before:
        notes.append(_("not counted, before the discipline ended (achievements count from %(date)s): %(years)s") % {
            "date": _day(history.counted_from), "years": _years(before)})
    return notes, basis


def _consecutive_awards(history, params):
    code, count = params["award"], int(params.get("years", 1))
    name = history.award_name(code)
    window = range(history.year - count + 1, history.year + 1)
    held = history.counted_years(code) & set(window)
    notes = []
    if history.year not in held and code in history.pending:
        held.add(history.year)
        notes.append(_("%(year)s: proposed in this round") % {"year": history.year})
    missing = [y for y in window if y not in held]
    more, basis = _lookback_notes(history, code, window, missing)
    notes += more
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
    return requirement, not missing, reason, basis


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
        elif not history.year_counts(year):
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
    counted, notes, basis = [], [], []
    for initiative in history.initiatives:
        if initiative.level < level or initiative.year not in window or not history.year_counts(initiative.year):
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
        cite = history.rule_set.initiative_basis
        reason = f"{reason}. {' '.join(notes)}"
        if cite:
            reason = _("%(reason)s (an initiative supports one award only: %(basis)s)") % {"reason": reason, "basis": cite}
            basis.append(cite)
    return requirement, len(counted) >= count, reason, basis


def _service_months(history, params):
    months = int(params["months"])
    requirement = _("At least %(months)s months of service by 31/12/%(year)s") % {"months": months, "year": history.year}
    since = history.staff.employed_since if history.staff else None
    if since is None:
        return requirement, False, _("The start date of employment is not recorded")
    served = (history.year - since.year) * 12 + (12 - since.month) + (1 if since.day == 1 else 0)
    return requirement, served >= months, _("Employed since %(date)s: %(months)s months") % {"date": _day(since), "months": max(served, 0)}


def _no_discipline(history, params):
    """No award while a discipline is in force: at the end of the year reviewed, or on the day of the
    check (NĐ 152/2025 Điều 4); after it ends, achievements count from the next day."""
    end = date(history.year, 12, 31)
    requirement = _("No discipline in force at the end of %(year)s or today") % {"year": history.year}

    def in_force(d, day):
        return d.valid_from <= day and (d.valid_to is None or d.valid_to >= day)

    current = [d for d in history.disciplines if in_force(d, end) or in_force(d, history.as_of)]
    if current:
        d = current[0]
        return requirement, False, _("Disciplined (%(form)s) from %(start)s to %(end)s") % {
            "form": d.get_form_display().lower(), "start": _day(d.valid_from),
            "end": _day(d.valid_to) if d.valid_to else _("no end date"),
        }
    if history.discipline_end:
        # Met only in part: what happened before the end of the discipline does not count (a warning).
        return requirement, PARTLY, _("The discipline ended on %(end)s: achievements count from %(date)s") % {
            "end": _day(history.discipline_end), "date": _day(history.counted_from),
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
    if unit.departure:
        return requirement, False, _("The unit %(departure)s") % {"departure": unit.departure}
    return requirement, True, _("The unit is active")


def gone_unit_refusal(unit, year):
    """Why `unit` (dissolved, merged or inactive) cannot be proposed in `year`, citing the rule of the rule
    set in force that says so (Rule.Kind.UNIT_EXISTS, TT 15/2025/TT-BNV) when it has one."""
    rule_set = RuleSet.for_year(year)
    rule = rule_set.rules.filter(kind=Rule.Kind.UNIT_EXISTS).first() if rule_set else None
    if rule is None:
        return _("%(unit)s %(departure)s: it cannot be proposed for an award.") % {
            "unit": unit.name, "departure": unit.departure}
    return _("%(unit)s %(departure)s: it cannot be proposed for an award (%(basis)s).") % {
        "unit": unit.name, "departure": unit.departure, "basis": rule.legal_basis}


def _no_members(history):
    """The reason of a member condition on a collective without members: say so, and why when it is gone."""
    if history.unit.departure:
        return _("The unit has no members any more (%(departure)s)") % {"departure": history.unit.departure}
    return _("The unit has no active members")


def _member_share(history, params):
    code, percent = params["award"], int(params["percent"])
    total = history.member_total
    holders = history.member_holders.get(code, 0)
    name = history.award_name(code)
    requirement = _("At least %(percent)s %% of the members hold %(award)s in %(year)s") % {"percent": percent, "award": name, "year": history.year}
    if not total:
        return requirement, False, _no_members(history)
    return requirement, total > 0 and holders * 100 >= percent * total, _("%(part)s of %(total)s people (%(share)s %%) hold or are proposed for %(award)s") % {
        "part": holders, "total": total, "share": _percent(holders, total), "award": name,
    }


def _member_evaluation(history, params):
    level, percent = int(params["level"]), int(params["percent"])
    total = history.member_total
    good = history.member_evaluated.get(level, 0)
    label = Evaluation.Level(level).label
    requirement = _("At least %(percent)s %% of the members evaluated “%(level)s” or better in %(year)s") % {
        "percent": percent, "level": label, "year": history.year,
    }
    if not total:
        return requirement, False, _no_members(history)
    return requirement, total > 0 and good * 100 >= percent * total, _("%(part)s of %(total)s people (%(share)s %%)") % {
        "part": good, "total": total, "share": _percent(good, total),
    }


def _member_award_count(history, params):
    code, count = params["award"], int(params.get("count", 1))
    holders = history.member_holders.get(code, 0)
    name = history.award_name(code)
    requirement = _("At least %(count)s member(s) with %(award)s in %(year)s") % {"count": count, "award": name, "year": history.year}
    return requirement, holders >= count, _("%(count)s member(s) hold or are proposed for %(award)s") % {"count": holders, "award": name}


def _no_member_discipline(history, params):
    minimum = int(params.get("min_form", Discipline.Form.WARNING))
    label = Discipline.Form(minimum).label.lower()
    requirement = _("No member disciplined at “%(form)s” or above in %(year)s") % {"form": label, "year": history.year}
    found = sorted({name for name, form in history.member_disciplined if form >= minimum})
    if found:
        shown = ", ".join(found[:10]) + (_(" and %(count)s more") % {"count": len(found) - 10} if len(found) > 10 else "")
        return requirement, False, _("Disciplined: %(names)s") % {"names": shown}
    return requirement, True, _("No member disciplined")


def _declared_path(history, params):
    """A criterion the council judges from the achievements (an emulation movement, an ad hoc feat, a
    contribution): met when the proposing unit relies on it; the history cannot prove it."""
    path = params["path"]
    label = Nomination.Path(path).label
    requirement = _("The proposing unit relies on: %(path)s") % {"path": label}
    if history.path == path:
        return requirement, True, _("Relied on by the proposing unit; the council judges the achievements")
    return requirement, False, _("Not the criterion the proposing unit relies on")


def _points(value):
    return f"{value.normalize():f}".replace(".", ",") if value is not None else "–"


def _leads_block(history, params):
    """Luật Thi đua, khen thưởng 2022 Điều 26: the Cờ thi đua goes to the collective that leads (dẫn đầu) its
    emulation block or cluster; with `province`, only a block or cluster the province organises counts. Read
    from the issued ranking (scoring): the unit's rank and points, and the notice that issued them."""
    wanted = int(params.get("rank", 1))
    province = bool(params.get("province", False))
    values = {"rank": wanted, "year": history.year}
    if province:
        requirement = _("Leads (rank %(rank)s or better) an emulation block or cluster organised by the province in "
                        "%(year)s") % values
    else:
        requirement = _("Rank %(rank)s or better in its emulation block or cluster in %(year)s") % values
    found = history.block_rankings.of(history.unit.pk) if history.block_rankings and history.unit else []
    found = [a for a in found if not province or a.block.agency.kind == "province"]
    if not found:
        return requirement, False, _("No issued ranking of an emulation block or cluster for %(year)s") % values
    best = found[0]
    table = best.table
    notice = _("notice %(number)s/%(symbol)s of %(date)s") % {
        "number": f"{table.number:02d}" if table.number else "–", "symbol": table.symbol,
        "date": _day(table.issue_date) if table.issue_date else "–"}
    if best.block_rank is None:
        reason = _("Not ranked in %(block)s: a disqualifying criterion was not met (%(points)s points)") % {
            "block": best.block.name, "points": _points(best.total)}
        return requirement, False, reason, [notice]
    reason = _("Rank %(rank)s of %(size)s in %(block)s with %(points)s points") % {
        "rank": best.block_rank, "size": best.block_size, "block": best.block.name, "points": _points(best.total)}
    return requirement, best.block_rank <= wanted, reason, [notice]


def _not_awarded_in_year(history, params):
    """Luật Điều 5 khoản 2 điểm c: one achievement is commended once. The history cannot tell achievements
    apart, so another award of the same year (received or proposed) is shown to the council, which sets the
    condition aside when the achievements differ."""
    requirement = _("No other award in %(year)s for the same achievement") % {"year": history.year}
    held = sorted({history.award_name(code) for code, year, _kind, _pk in history.records if year == history.year})
    proposed = sorted({history.award_name(code) for code in history.pending} - set(held))
    if not held and not proposed:
        return requirement, True, _("No other award received or proposed in %(year)s") % {"year": history.year}
    parts = []
    if held:
        parts.append(_("received: %(awards)s") % {"awards": ", ".join(held)})
    if proposed:
        parts.append(_("proposed: %(awards)s") % {"awards": ", ".join(proposed)})
    return requirement, False, _("Already in %(year)s (%(awards)s): the council checks that it is another achievement") % {
        "year": history.year, "awards": "; ".join(parts)}


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
    Rule.Kind.DECLARED_PATH: _declared_path,
    Rule.Kind.LEADS_BLOCK: _leads_block,
    Rule.Kind.NOT_AWARDED_IN_YEAR: _not_awarded_in_year,
}


def rule_outcome(rule, history):
    """(requirement, met, reason, extra legal bases, partly) of one rule."""
    result = EVALUATORS[rule.kind](history, rule.params)
    requirement, met, reason, extra = result if len(result) == 4 else (*result, [])
    return requirement, bool(met), reason, extra, met == PARTLY


def rules_for(rule_set, award_type, rules=None, *, outsider=False):
    """The rules of `award_type` in `rule_set` (from `rules`, the set's rules already loaded, if given) that
    judge the agency's own nominees, or outside nominees when `outsider` (Rule.nominees)."""
    if rules is None:
        rules = list(rule_set.rules.order_by("order", "pk"))
    skipped = Rule.Nominees.STAFF if outsider else Rule.Nominees.OUTSIDERS
    return [
        rule for rule in rules
        if (rule.award_type_id == award_type.pk or (rule.award_type_id is None and rule.subject in ("", award_type.subject)))
        and rule.nominees != skipped
    ]


def judge(award_type, history, rules, overrides=None):
    """The verdict of `award_type` on one loaded `history` with `rules` (the rule set's, loaded)."""
    verdict = Verdict(rule_set=history.rule_set, year=history.year)
    if history.rule_set is None:
        verdict.warnings.append(_("No rule set is in force for %(year)s: the conditions cannot be checked.") % {"year": history.year})
        return verdict
    overrides = overrides or {}
    groups = {}
    for rule in rules_for(history.rule_set, award_type, rules, outsider=history.outsider is not None):
        requirement, met, reason, extra, partly = rule_outcome(rule, history)
        basis = "; ".join(dict.fromkeys([rule.legal_basis, *extra]))
        if rule.alternative:
            groups.setdefault(rule.alternative, []).append((rule, requirement, met, reason, basis, partly))
            continue
        key = f"{rule.kind}:{rule.pk}"
        verdict.checks.append(Check(key, requirement, met, reason, basis, overrides.get(key), partly=partly))
    for group, members in groups.items():
        branches = {}
        for rule, requirement, met, reason, basis, partly in members:
            branches.setdefault(rule.branch or str(rule.pk), []).append((requirement, met, reason, basis, partly))
        met = any(all(item[1] for item in branch) for branch in branches.values())
        requirement = _("One of: %(options)s") % {
            "options": _(" or ").join(" + ".join(item[0] for item in branch) for branch in branches.values())
        }
        used = next((branch for branch in branches.values() if all(item[1] for item in branch)), None)
        if used is not None:
            # Say which path the verdict rests on, with the article of that path alone.
            reason = _("Met by: %(path)s — %(reasons)s") % {
                "path": " + ".join(item[0] for item in used), "reasons": "; ".join(item[2] for item in used)}
            basis = "; ".join(dict.fromkeys(item[3] for item in used))
        else:
            reason = "; ".join(item[2] for branch in branches.values() for item in branch)
            basis = "; ".join(dict.fromkeys(item[3] for branch in branches.values() for item in branch))
        key = f"alternative:{award_type.code}:{group}"
        path = " + ".join(item[0] for item in used) if used is not None else ""
        partly = used is not None and any(item[4] for item in used)
        verdict.checks.append(Check(key, requirement, met, reason, basis, overrides.get(key), path, partly))
    return verdict


def evaluate(award_type, year, *, staff=None, unit=None, nomination=None, as_of=None):
    """The verdict for `staff` (or `unit`) and `award_type` in `year`; see the module docstring."""
    batch = HistoryBatch(year, [(staff, unit, nomination)], as_of=as_of)
    overrides = batch.overrides.get(nomination.pk, {}) if nomination is not None and nomination.pk else {}
    return judge(award_type, batch.histories[0], batch.rules, overrides)


def _quota_message(award, count, allowed, base):
    """A quota is the Department's own rule (a warning), never the law's: the message says whose, the exact
    share and how the agency rounds it (AwardType.quota_rule)."""
    exact = Decimal(base * award.quota_percent) / 100
    exact = int(exact) if exact == exact.to_integral_value() else exact
    return _("Over the internal quota (%(source)s): %(count)s nominations for %(award)s, at most %(allowed)s "
             "(%(percent)s %% of %(base)s = %(exact)s; rounding: %(rule)s). Not a legal condition: the council "
             "decides.") % {
        "source": award.quota_basis or _("the Department's own rule"), "count": count, "award": award.name,
        "allowed": allowed, "percent": award.quota_percent, "base": base,
        "exact": number_format(exact, use_l10n=True), "rule": award.quota_rule,
    }


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
    return count, award.quota_allowed(base), base


def quota_warnings(nominations):
    """{nomination pk: warning} for the nominations over their award's internal quota (the Department's
    own rule, never the law's), computed set-wise: one grouped count of the live nominations of the
    rounds concerned, and one of headcounts when a quota is counted on the headcount."""
    nominations = list(nominations)
    return {n.pk: warning for n, warning in zip(nominations, _quota_warnings(nominations)) if warning}


def _quota_warnings(nominations):
    """The quota warning of each nomination, in their order ("" when none). A nomination not saved yet (an
    import's preview) is counted as if it were proposed."""
    warnings = [""] * len(nominations)
    judged = [(i, n) for i, n in enumerate(nominations)
              if n.award_type.quota_percent and n.status != Nomination.Status.REJECTED]
    if not judged:
        return warnings
    rounds = {n.round_id for _i, n in judged}
    counted = {}
    for round_id, unit_id, type_id, number in Nomination.objects.filter(round__in=rounds).exclude(
            status=Nomination.Status.REJECTED).order_by().values_list("round_id", "unit_id", "award_type_id").annotate(
            number=Count("pk")):
        counted[(round_id, unit_id, type_id)] = number
    for n in nominations:
        if n.pk is None and n.status != Nomination.Status.REJECTED:
            key = (n.round_id, n.unit_id, n.award_type_id)
            counted[key] = counted.get(key, 0) + 1
    headcounts = {}
    on_headcount = {n.unit for _i, n in judged if not n.award_type.quota_base_id}
    if on_headcount:
        rows = list(Staff.objects.filter(active=True).filter(
            Q(*[Q(unit__path__startswith=u.path) for u in on_headcount], _connector=Q.OR)
        ).order_by().values_list("unit__path").annotate(number=Count("pk")))
        for unit in on_headcount:
            headcounts[unit.pk] = sum(number for path, number in rows if path.startswith(unit.path))
    for index, n in judged:
        award = n.award_type
        count = counted.get((n.round_id, n.unit_id, award.pk), 0)
        base = counted.get((n.round_id, n.unit_id, award.quota_base_id), 0) if award.quota_base_id else headcounts[n.unit_id]
        allowed = award.quota_allowed(base)
        if count > allowed:
            warnings[index] = _quota_message(award, count, allowed, base)
    return warnings


def evaluate_nomination(nomination, as_of=None):
    """The verdict of a nomination, with its overrides and the live quota warning."""
    verdict = evaluate(
        nomination.award_type, nomination.round.year, staff=nomination.staff, unit=nomination.nominee_unit,
        nomination=nomination, as_of=as_of,
    )
    counted = quota(nomination)
    if counted and counted[0] > counted[1]:
        verdict.warnings.append(_quota_message(nomination.award_type, *counted))
    return verdict


BATCH_SIZE = 500


def evaluate_many(nominations, as_of=None, with_quota=True):
    """{nomination pk: Verdict} for many nominations (a whole round), set-wise: per year and per chunk of
    BATCH_SIZE, one HistoryBatch (a fixed number of queries), never one query per nomination. Quota
    warnings are added as evaluate_nomination does."""
    nominations = list(nominations)
    return dict(zip((n.pk for n in nominations), judge_all(nominations, as_of, with_quota)))


def judge_all(nominations, as_of=None, with_quota=True):
    """The verdicts of `nominations`, in their order, set-wise as `evaluate_many`. They need not be saved
    yet (an import's preview): one not saved is judged as if it were proposed in its round's year and
    counts toward its award's quota."""
    nominations = list(nominations)
    verdicts = [None] * len(nominations)
    types = {t.code: t for t in AwardType.objects.all()}
    by_year = {}
    for index, n in enumerate(nominations):
        by_year.setdefault(n.year or n.round.year, []).append(index)
    for year, indexes in by_year.items():
        rule_set = RuleSet.for_year(year)
        rules = list(rule_set.rules.order_by("order", "pk")) if rule_set else []
        for start in range(0, len(indexes), BATCH_SIZE):
            chunk = indexes[start:start + BATCH_SIZE]
            batch = HistoryBatch(year, [(nominations[i].staff, nominations[i].nominee_unit, nominations[i]) for i in chunk],
                                 as_of=as_of, rule_set=rule_set, types=types, rules=rules)
            for index, history in zip(chunk, batch.histories):
                n = nominations[index]
                verdicts[index] = judge(types[n.award_type.code], history, rules, batch.overrides.get(n.pk, {}))
    if with_quota:
        for verdict, warning in zip(verdicts, _quota_warnings(nominations)):
            if warning:
                verdict.warnings.append(warning)
    return verdicts


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

"""The arithmetic of a scoring table, with no database: the points of each criterion, the total with its
bonus and deduction caps, disqualification (điểm liệt), the band, and the ranking with its tie-breaks.

Every function takes plain values (Decimal); scoring.ranking feeds it rows read set-wise.

- manual, bonus, deduction: the value is the points, kept between 0 and the criterion's maximum;
- target: the value reached against the plan's target; the share reached (value / target, in %) gives
  points in proportion: none below the floor, the full points at the cap (100 % unless the table says
  otherwise: a cap of 120 % asks for the target to be exceeded by a fifth), never more;
- reports: the value is the share (%) of the unit's required reports sent on time and accepted, scored
  like a target of 100;
- yes/no: the full points for yes (1), none for no (0).
A criterion marked disqualifying that gets no points disqualifies the unit: it gets no band and no rank.
Bonus points count up to the table's bonus cap, deductions up to its deduction cap (a cap of 0: no cap).
"""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")


def _round(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CriterionRule:
    key: int
    method: str
    max_points: Decimal
    category: str = "regular"
    target: Decimal | None = None  # the plan's target value (method "target")
    floor: Decimal = ZERO
    cap: Decimal = HUNDRED
    disqualifying: bool = False


def share_points(max_points, share, floor=ZERO, cap=HUNDRED):
    """Points for a share reached (in %): 0 below `floor`, in proportion up to `cap`, full points from it."""
    if share is None or share < floor or share <= 0:
        return ZERO
    return _round(max_points * min(share, cap) / cap)


def share_of(value, target):
    """The share (%) of `target` that `value` reached; None when either is missing, 100 for a target of 0."""
    if value is None or target is None:
        return None
    if target == 0:
        return HUNDRED
    return value * HUNDRED / target


def criterion_points(rule, value):
    """The points `rule` gives for `value` (None: not scored, 0 points)."""
    if value is None:
        return ZERO
    if rule.method == "target":
        return share_points(rule.max_points, share_of(value, rule.target), rule.floor, rule.cap)
    if rule.method == "reports":
        return share_points(rule.max_points, value, rule.floor, rule.cap)
    if rule.method == "yes_no":
        return rule.max_points if value >= 1 else ZERO
    return _round(min(max(value, ZERO), rule.max_points))


@dataclass
class Result:
    """One unit's total: `base` (the criteria), `bonus` and `deduction` after their caps, `total`,
    `disqualified_by` (the keys of the disqualifying criteria it failed), `band`, `rank`."""

    key: object
    base: Decimal = ZERO
    bonus: Decimal = ZERO
    deduction: Decimal = ZERO
    points: dict = field(default_factory=dict)
    disqualified_by: list = field(default_factory=list)
    band: str = ""
    rank: int | None = None
    submitted: object = None

    @property
    def total(self):
        return self.base + self.bonus - self.deduction

    @property
    def disqualified(self):
        return bool(self.disqualified_by)


def _capped(value, cap):
    return min(value, cap) if cap and cap > 0 else value


def total(key, rules, values, *, bonus_cap=ZERO, deduction_cap=ZERO, submitted=None):
    """The Result of one unit: `values` maps a rule's key to its value."""
    result = Result(key=key, submitted=submitted)
    bonus = deduction = ZERO
    for rule in rules:
        points = criterion_points(rule, values.get(rule.key))
        result.points[rule.key] = points
        if rule.category == "bonus":
            bonus += points
        elif rule.category == "deduction":
            deduction += points
        else:
            result.base += points
        if rule.disqualifying and points == 0:
            result.disqualified_by.append(rule.key)
    result.bonus = _capped(bonus, bonus_cap)
    result.deduction = _capped(deduction, deduction_cap)
    return result


def band_of(points, bands):
    """The name of the band of `points`: `bands` are (name, lowest points), in any order."""
    for name, lowest in sorted(bands, key=lambda band: band[1], reverse=True):
        if points >= lowest:
            return name
    return ""


def _sort_key(result, tie_breaks):
    keys = [-result.total]
    for rule in tie_breaks:
        if rule == "base":
            keys.append(-result.base)
        elif rule == "deductions":
            keys.append(result.deduction)
        elif rule == "bonus":
            keys.append(-result.bonus)
        elif rule == "submitted":
            keys.append((result.submitted is None, result.submitted or 0))
    return keys


def rank(results, tie_breaks=(), bands=()):
    """Order `results`, set each one's band and rank, and return them in rank order.

    Units are ordered by total, then by each tie-break rule in turn; units still equal share a rank (1,
    2, 2, 4). Disqualified units come last, with no band and no rank."""
    ranked = sorted((r for r in results if not r.disqualified), key=lambda r: _sort_key(r, tie_breaks))
    previous, place = None, 0
    for index, result in enumerate(ranked, start=1):
        key = _sort_key(result, tie_breaks)
        if key != previous:
            place, previous = index, key
        result.rank = place
        result.band = band_of(result.total, bands)
    out = [r for r in results if r.disqualified]
    for result in out:
        result.rank, result.band = None, ""
    return ranked + sorted(out, key=lambda r: -r.total)

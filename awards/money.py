"""The money that goes with an award, computed from data: the award's multiple of the base salary (the
catalogue, AwardType.reward_coefficient), the base salary in force on the decision's date (the table
BaseSalary), rounded as the law says; each amount carries its citation.

The cases the law treats apart (Nghị định 152/2025/NĐ-CP, the principles of rewards, as Nghị định
98/2023/NĐ-CP before it):
- a collective given a form of commendation (Bằng khen, Giấy khen) meant for individuals receives twice
  the individual's amount (COLLECTIVE_FORM_FACTOR); the collective entries of the catalogue state the
  doubled multiple themselves;
- one nominee given several awards at once for the same achievements: of several titles only the highest
  pays, of several forms only the highest pays, a title and a form both pay (`paid_lines`);
- an award decided by a higher authority is paid by that authority, from its own fund: it is computed for
  information and never committed on the agency's fund (`Amount.paid_by_agency`).
"""
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from awards.models import AwardType, BaseSalary
from emulation.models import Unit

#: Amounts are rounded UP to the next ten thousand đồng.
ROUNDING_STEP = 10_000
PRINCIPLES = ("Nghị định 152/2025/NĐ-CP, nguyên tắc tiền thưởng (tính trên mức lương cơ sở có hiệu lực vào "
              "thời điểm ban hành quyết định khen thưởng; làm tròn số lên hàng chục nghìn đồng)")
COLLECTIVE_FORM_FACTOR = 2


class MoneyError(Exception):
    """An amount that cannot be computed; the message is translated and says what to do."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def round_up(value):
    """`value` đồng rounded up to the next ROUNDING_STEP, as an int."""
    steps = (Decimal(value) / ROUNDING_STEP).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * ROUNDING_STEP


def money(value):
    """“1.880.000” (Vietnamese thousands separator)."""
    return f"{int(value):,}".replace(",", ".")


def base_salary_on(day):
    """The BaseSalary row in force on `day`, or None."""
    return BaseSalary.objects.in_force_on(day).first()


@dataclass(frozen=True)
class Amount:
    award_type: AwardType
    coefficient: Decimal  # the multiple applied (doubled for a collective given an individual's form)
    base: BaseSalary
    amount: int  # đồng, rounded

    @property
    def paid_by_agency(self):
        """Paid from the agency's own fund: the awards its Director decides."""
        return self.award_type.in_house

    @property
    def citation(self):
        coefficient = f"{self.coefficient.normalize():f}".replace(".", ",")
        return _("%(basis)s: %(coefficient)s × %(base)s đ (base salary from %(day)s, %(decree)s), rounded up to "
                 "the ten thousand đồng") % {
            "basis": self.award_type.reward_basis or self.award_type.name, "coefficient": coefficient,
            "base": money(self.base.amount), "day": self.base.valid_from.strftime("%d/%m/%Y"),
            "decree": self.base.legal_basis}


def award_amount(award_type, day, *, collective=None, base=None):
    """The Amount `award_type` carries when decided on `day`, or None when the award carries no money.

    `collective`: the awardee is a collective (by default: the award's own subject); a collective given a
    form of commendation meant for individuals receives COLLECTIVE_FORM_FACTOR times its multiple.
    `base`: the BaseSalary to use (read once for many awards). Raises MoneyError when no base salary is in
    force on `day`."""
    if award_type.reward_coefficient is None:
        return None
    base = base or base_salary_on(day)
    if base is None:
        raise MoneyError(_("No base salary is recorded for %(day)s: the province's emulation office enters it "
                           "under “Base salary”.") % {"day": day.strftime("%d/%m/%Y")})
    coefficient = Decimal(award_type.reward_coefficient)
    collective = award_type.collective if collective is None else collective
    if collective and not award_type.collective and award_type.category == AwardType.Category.FORM:
        coefficient *= COLLECTIVE_FORM_FACTOR
    return Amount(award_type, coefficient, base, round_up(coefficient * base.amount))


@dataclass
class Line:
    """One awardee of a decision with the money of the award: `amount` as the law gives it (None: the award
    carries none), `paid` what is actually paid after the rules on several awards at once."""

    nomination: object
    amount: Amount | None
    paid: int = 0
    note: str = ""


def nominee_key(nomination):
    """Who receives the award, for the rules on several awards at once."""
    if nomination.staff_id or nomination.nominee_unit_id:
        return (nomination.staff_id, nomination.nominee_unit_id)
    return ("name", str(nomination.nominee_name))


def paid_lines(lines):
    """Set `paid` and `note` of `lines` (the awards of one decision, each nominee's at once and for the same
    achievements): per nominee the highest title and the highest form pay; each lower one is noted."""
    best = {}
    for line in lines:
        if line.amount is None:
            continue
        slot = (nominee_key(line.nomination), line.amount.award_type.category)
        if slot not in best or line.amount.amount > best[slot].amount.amount:
            best[slot] = line
    for line in lines:
        if line.amount is None:
            line.paid, line.note = 0, ""
        elif best[(nominee_key(line.nomination), line.amount.award_type.category)] is line:
            line.paid, line.note = line.amount.amount, ""
        else:
            line.paid = 0
            line.note = _("Not paid: at the same time a higher award of the same kind is paid")
    return lines


def decision_lines(nominations, day):
    """The Lines of `nominations` decided on `day` and their total paid (đồng). Raises MoneyError when an
    award carries money and no base salary is in force on `day`."""
    base = base_salary_on(day)
    lines = [Line(nomination, award_amount(nomination.award_type, day, base=base)) for nomination in nominations]
    paid_lines(lines)
    return lines, sum(line.paid for line in lines)


def stored_lines(lines):
    """`lines` as a decision keeps them (Decision.reward_lines): per nomination the amount the law gives,
    what is paid, the multiple and the citation."""
    return [{
        "nomination": line.nomination.pk, "amount": line.amount.amount if line.amount else None, "paid": line.paid,
        "coefficient": f"{line.amount.coefficient.normalize():f}" if line.amount else "", "citation": line.amount.citation if line.amount else "",
        "note": line.note,
    } for line in lines]


def decision_money(decision, nominations):
    """(each nomination's stored line by pk, total) of `decision`: what it fixed when issued; for a decision
    issued before amounts existed, computed now from its date (None, 0 when no base salary applies)."""
    if decision.reward_lines:
        return {line["nomination"]: line for line in decision.reward_lines}, decision.reward_total
    try:
        lines, total = decision_lines(nominations, decision.signed_on)
    except MoneyError:
        return None, 0
    return {line["nomination"]: line for line in stored_lines(lines)}, total


def fund_owner(agency):
    """The agency as a sentence names it (“Sở Nông nghiệp và Môi trường”): its top unit's name, else its
    name on documents."""
    top = Unit.objects.filter(agency=agency, parent__isnull=True).order_by("pk").values_list("name", flat=True).first()
    return top or agency.name

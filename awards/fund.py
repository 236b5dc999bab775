"""The money data: the base salary table (the province's standing body keeps it) and each agency's
emulation and commendation fund (quỹ thi đua, khen thưởng) of a year: its sources, entered by the Office,
what the agency's decisions of that year committed (Decision.reward_total, fixed when issued), what is
left. Each change leaves a timeline row (emulation.workflow.log_action) naming what changed."""
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import Decision, RewardFund
from awards.money import fund_owner, money
from emulation.documents import DocumentHeader, Signature, SignAuthority
from emulation.documents.wording import amount_in_words
from emulation.exports import Sheet
from emulation.workflow import log_action, logged_action

BASE_SALARY_CREATED = logged_action("base_salary_created", gettext_lazy("Base salary level added"))
BASE_SALARY_CHANGED = logged_action("base_salary_changed", gettext_lazy("Base salary level changed"))
FUND_SOURCE_ADDED = logged_action("fund_source_added", gettext_lazy("Source of the fund entered"))


def _shown(value):
    """A value as a person reads it in the history: dates dd/mm/yyyy, amounts with their thousands dots."""
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return money(value)
    return str(value)


def save_base_salary(form, *, actor):
    """Save a valid BaseSalaryForm; a timeline row on the level with each changed field, old → new."""
    created = form.instance.pk is None
    changes = [[str(form.fields[name].label), _shown(form.initial.get(name)), _shown(form.cleaned_data[name])]
               for name in form.changed_data]
    with transaction.atomic():
        level = form.save()
        log_action(level, BASE_SALARY_CREATED if created else BASE_SALARY_CHANGED, actor=actor,
                   data={"changes": changes})
    return level


def committed_by_year(agency_id, years):
    """{year: đồng committed by the agency's decisions signed that year} in one query."""
    rows = (Decision.objects.filter(round__agency_id=agency_id, signed_on__year__in=list(years))
            .values_list("signed_on__year").annotate(total=Sum("reward_total")))
    return {year: total or 0 for year, total in rows}


@dataclass
class Statement:
    """A fund's yearly statement: what came in, what each decision committed, what is left."""

    fund: RewardFund
    sources: list
    decisions: list

    @property
    def received(self):
        return sum(source.amount for source in self.sources)

    @property
    def committed(self):
        return sum(decision.reward_total for decision in self.decisions)

    @property
    def balance(self):
        return self.received - self.committed


def statement(fund):
    """The Statement of `fund`: its sources by date, the agency's decisions of the year that carry money."""
    sources = list(fund.sources.all())
    decisions = list(Decision.objects.filter(round__agency_id=fund.agency_id, signed_on__year=fund.year, reward_total__gt=0)
                     .order_by("signed_on", "number"))
    return Statement(fund, sources, decisions)


def over_the_fund(agency, day, amount):
    """The warning to confirm before a decision of `agency` signed on `day` commits `amount` đồng more
    than its fund of that year has left; None when it fits, or when the agency keeps no fund of that year
    here (then nothing is known to exceed)."""
    fund = RewardFund.objects.filter(agency=agency, year=day.year).first()
    if fund is None or not amount:
        return None
    left = statement(fund).balance
    if amount <= left:
        return None
    return _("This decision commits %(amount)s đ, but the emulation and commendation fund of %(year)s has %(left)s đ "
             "left: %(over)s đ more than the fund. Check the amounts or add the fund's sources first.") % {
        "amount": money(amount), "year": day.year, "left": money(left), "over": money(amount - left)}


def open_fund(agency, year):
    """The fund of `agency` for `year`, created when missing (safe when two people open it at once)."""
    fund, _created = RewardFund.objects.get_or_create(agency=agency, year=year)
    return fund


def add_source(form, fund, *, actor):
    """Save a valid FundSourceForm on `fund`; a timeline row on the fund naming the source and amount."""
    with transaction.atomic():
        source = form.save(commit=False)
        source.fund = fund
        source.entered_by = actor
        source.save()
        log_action(fund, FUND_SOURCE_ADDED, actor=actor,
                   data={"source": source.get_kind_display(), "amount": money(source.amount), "reference": source.reference})
    return source


def statement_document(statement, *, signature=None):
    """(template, context) of the yearly statement: a BÁO CÁO of the agency's Office to the Director and the
    province's emulation office, numbered by hand (the number is left blank)."""
    fund = statement.fund
    agency = fund.agency
    return "awards/documents/fund_statement.html", {
        "doc": DocumentHeader(
            type_name="BÁO CÁO", summary=f"Tình hình trích lập và sử dụng Quỹ thi đua, khen thưởng năm {fund.year}",
            issuer=agency, symbol=agency.symbol("BC"), year=fund.year,
            signature=signature or Signature.of(SignAuthority.OFFICE_CHIEF, agency.office_chief),
            recipients=["- Giám đốc Sở (để báo cáo);", "- Ban Thi đua - Khen thưởng tỉnh (để báo cáo);", "- Lưu: VT, VP."],
        ),
        "fund": fund, "owner": fund_owner(agency),
        "sources": [(source, money(source.amount)) for source in statement.sources],
        "decisions": [(decision, money(decision.reward_total)) for decision in statement.decisions],
        "received": money(statement.received), "committed": money(statement.committed),
        "balance": money(statement.balance), "overdrawn": statement.balance < 0,
        "balance_words": amount_in_words(abs(statement.balance)),
    }


def statement_sheets(statement):
    """The statement as workbook sheets (emulation.exports.Sheet): the sources, the decisions, the totals;
    amounts stay numbers so that the province can add them up."""
    fund = statement.fund
    sources = Sheet(_("Sources"), [_("Date"), _("Source"), _("Document"), _("Amount (đồng)")],
                    [[source.received_on, source.get_kind_display(), source.reference, source.amount]
                     for source in statement.sources])
    decisions = Sheet(_("Decisions"), [_("Decision"), _("Signed on"), _("Summary"), _("Amount (đồng)")],
                      [[decision.reference, decision.signed_on, decision.summary, decision.reward_total]
                       for decision in statement.decisions])
    totals = Sheet(_("Totals"), [_("Year"), _("Total of the sources"), _("Committed by decisions"), _("Left")],
                   [[fund.year, statement.received, statement.committed, statement.balance]])
    return totals, sources, decisions

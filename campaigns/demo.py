"""Demo data of the campaigns app: the seed plan (campaigns.seed_plan) in full, issued as 45/KH-STNMT.

It goes through the real workflow (the Office submits, the Director approves, the Office issues), so
its timeline and its archived PDF are those of any plan. Idempotent: nothing happens when a plan with
that number already exists for 2021.
"""
from campaigns import seed_plan
from campaigns.editing import add_part
from campaigns.models import ContentItem, Goal, ImplementationRole, LegalBasis, Plan, PlanKind, Recipient
from campaigns.workflow import approve_plan, issue_plan, submit_plan
from emulation.documents.numbering import reserve_number
from emulation.models import Unit, User
from campaigns import demo_reports  # unit reports on the seed plan (issue 5)


def _user(username):
    return User.objects.filter(username=username).first()


def seed_the_plan():
    if Plan.objects.filter(number_year=seed_plan.ISSUE_DATE.year, symbol=seed_plan.SYMBOL,
                           number=seed_plan.NUMBER).exists():
        return None
    office, director = _user("vanphong"), _user("giamdoc")
    plan = Plan.objects.create(
        kind=PlanKind.LONG_TERM, title=seed_plan.TITLE, year_from=seed_plan.YEAR_FROM,
        year_to=seed_plan.YEAR_TO, symbol=seed_plan.SYMBOL, signer_name=seed_plan.SIGNER_NAME,
        signer_authority=seed_plan.SIGNER_AUTHORITY, opening=seed_plan.OPENING, closing=seed_plan.CLOSING,
        created_by=office,
    )
    for basis in seed_plan.LEGAL_BASES:
        add_part(LegalBasis(plan=plan, **basis))
    for text in seed_plan.GOALS:
        add_part(Goal(plan=plan, text=text))
    for text, points in seed_plan.CONTENT_ITEMS:
        item = add_part(ContentItem(plan=plan, text=text))
        for point in points:
            add_part(ContentItem(plan=plan, parent=item, text=point))
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[c for c, _, _ in seed_plan.IMPLEMENTATION if c])}
    for code, role, text in seed_plan.IMPLEMENTATION:
        add_part(ImplementationRole(plan=plan, unit=units.get(code), role=role, text=text))
    for text in seed_plan.RECIPIENTS:
        add_part(Recipient(plan=plan, text=text))
    # Plans 01–44 of 2021 were issued before the software: the seed plan is number 45.
    reserve_number(seed_plan.SYMBOL, seed_plan.ISSUE_DATE.year, seed_plan.NUMBER - 1)
    submit_plan(plan, office)
    approve_plan(plan, director)
    issue_plan(plan, office, issue_date=seed_plan.ISSUE_DATE)
    return plan


def seed():
    plan = seed_the_plan()
    message = f"seed plan {plan.number_symbol} issued" if plan else "seed plan already present"

    return f"{message}; {demo_reports.seed()}"

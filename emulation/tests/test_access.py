"""Who gets what from every URL: the access table, checked against the URL configuration (issue 9).

Every URL pattern of the project (Django's admin aside) has at least one row in TABLE; a pattern without
a row fails `test_every_url_pattern_has_a_row_in_the_access_table`, naming it. Each row is asked by every
identity (IDENTITIES, see access_world.py) about an object of the own unit and, where the URL names an
object of a unit, about the same kind of object of the other unit, with GET and with each POST the view
accepts. The answer is one of these classes:

    A  allowed: 2xx, or a redirect that is not to the login page (for a POST with empty or minimal data a
       form with errors or a redirect are both allowed)
    L  login: a redirect to the login page
    F  forbidden: 403
    H  hidden: 404 (the object is outside the identity's scope)
    M  not allowed method: 405
    R  refused with a message: a redirect back with an error message and nothing changed (rows that post a
       real workflow action: the generic action endpoints refuse a wrong identity this way)

An expectation is nine classes in the order of IDENTITIES, written
`anon staff council head other_head office director deputy admin`; for a row about an object of a unit,
two groups separated by “|”: the own unit's object, then the other unit's object.

Besides the status, every allowed answer to a staff member, a council member or a unit head (HTML, JSON,
text, or the cells of an Excel file) must not show the name of a person outside their scope (UNSEEN).

The other-agency column (test_url_refuses_every_identity_of_another_agency): every row is asked again by the
logins of a second agency (OTHER_AGENCY), each mirroring one identity of the first. A URL that names an
object of the first agency is refused to all of them (404, 403, 405, a refusal message or the login page,
never an answer); a page that names no object answers them as it answers the identity they mirror (or refuses
them, e.g. a dashboard with no period of their own), and never shows a person or a unit of the first agency
(AGENCY_A_NAMES).

The world is built once per module; each request runs in a savepoint that is rolled back, so a POST that
changes something does not change what the next identity sees. PDFs are rendered for real.
"""
import contextlib
import logging
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Callable
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.messages import ERROR
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from emulation.tests.access_world import IDENTITIES, OTHER_AGENCY, build_world
from reports.forms import NarrativeForm
from django.test import override_settings
from io import BytesIO
from openpyxl import load_workbook

VARIANTS = ("own", "other")


# Rows -------------------------------------------------------------------------------------------------


@dataclass
class Row:
    name: str  # the URL's name, with its namespace ("awards:nomination_detail")
    args: Callable = None  # world, variant → reverse() kwargs
    per_unit: bool = False  # asked about the own unit's object and the other unit's
    expect: dict = field(default_factory=dict)  # method → expectation string
    label: str = ""  # which value of a slug, or which kind of object
    data: Callable = None  # world, variant → POST data (default: empty)
    htmx: bool = False  # sent as an htmx request (the partial answer)

    @property
    def id(self):
        return f"{self.name}[{self.label}]" if self.label else self.name

    def parsed(self, method):
        groups = [group.split() for group in self.expect[method].split("|")]
        assert len(groups) == (2 if self.per_unit else 1), f"{self.id} {method}: {len(groups)} groups"
        for group in groups:
            assert len(group) == len(IDENTITIES), f"{self.id} {method}: {group}"
        return dict(zip(VARIANTS if self.per_unit else ("shared",), groups))


def row(name, args=None, *, GET, POST=None, label="", data=None, htmx=False):
    expect = {"GET": GET}
    if POST:
        expect["POST"] = POST
    return Row(name, args, getattr(args, "per_unit", False), expect, label, data, htmx)


def unit_obj(key, kw="pk", **extra):
    """kwargs naming the own unit's (or the other unit's) `key` object."""

    def build(world, variant):
        return {kw: world.side(variant)[key].pk, **extra}

    build.per_unit = True
    return build


def shared(key, kw="pk", **extra):
    """kwargs naming one object that belongs to no unit."""

    def build(world, variant):
        return {kw: world.shared[key].pk, **extra}

    return build


def fixed(**kwargs):
    build = lambda world, variant: kwargs  # noqa: E731
    build.names_no_object = True  # a page, a form kind or a code: not an object of an agency
    return build


def login_of(identity):
    """kwargs naming the login of one identity of the first agency (its Office keeps it: emulation.logins)."""

    def build(world, variant):
        return {"pk": world.users[identity].pk}

    return build


def part(kind="item", **extra):
    def build(world, variant):
        return {"pk": world.shared["draft_plan"].pk, "kind": kind, "part_pk": world.shared["draft_item"].pk, **extra}

    return build


def scoring_part(world, variant):
    table = world.shared["scoring_table"]
    return {"pk": table.pk, "kind": "section", "part_pk": table.sections.first().pk}


def report_cell(world, variant):
    return {"period_pk": world.shared["blank_period"].pk, "unit_pk": world.side(variant)["unit"].pk}


report_cell.per_unit = True


def vote_of(world, variant):
    return {"pk": world.shared["session"].pk, "nomination_pk": world.side(variant)["checked"].pk}


vote_of.per_unit = True


def written_by(world, variant):
    return {"pk": world.shared["session"].pk, "member_pk": world.shared["member"].pk}


def written_on(world, variant):
    return {**written_by(world, variant), "nomination_pk": world.side(variant)["checked"].pk}


written_on.per_unit = True


def autosave_data(world, variant):
    """What autosave.js sends for an unchanged draft."""
    report = world.side(variant)["report"]
    data = {"version": report.version}
    for progress in report.items.all():
        prefix = f"item-{progress.item_id}"
        data.update({f"{prefix}-status": progress.status, f"{prefix}-percent": progress.percent or "",
                     f"{prefix}-text": progress.text})
    return data


def summary_narrative(summary):
    """What autosave.js sends for an unchanged summary report: its title, sections and header."""
    form = NarrativeForm(report=summary)
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    data["version"] = summary.version
    return data


def action(name, **extra):
    """A real workflow action: a wrong identity is refused with a message (R), nothing changes."""

    def build(world, variant):
        return {"action": name, **extra}

    build.workflow = True
    return build


# The table ------------------------------------------------------------------------------------------
# Columns:         anon staff council head other_head office director deputy admin
ALL = "A A A A A A A A A"
LOGGED_IN = "L A A A A A A A A"
POST_ONLY = "L M M M M M M M M"
OFFICE = "L F F F F A F F A"
ALL_UNITS = "L F F F F A A A A"
UNITS_AND_HEADS = "L F F A A A A A A"
HEADS = "L F F A A F F F F"
COUNCIL_READS = "L F A F F A A A A"
MEMBERS = "L F A F F F F F F"  # the council identity is a member of the council; nobody else is
IN_UNIT = "L F F A H A A A A | L F F H A A A A A"  # whoever sees the unit: all-units roles and its head
IN_UNIT_H = "L H H A H A A A A | L H H H A A A A A"  # the same, objects looked up in a scoped queryset
OFFICE_IN_UNIT = "L H H A H A F F A | L H H H A A F F A"  # the unit's head and the Office write
HEAD_IN_UNIT = "L H H A H F F F F | L H H H A F F F F"  # only the unit's head writes
OFFICE_ANY_UNIT = "L F F F F A F F A | L F F F F A F F A"
POST_ONLY_2 = f"{POST_ONLY} | {POST_ONLY}"
DRAFT_PLAN = "L H H H H A A A A"
DRAFT_PLAN_OFFICE = "L H H H H A F F A"
NOBODY = "L H H H H H H H H"  # an object of the province's standing body: hidden from every agency's login
NOBODY_OF_AN_AGENCY = "L F F F F F F F F"  # the province's pages

TABLE = [
    # emulation: home, accounts, language
    row("home", GET=LOGGED_IN),
    row("guide", GET=LOGGED_IN),
    row("agency_setup", GET=OFFICE),
    row("agency_letterhead", GET=OFFICE, POST=OFFICE),  # the user's own agency: no key in the address
    row("signing_key_list", GET=OFFICE),  # the user's own agency's keys
    row("signing_key_create", GET=OFFICE, POST=OFFICE),
    row("signing_key_edit", shared("signing_key"), GET=OFFICE, POST=OFFICE),
    row("signing_key_deactivate", shared("signing_key"), GET=POST_ONLY, POST=OFFICE),
    row("login", GET=ALL, POST=ALL),
    row("logout", GET="M M M M M M M M M", POST="L L L L L L L L L"),  # back to the login page
    row("password_change", GET=LOGGED_IN, POST=LOGGED_IN),
    row("password_change_done", GET=LOGGED_IN),
    row("password_reset", GET=ALL, POST=ALL),
    row("password_reset_done", GET=ALL),
    row("password_reset_confirm", fixed(uidb64="MQ", token="set-password"), GET=ALL, POST=ALL),
    row("password_reset_complete", GET=ALL),
    row("set_language", GET=ALL, POST=ALL, data=lambda world, variant: {"language": "vi", "next": "/"}),
    # units and staff
    row("unit_list", GET=UNITS_AND_HEADS),
    row("unit_create", GET=OFFICE, POST=OFFICE),
    row("unit_detail", unit_obj("unit"), GET=IN_UNIT),
    row("unit_edit", unit_obj("unit"), GET=OFFICE_ANY_UNIT, POST=OFFICE_ANY_UNIT),
    row("unit_rename", unit_obj("unit"), GET=OFFICE_ANY_UNIT, POST=OFFICE_ANY_UNIT),
    row("unit_merge", unit_obj("unit"), GET=OFFICE_ANY_UNIT, POST=OFFICE_ANY_UNIT),
    row("staff_list", GET=UNITS_AND_HEADS),
    row("staff_create", GET="L F F A A A F F A", POST="L F F A A A F F A"),
    # the own unit's person is the staff member's own record
    row("staff_detail", unit_obj("staff"), GET="L A H A H A A A A | L H H H A A A A A"),
    row("staff_edit", unit_obj("staff"), GET="L F H A H A F F A | L H H H A A F F A",
        POST="L F H A H A F F A | L H H H A A F F A"),
    row("import_data", fixed(kind="units"), label="units", GET=OFFICE, POST=OFFICE),
    row("import_data", fixed(kind="staff"), label="staff", GET="L F F A A A F F A", POST="L F F A A A F F A"),
    row("export_data", fixed(kind="units"), label="units", GET=UNITS_AND_HEADS),
    row("export_data", fixed(kind="staff"), label="staff", GET=UNITS_AND_HEADS),
    # the agency's logins, kept by its Office (emulation.login_views); another agency's Office gets 404
    row("login_list", GET=OFFICE),
    row("login_create", GET=OFFICE, POST=OFFICE),
    row("login_detail", login_of("staff"), GET=OFFICE),
    row("login_password", login_of("staff"), GET=POST_ONLY, POST=OFFICE),
    row("login_role", login_of("staff"), GET=POST_ONLY, POST=OFFICE),
    row("login_unlock", login_of("staff"), GET=POST_ONLY, POST=OFFICE),
    row("login_active", login_of("staff"), GET=POST_ONLY, POST=OFFICE),
    # search-as-you-type choices (emulation.pickers); what each identity finds: test_pickers.py
    row("pick", fixed(kind="staff"), label="staff", GET=UNITS_AND_HEADS),
    row("pick", fixed(kind="unit"), label="unit", GET=UNITS_AND_HEADS),
    row("pick", fixed(kind="unit-all"), label="unit-all", GET=UNITS_AND_HEADS),
    row("notification_list", GET=LOGGED_IN),
    row("notification_read", GET=POST_ONLY, POST=LOGGED_IN),
    # campaigns: plans (drafts are read by the Office and the Director only)
    row("campaigns:plan_list", GET=LOGGED_IN),
    row("campaigns:plan_create", GET=OFFICE, POST=OFFICE),
    row("campaigns:plan_detail", shared("plan"), label="issued", GET=LOGGED_IN),
    row("campaigns:plan_detail", shared("draft_plan"), label="draft", GET=DRAFT_PLAN),
    row("campaigns:plan_edit", shared("draft_plan"), GET=DRAFT_PLAN_OFFICE, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:part_add", shared("draft_plan", kind="item"), GET=DRAFT_PLAN_OFFICE, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:part_add", shared("draft_plan", kind="goal"), label="htmx", htmx=True,
        GET=DRAFT_PLAN_OFFICE, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:part_edit", part(), GET=DRAFT_PLAN_OFFICE, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:part_edit", part(), label="htmx", htmx=True, GET=DRAFT_PLAN_OFFICE, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:part_move", part(direction="down"), GET=POST_ONLY, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:part_move", part(direction="down"), label="htmx", htmx=True, GET=POST_ONLY, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:part_delete", part(), GET=POST_ONLY, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:plan_action", shared("draft_plan", action="submit"), label="submit draft", data=action("submit"),
        GET=POST_ONLY, POST="L H H H H A R R A"),
    row("campaigns:plan_submit_with_signer", shared("draft_plan"), GET=POST_ONLY, POST=DRAFT_PLAN_OFFICE),
    row("campaigns:plan_copy", shared("plan"), GET=OFFICE, POST=OFFICE),
    row("campaigns:plan_correct", shared("plan"), GET=POST_ONLY, POST=OFFICE),
    row("campaigns:plan_pdf", shared("plan"), label="issued", GET=LOGGED_IN),
    row("campaigns:plan_pdf", shared("draft_plan"), label="draft", GET=DRAFT_PLAN),
    row("campaigns:plan_docx", shared("plan"), label="issued", GET=LOGGED_IN),
    row("campaigns:plan_docx", shared("draft_plan"), label="draft", GET=DRAFT_PLAN),
    row("campaigns:plan_preview", shared("plan"), label="issued", GET=LOGGED_IN),
    row("campaigns:plan_preview", shared("draft_plan"), label="draft", GET=DRAFT_PLAN),
    # campaigns: reporting periods, unit reports, the board
    row("campaigns:period_list", GET=ALL_UNITS),
    row("campaigns:period_create", GET=OFFICE, POST=OFFICE),
    row("campaigns:period_standard", GET=POST_ONLY, POST=OFFICE),
    row("campaigns:period_edit", shared("period"), GET=OFFICE, POST=OFFICE),
    row("campaigns:report_open", report_cell, GET=IN_UNIT_H, POST=OFFICE_IN_UNIT),
    row("campaigns:report_board", GET=UNITS_AND_HEADS),
    row("campaigns:report_board_export", GET=UNITS_AND_HEADS),
    row("campaigns:report_board_remind", GET=POST_ONLY, POST=OFFICE),
    row("campaigns:report_board_letter", GET=OFFICE),
    row("campaigns:report_detail", unit_obj("report"), GET=IN_UNIT_H),
    row("campaigns:report_version", unit_obj("report", number=1), GET=IN_UNIT_H),
    row("campaigns:report_edit", unit_obj("report"), GET=OFFICE_IN_UNIT, POST=OFFICE_IN_UNIT),
    row("campaigns:report_autosave", unit_obj("report"), GET=POST_ONLY_2, POST=OFFICE_IN_UNIT, data=autosave_data),
    row("campaigns:report_confirm", unit_obj("report"), GET=OFFICE_IN_UNIT, POST=OFFICE_IN_UNIT),
    row("campaigns:report_copy", unit_obj("report"), GET=POST_ONLY_2, POST=OFFICE_IN_UNIT),
    row("campaigns:report_delegates", unit_obj("report"), GET=HEAD_IN_UNIT, POST=HEAD_IN_UNIT),
    row("campaigns:report_transition", unit_obj("report", action="submit"), label="submit", data=action("submit"), GET=POST_ONLY_2,
        POST="L H H A H A R R A | L H H H A A R R A"),
    row("campaigns:report_transition", unit_obj("report", action="return"), label="return", GET=POST_ONLY_2,
        POST="L H H F H A F F A | L H H H F A F F A"),
    row("campaigns:evidence_download", unit_obj("evidence"), GET=IN_UNIT_H),
    row("campaigns:evidence_delete", unit_obj("evidence"), GET=POST_ONLY_2, POST=OFFICE_IN_UNIT),
    # awards: nominations (a draft: the unit's head edits it; “checked”: the council reads it)
    row("awards:nomination_list", GET="L F A A A A A A A"),
    row("awards:nomination_export", shared("round", kw="round_pk"), GET="L F A A A A A A A"),
    row("awards:nomination_create", GET=HEADS, POST=HEADS),
    row("awards:nomination_bulk", GET=POST_ONLY, POST="L F F F F F A F F"),
    row("awards:nomination_detail", unit_obj("nomination"), label="draft", GET=IN_UNIT_H),
    row("awards:nomination_detail", unit_obj("checked"), label="checked",
        GET="L H A A H A A A A | L H A H A A A A A"),
    row("awards:nomination_edit", unit_obj("nomination"), GET=HEAD_IN_UNIT, POST=HEAD_IN_UNIT),
    row("awards:nomination_act", unit_obj("nomination"), label="submit draft", data=action("submit"), GET=POST_ONLY_2,
        POST="L H H A H R R R R | L H H H A R R R R"),
    row("awards:nomination_act", unit_obj("checked"), label="record_vote (form only)", data=action("record_vote"),
        GET=POST_ONLY_2, POST="L H R R H R R R R | L H R H R R R R R"),
    row("awards:nomination_upload", unit_obj("nomination"), GET=POST_ONLY_2, POST=HEAD_IN_UNIT),
    row("awards:nomination_override", unit_obj("nomination"), GET=POST_ONLY_2,
        POST="L H H F H A A F A | L H H H F A A F A"),
    row("awards:nomination_outcome", unit_obj("forwarded"), GET=POST_ONLY_2,
        POST="L H F F H A F F A | L H F H F A F F A"),  # the council reads forwarded nominations
    row("awards:achievements_pdf", unit_obj("nomination"), label="draft", GET=IN_UNIT_H),
    row("awards:achievements_pdf", unit_obj("checked"), label="checked", GET="L H A A H A A A A | L H A H A A A A A"),
    row("awards:achievements_docx", unit_obj("nomination"), label="draft", GET=IN_UNIT_H),
    row("awards:achievements_docx", unit_obj("checked"), label="checked", GET="L H A A H A A A A | L H A H A A A A A"),
    row("awards:dossier_file", unit_obj("dossier_file"), label="draft", GET=IN_UNIT_H),
    row("awards:dossier_file", unit_obj("checked_file"), label="checked", GET="L H A A H A A A A | L H A H A A A A A"),
    # awards: the province level (awards.forwarding); these identities are all of an agency: the province's
    # pages refuse them; the province's own logins are asked in awards/tests/test_province.py
    row("awards:forwarded_list", GET=NOBODY_OF_AN_AGENCY),
    row("awards:forwarded_detail", unit_obj("forwarding"), GET=f"{NOBODY_OF_AN_AGENCY} | {NOBODY_OF_AN_AGENCY}"),
    row("awards:forwarded_act", unit_obj("forwarding"), label="forward_again (not returned)", data=action("forward_again"),
        GET=POST_ONLY_2, POST="L H H R H R R R R | L H H H R R R R R"),
    row("awards:forwarded_file", unit_obj("sent_file"), GET="L H H H H H H H H | L H H H H H H H H"),
    row("awards:forwarded_proposal", shared("round"), GET="L H H H H H H H H"),
    row("awards:forwarded_minutes", shared("session"), GET="L H H H H H H H H"),
    row("awards:province_decision_list", GET=NOBODY_OF_AN_AGENCY),
    row("awards:province_decision_create", GET=NOBODY_OF_AN_AGENCY, POST=NOBODY_OF_AN_AGENCY),
    # The Chủ tịch's decision: hidden from an agency with no dossier in it; opened by whoever sees a dossier it
    # decided (the Office, the Director and deputy, the unit's head).
    *[row(f"awards:province_decision_{fmt}", shared("province_decision"), label="no dossier of the agency",
          GET="L H H H H H H H H") for fmt in ("pdf", "docx")],
    *[row(f"awards:province_decision_{fmt}", unit_obj("province_decision"), label="deciding the unit's dossier",
          GET=IN_UNIT_H) for fmt in ("pdf", "docx")],
    row("awards:agency_forwarded_list", GET=UNITS_AND_HEADS),
    # awards: catalogue, records, rounds, council, decisions
    row("awards:catalogue", GET=ALL_UNITS),
    row("awards:award_type_create", GET=OFFICE, POST=OFFICE),
    row("awards:award_type_edit", shared("award_type"), GET=OFFICE, POST=OFFICE),
    *[row("awards:record_create", fixed(kind=kind), label=kind, GET=OFFICE, POST=OFFICE)
      for kind in ("initiative", "evaluation", "discipline", "review")],
    row("awards:record_create", fixed(kind="delegation"), label="delegation",
        GET="L F F F F F A F F", POST="L F F F F F A F F"),
    *[row("awards:import_template", fixed(kind=kind), label=kind, GET=OFFICE) for kind in ("award-history", "evaluations")],
    row("awards:rule_set_detail", shared("rule_set"), GET=ALL_UNITS),
    row("awards:rule_set_edit", shared("rule_set"), GET=OFFICE, POST=OFFICE),
    row("awards:rule_edit", shared("rule"), GET=OFFICE, POST=OFFICE),
    row("awards:base_salary_list", GET=ALL_UNITS),
    row("awards:base_salary_create", GET=OFFICE, POST=OFFICE),
    row("awards:base_salary_edit", shared("base_salary"), GET=OFFICE, POST=OFFICE),
    row("awards:fund_list", GET=ALL_UNITS, POST=OFFICE),
    row("awards:fund_detail", shared("fund"), GET=ALL_UNITS, POST=OFFICE),
    row("awards:fund_pdf", shared("fund"), GET=ALL_UNITS),
    row("awards:fund_xlsx", shared("fund"), GET=ALL_UNITS),
    # The register of exemplary models: the unit's head proposes (the Office too), the Office accepts.
    row("awards:exemplar_list", GET=UNITS_AND_HEADS),
    row("awards:exemplar_create", GET="L F F A A A F F A", POST="L F F A A A F F A"),
    row("awards:exemplar_detail", unit_obj("exemplar"), GET=IN_UNIT),
    # proposed to the Office: nobody edits it any more (the unit again once it is returned)
    row("awards:exemplar_edit", unit_obj("exemplar"), label="proposed", GET="L F F F H F F F F | L F F H F F F F F",
        POST="L F F F H F F F F | L F F H F F F F F"),
    row("awards:exemplar_act", unit_obj("exemplar"), label="accept", GET=POST_ONLY_2,
        POST="L F F R H A R R A | L F F H R A R R A", data=action("accept")),
    row("awards:qualification", GET=UNITS_AND_HEADS),
    row("awards:audit", GET=OFFICE),
    row("awards:audit_export", GET=OFFICE),
    row("awards:disclosure_list", GET=LOGGED_IN),
    row("awards:disclosure_create", GET=OFFICE, POST=OFFICE),
    row("awards:disclosure_detail", shared("disclosure"), GET=LOGGED_IN),
    row("awards:disclosure_comment", shared("disclosure"), GET=POST_ONLY, POST=LOGGED_IN,
        data=lambda world, variant: {"text": "Ý kiến"}),
    row("awards:disclosure_public", shared("disclosure"), GET=POST_ONLY, POST=OFFICE),
    row("awards:disclosure_answer", shared("disclosure_comment"), GET=POST_ONLY, POST=OFFICE,
        data=lambda world, variant: {"text": "Trả lời"}),
    row("awards:qualification_nominate", GET=POST_ONLY, POST="L F F H H F F F F"),  # empty data: no such award
    row("awards:round_list", GET=COUNCIL_READS),
    row("awards:round_create", GET=OFFICE, POST=OFFICE),
    row("awards:round_edit", shared("round"), GET=OFFICE, POST=OFFICE),
    row("awards:proposal_pdf", shared("round"), GET=ALL_UNITS),
    row("awards:proposal_docx", shared("round"), GET=ALL_UNITS),
    row("awards:round_documents", shared("round"), GET=ALL_UNITS),
    row("awards:round_eligibility", shared("round"), GET=ALL_UNITS, POST=OFFICE),
    row("awards:proposal_issue", shared("round"), GET=POST_ONLY, POST=OFFICE),
    row("awards:session_list", GET=COUNCIL_READS),
    row("awards:session_create", GET=OFFICE, POST=OFFICE),
    row("awards:session_detail", shared("session"), GET=COUNCIL_READS),
    row("awards:minutes_pdf", shared("session"), GET=COUNCIL_READS),
    row("awards:minutes_docx", shared("session"), GET=COUNCIL_READS),
    row("awards:session_close", shared("session"), GET=POST_ONLY, POST=OFFICE),
    row("awards:session_paper", vote_of, GET=POST_ONLY_2, POST=OFFICE_ANY_UNIT),
    row("awards:session_quorum", shared("session"), GET=COUNCIL_READS),
    row("awards:session_attend", shared("session"), GET=POST_ONLY, POST=MEMBERS),
    row("awards:session_ballot", shared("session"), GET=MEMBERS),
    row("awards:session_cast", vote_of, GET=POST_ONLY_2, POST=f"{MEMBERS} | {MEMBERS}"),
    row("awards:session_written", written_by, GET=OFFICE),
    row("awards:session_cast_written", written_on, GET=POST_ONLY_2, POST=OFFICE_ANY_UNIT),
    row("awards:member_list", GET=COUNCIL_READS),
    row("awards:member_create", GET=OFFICE, POST=OFFICE),
    row("awards:member_edit", shared("member"), GET=OFFICE, POST=OFFICE),
    row("awards:decision_list", GET=ALL_UNITS),
    row("awards:decision_create", GET=OFFICE, POST=OFFICE),
    row("awards:decision_detail", shared("decision"), GET=ALL_UNITS),
    row("awards:decision_pdf", shared("decision"), GET=ALL_UNITS),
    row("awards:decision_docx", shared("decision"), GET=ALL_UNITS),
    # awards: registrations
    row("awards:registration_list", GET=UNITS_AND_HEADS),
    row("awards:registration_create", GET=HEADS, POST=HEADS),
    row("awards:registration_rollup", GET=ALL_UNITS),
    row("awards:registration_rollup_pdf", GET=ALL_UNITS),
    row("awards:registration_rollup_export", GET=ALL_UNITS),
    row("awards:registration_rollup_docx", GET=ALL_UNITS),
    row("awards:registration_rollup_issue", GET=POST_ONLY, POST=OFFICE),
    row("awards:registration_detail", unit_obj("registration"), GET=IN_UNIT_H),
    row("awards:registration_edit", unit_obj("registration"), GET=HEAD_IN_UNIT, POST=HEAD_IN_UNIT),
    row("awards:registration_act", unit_obj("registration"), label="submit draft", data=action("submit"),
        GET=POST_ONLY_2, POST="L H H A H R R R R | L H H H A R R R R"),
    # awards: lookup and history (the own unit's person is the staff member's own record)
    row("awards:lookup", GET=UNITS_AND_HEADS),
    row("awards:lookup_export", GET=UNITS_AND_HEADS),
    row("awards:person_history", unit_obj("staff"), GET="L A H A H A A A A | L H H H A A A A A"),
    row("awards:unit_history", unit_obj("unit"), GET=IN_UNIT),
    row("awards:person_history_pdf", unit_obj("staff"), GET="L A H A H A A A A | L H H H A A A A A"),
    row("awards:person_history_docx", unit_obj("staff"), GET="L A H A H A A A A | L H H H A A A A A"),
    row("awards:unit_history_pdf", unit_obj("unit"), GET=IN_UNIT),
    row("awards:unit_history_docx", unit_obj("unit"), GET=IN_UNIT),
    # the public verification of an issued document (no login: the code printed on the paper)
    row("verify_search", GET=ALL),
    row("verify_document", fixed(code="KHONGCO"), label="unknown code", GET="H H H H H H H H H"),
    # the public page of an agency (issue 31 §11): anyone reads it; the world's list is not public, so 404 to all
    row("public_agencies", GET=ALL),
    row("public_disclosures", fixed(agency="STNMT"), GET=ALL),
    row("public_disclosure", shared("disclosure", agency="STNMT"), label="not public", GET="H H H H H H H H H",
        POST="H H H H H H H H H"),
    # reports: statistics, archive, the province dossier
    row("reports:statistics", GET=ALL_UNITS),
    row("reports:statistics_movements", GET=OFFICE, POST=OFFICE),
    row("reports:statistics_form", fixed(slug="0601"), GET=ALL_UNITS),
    row("reports:statistics_pdf", fixed(slug="0603"), GET=ALL_UNITS),
    row("reports:statistics_xlsx", fixed(slug="0605"), GET=ALL_UNITS),
    row("reports:archive", GET=UNITS_AND_HEADS),
    row("reports:archive_download", unit_obj("document"), label="decision", GET=IN_UNIT),
    row("reports:archive_download", shared("plan_document"), label="plan", GET=UNITS_AND_HEADS),
    row("reports:province_rounds", GET=OFFICE),
    row("reports:province", shared("round"), GET=OFFICE, POST=OFFICE),
    row("reports:province_package", shared("round"), GET=OFFICE, POST=OFFICE),
    # reports: summary reports, accepted unit reports as PDF, the dashboard (issue 11)
    row("reports:summary_list", GET="L F F F F A A A A"),
    row("reports:summary_create", GET=OFFICE, POST=OFFICE),
    # the agencies' issued summaries, read by the province: no agency's login
    row("reports:agency_summary_list", GET=NOBODY_OF_AN_AGENCY),
    row("reports:summary_detail", shared("summary"), GET=DRAFT_PLAN),
    row("reports:summary_edit", shared("summary"), GET=DRAFT_PLAN_OFFICE, POST=DRAFT_PLAN_OFFICE),
    row("reports:summary_autosave", shared("summary"), GET=POST_ONLY, POST=DRAFT_PLAN_OFFICE,
        data=lambda world, variant: summary_narrative(world.shared["summary"])),
    row("reports:summary_refresh", shared("summary"), GET=POST_ONLY, POST=DRAFT_PLAN),
    row("reports:summary_chart", shared("summary", name="units"), GET=DRAFT_PLAN),
    row("reports:summary_pdf", shared("summary"), label="draft", GET="L H H H H H H H H", POST=DRAFT_PLAN),
    row("reports:summary_xlsx", shared("summary"), GET=DRAFT_PLAN),
    row("reports:summary_docx", shared("summary"), GET=DRAFT_PLAN),
    row("reports:summary_transition", shared("summary", action="submit"), label="submit draft", data=action("submit"),
        GET=POST_ONLY, POST="L H H H H A R R A"),
    row("reports:unit_report_list", GET=UNITS_AND_HEADS),
    # the world's reports are drafts: only accepted reports have an official PDF
    row("reports:unit_report_pdf", unit_obj("report"), label="draft",
        GET="L H H H H H H H H | L H H H H H H H H"),
    row("reports:dashboard", GET="L F F F F A A A A"),
    # background jobs: the Office's finished job, seen by its owner only
    row("jobs:job_status", shared("job"), GET="L H H H H A H H H"),
    row("jobs:job_status", shared("job"), label="htmx", htmx=True, GET="L H H H H A H H H"),
    row("jobs:job_download", shared("job"), GET="L H H H H A H H H"),
    # "Chạy lại": a finished job is not run again (its page says why); anyone but its owner gets 404
    row("jobs:job_rerun", shared("job"), GET="M M M M M M M M M", POST="L H H H H A H H H"),
    *[row("reports:dashboard_chart", fixed(name=name), label=name, GET="L F F F F A A A A")
      for name in ("discipline", "units", "items", "awards")],
    # the province's charts: not an agency's dashboard
    *[row("reports:dashboard_chart", fixed(name=name), label=name, GET="L F F F F H H H H")
      for name in ("agencies", "agency_awards")],
    # the province's own summary (issue 16): nobody of an agency sees it, whatever their role
    row("reports:summary_detail", shared("province_summary"), label="province", GET=NOBODY),
    row("reports:summary_edit", shared("province_summary"), label="province", GET=NOBODY, POST=NOBODY),
    row("reports:summary_autosave", shared("province_summary"), label="province", GET=POST_ONLY, POST=NOBODY,
        data=lambda world, variant: summary_narrative(world.shared["province_summary"])),
    row("reports:summary_refresh", shared("province_summary"), label="province", GET=POST_ONLY, POST=NOBODY),
    row("reports:summary_chart", shared("province_summary", name="agencies"), label="province", GET=NOBODY),
    row("reports:summary_pdf", shared("province_summary"), label="province", GET=NOBODY, POST=NOBODY),
    row("reports:summary_xlsx", shared("province_summary"), label="province", GET=NOBODY),
    row("reports:summary_docx", shared("province_summary"), label="province", GET=NOBODY),
    row("reports:summary_transition", shared("province_summary", action="submit"), label="province submit",
        data=action("submit"), GET=POST_ONLY, POST=NOBODY),
    # scoring (issue 29): the Office keeps the tables; a unit head scores only their unit; the ranking is the all-units roles
    row("scoring:table_list", GET=UNITS_AND_HEADS),
    row("scoring:table_create", GET=OFFICE, POST=OFFICE),
    row("scoring:table_detail", shared("scoring_table"), GET=UNITS_AND_HEADS),
    row("scoring:table_edit", shared("scoring_table"), GET=OFFICE, POST=OFFICE),
    row("scoring:table_copy", shared("scoring_table"), GET=POST_ONLY, POST=OFFICE),
    row("scoring:part_add", shared("scoring_table", kind="section"), GET=OFFICE, POST=OFFICE),
    row("scoring:part_edit", scoring_part, GET=OFFICE, POST=OFFICE),
    row("scoring:part_delete", scoring_part, GET=POST_ONLY, POST=OFFICE),
    row("scoring:table_action", shared("scoring_table", action="issue"), label="issue", data=action("issue"),
        GET=POST_ONLY, POST="L H H R R R R R R"),
    *[row(f"scoring:{name}", shared("scoring_table"), GET=ALL_UNITS)
      for name in ("ranking", "ranking_chart", "ranking_xlsx", "notice_pdf", "notice_docx")],
    row("scoring:assessment_detail", unit_obj("assessment"), GET=IN_UNIT_H),
    row("scoring:assessment_edit", unit_obj("assessment"), GET=IN_UNIT_H, POST=IN_UNIT_H),
    row("scoring:assessment_change", unit_obj("assessment"), GET=POST_ONLY_2, POST=IN_UNIT_H),
    row("scoring:assessment_answer", unit_obj("assessment"), GET=POST_ONLY_2, POST=IN_UNIT_H),
    row("scoring:assessment_action", unit_obj("assessment", action="submit"), label="submit", data=action("submit"),
        GET=POST_ONLY_2, POST="L H H R H R R R R | L H H H R R R R R"),
    row("scoring:block_list", GET=ALL_UNITS),
    row("scoring:block_create", GET=OFFICE, POST=OFFICE),
    row("scoring:block_edit", shared("block"), GET=OFFICE, POST=OFFICE),
    row("scoring:agreement_edit", shared("block"), GET=OFFICE, POST=OFFICE),
    row("scoring:agreement_pdf", shared("block"), GET=ALL_UNITS),
    row("scoring:agreement_docx", shared("block"), GET=ALL_UNITS),
    # awards: the register of outside nominees (issue 30): the Office keeps it, unit heads add and read it
    row("awards:outsider_list", GET=UNITS_AND_HEADS),
    row("awards:outsider_create", GET="L F F A A A F F A", POST="L F F A A A F F A"),
    row("awards:outsider_detail", shared("outsider"), GET=UNITS_AND_HEADS),
    row("awards:outsider_edit", shared("outsider"), GET=OFFICE, POST=OFFICE),
    row("awards:communes", GET=UNITS_AND_HEADS),
    row("awards:outsider_history_pdf", shared("outsider"), GET=UNITS_AND_HEADS),
    row("awards:outsider_history_docx", shared("outsider"), GET=UNITS_AND_HEADS),
]

#: URLs the table may leave out (none today): every new URL needs a row.
PENDING = set()


# The URL configuration --------------------------------------------------------------------------------

SKIPPED_NAMESPACES = {"admin"}  # Django's admin has its own permission system (is_staff), tested by Django


def url_patterns(resolver=None, namespace="", route=""):
    """(qualified name or route, route) of every pattern, walking includes recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            yield from url_patterns(pattern, prefix, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            full = route + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else full), full


def test_every_url_pattern_has_a_row_in_the_access_table():
    patterns = dict(url_patterns())
    rows = {row.name for row in TABLE}
    missing = sorted(f"{name} ({route})" for name, route in patterns.items() if name not in rows | PENDING)
    assert not missing, "URL patterns missing from the access table in emulation/tests/test_access.py: " + ", ".join(missing)
    assert not rows - set(patterns), f"rows of URLs that no longer exist: {sorted(rows - set(patterns))}"


def test_every_row_lists_every_identity_for_every_variant():
    for entry in TABLE:
        for method in entry.expect:
            entry.parsed(method)  # asserts the shape, naming the row


# The world and the requests ---------------------------------------------------------------------------


def _real_pdfs():
    """PDFs are laid out by WeasyPrint itself: the documents machinery now stamps and reads what it renders
    (PDF/A metadata), so a stand-in no longer fits; the cost is a few seconds."""
    return contextlib.nullcontext()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end; files in a module folder."""
    media = tmp_path_factory.mktemp("access-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # conftest's per-test setting is not on yet
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast), \
            _real_pdfs():
        with transaction.atomic():
            built = build_world()
            built.media = media
            built.sessions = _sessions(built.users)
            built.files = {name: (media / name).read_bytes() for name in _stored_files(built)}
            yield built
            transaction.set_rollback(True)


def _sessions(users):
    """A session cookie per identity, made once: one Client serves the whole module (building a Client's
    middleware chain makes WhiteNoise scan every static file)."""
    sessions = {}
    for identity, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[identity] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def _stored_files(world):
    return [side[key].file.name for side in (world.own, world.other) for key in ("evidence", "dossier_file", "checked_file")]


def _restore_files(world):
    """A POST that deletes a file removes it from the disk; the rolled-back row still points at it."""
    for name, content in world.files.items():
        path = world.media / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


LOGIN_PATH = urlparse(resolve_url(settings.LOGIN_URL)).path


def classify(response, workflow=False):
    """The class of an answer; R only for rows that post a real workflow action (`workflow`): elsewhere a
    redirect with an error message answers empty data and counts as allowed."""
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        if urlparse(response["Location"]).path == LOGIN_PATH:
            return "L"
        queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
        return "R" if workflow and any(message.level >= ERROR for message in queued) else "A"
    if 200 <= code < 300:
        return "A"
    return {403: "F", 404: "H", 405: "M"}.get(code, f"?{code}")


def ask(client, world, entry, identity, variant, method):
    url = reverse(entry.name, kwargs=entry.args(world, variant) if entry.args else None)
    headers = {"HX-Request": "true"} if entry.htmx else {}
    # Only this identity's session: no cookie of a previous answer (messages, a new session) carries over.
    client.cookies = SimpleCookie()
    if identity in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[identity]
    with transaction.atomic():
        if method == "GET":
            response = client.get(url, headers=headers)
        else:
            data = entry.data(world, variant) if entry.data else {}
            response = client.post(url, data, headers=headers)
        transaction.set_rollback(True)
    if method == "POST":
        _restore_files(world)
    return classify(response, workflow=getattr(entry.data, "workflow", False)), url, response


#: Names an identity must never read, whatever the page or the file: the person of a unit outside its
#: scope (the own unit's person is the staff member's own record; neither is nominated past the council).
UNSEEN = {
    "staff": ["Lê Thị Môi"], "council": ["Lê Thị Môi", "Nguyễn Văn Cán"], "head": ["Lê Thị Môi"],
    "other_head": ["Nguyễn Văn Cán"],
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def readable_text(response):
    """The text of an HTML, JSON or text answer, or of every cell of an Excel file; "" for other files."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith(XLSX):

        book = load_workbook(BytesIO(response.content), read_only=True)
        return "\n".join(str(value) for sheet in book for values in sheet.iter_rows(values_only=True)
                         for value in values if value is not None)
    if content_type.startswith(("text/", "application/json")) and not getattr(response, "streaming", False):
        return response.content.decode("utf-8", errors="replace")
    return ""


def leaked(identity, response):
    text = readable_text(response) if identity in UNSEEN and 200 <= response.status_code < 300 else ""
    return [name for name in UNSEEN.get(identity, []) if name in text]


@pytest.fixture
def access_settings(settings, world):
    settings.MEDIA_ROOT = world.media
    return settings


@pytest.fixture(scope="module")
def client_for_all():
    """One client for the module; the thousands of expected 403/404/405 are not logged (500s still are)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield Client(raise_request_exception=False)
    logger.setLevel(level)


#: Rows about objects every agency shares: the catalogue of awards and the rule sets (the law). Here, with
#: no provincial standing body, each agency's Office keeps them; once there is one, only its Office does
#: (awards.rules.can_keep_catalogue; test_once_the_province_has_a_standing_body_only_its_office_keeps_...).
SHARED_ACROSS_AGENCIES = {"awards:award_type_edit", "awards:rule_set_detail", "awards:rule_set_edit", "awards:rule_edit",
                          "awards:base_salary_edit"}
#: What the logins of another agency must never read: the first agency's people and units.
AGENCY_A_NAMES = ["Nguyễn Văn Cán", "Lê Thị Môi", "Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường", "Tổ Đăng ký"]
REFUSED = {"H", "F", "M", "R", "L"}


def names_an_object(entry):
    return entry.args is not None and not getattr(entry.args, "names_no_object", False) \
        and entry.name not in SHARED_ACROSS_AGENCIES


@pytest.mark.parametrize("entry", TABLE, ids=lambda entry: entry.id)
def test_url_refuses_every_identity_of_another_agency(entry, world, access_settings, client_for_all, db):
    """One URL asked by every login of the second agency: refused when it names the first agency's object;
    otherwise answered as to the identity they mirror, without a name of the first agency."""
    wrong = []
    for identity, mirrored in OTHER_AGENCY.items():
        index = IDENTITIES.index(mirrored)
        for method in entry.expect:
            for variant, expected in entry.parsed(method).items():
                got, url, response = ask(client_for_all, world, entry, identity, variant, method)
                if 200 <= response.status_code < 300:
                    text = readable_text(response)
                    wrong += [f"{identity} {method} {url}: shows “{name}” of another agency"
                              for name in AGENCY_A_NAMES if name in text]
                if names_an_object(entry):
                    if got not in REFUSED:
                        wrong.append(f"{identity} {method} {url}: an object of another agency answered {got}")
                elif got != expected[index] and got not in REFUSED:  # refused is never a leak (e.g. no data)
                    wrong.append(f"{identity} {method} {url}: expected {expected[index]} as {mirrored}, got {got}")
    assert not wrong, f"{entry.id}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("entry", TABLE, ids=lambda entry: entry.id)
def test_url_answers_every_identity_as_the_table_says(entry, world, access_settings, client_for_all, db):
    """One URL: every identity × the own and the other unit's object × GET and each POST."""

    wrong = []
    with _real_pdfs():
        for index, identity in enumerate(IDENTITIES):
            for method in entry.expect:
                for variant, expected in entry.parsed(method).items():
                    got, url, response = ask(client_for_all, world, entry, identity, variant, method)
                    for name in leaked(identity, response):
                        wrong.append(f"{identity} {method} {url}: shows “{name}”, a person outside their scope")
                    if got != expected[index]:
                        about = "" if variant == "shared" else f" ({variant} unit's object)"
                        wrong.append(f"{identity} {method} {url}{about}: expected {expected[index]}, got {got}")
    assert not wrong, f"{entry.id}:\n" + "\n".join(wrong)

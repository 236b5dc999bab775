"""Who may do what with awards: every rule of the app, named, on top of emulation.permissions.

Each predicate states its conditions in its docstring; querysets are scoped by `visible_to(user)` on
the models, so that another unit's object is a 404 before any of these is asked. Views only call these.
"""
from django.core.exceptions import ObjectDoesNotExist

from emulation import permissions as core
from emulation.enums import Role


def can_view_nominations(user):
    """Office, Director, Deputy Director, administrator, unit heads (own subtree) and council members."""
    return core.sees_all_units(user) or core.is_unit_head(user) or core.is_council_member(user)


def can_propose_for(user, unit):
    """A unit head proposes for their own unit or a sub-unit."""
    return core.is_unit_head(user) and unit is not None and unit.path.startswith(user.unit.path)


def can_propose_outsider(user):
    """Propose an outside nominee (awards.Outsider): a unit head (for their unit) or the Office (for its own
    unit, the Văn phòng: the Office finds many outsiders itself)."""
    return core.is_unit_head(user) or (core.is_office(user) and user.unit_id is not None)


def can_edit_nomination(user, nomination):
    """The proposing unit's head, while the nomination is a draft or returned; for an outside nominee
    proposed by the Office, the Office of the agency (its own unit proposed it)."""
    if not nomination.editable:
        return False
    if nomination.outsider_id and core.is_office(user) and user.unit_id == nomination.unit_id:
        return True
    return can_propose_for(user, nomination.unit)


def can_decide(user):
    """Approve, forward or reject nominations: the Director; a Deputy Director only while a delegation
    from the Director is in force (emulation.permissions.acts_for_director)."""
    return core.acts_for_director(user)


def can_check(user):
    """The Office (and the administrator) checks dossiers, enters council counts, issues decisions, keeps
    the history, the catalogue and the rules, rounds and council sessions."""
    return core.is_office(user)


def can_keep_catalogue(user):
    """The catalogue of awards and the rule sets are the law, one for every agency of the province: the
    administrator and the Office of the province's standing body keep them; a Department that forwards to
    no standing body (one Department on its own) keeps them with its Office."""
    if not core.is_office(user):
        return False
    if core.role_of(user) == Role.ADMIN:
        return True
    agency = user.agency
    return agency is not None and (agency.is_province or agency.province_id is None)


def can_record_outcome(user, nomination):
    """The province's answer on a forwarded nomination, typed in: the Office, while the nomination is
    forwarded and was not sent to a province working in this system (whose answer comes by itself)."""
    return (can_check(user) and nomination.status == nomination.Status.FORWARDED
            and not is_forwarded_electronically(nomination))


def can_act_for_own_agency(user, nomination):
    """The Office of the nomination's own agency: the steps after forwarding that the agency records (the
    higher authority's typed answer, the dossier package sent). A province's login may act on a nomination
    forwarded to it (emulation.scoping.acts_in_agency_of) only through the province's own steps."""
    return can_check(user) and core.same_agency(user, core.object_agency_id(nomination))


# The province level (awards.forwarding) -------------------------------------------------------------------

def forwarding_of(nomination):
    """The nomination's awards.Forwarding, or None when it was not sent to a province in this system."""
    try:
        return nomination.forwarding
    except ObjectDoesNotExist:
        return None


def is_forwarded_electronically(nomination):
    """The nomination was sent to its agency's province in this system (an awards.Forwarding exists)."""
    return forwarding_of(nomination) is not None


def can_use_province_inbox(user):
    """The province's inbox of forwarded dossiers and its dossier pages: the logins of a provincial
    standing body who see its whole work (its Office, the Chủ tịch and deputies, its administrator)."""
    return core.is_province_user(user) and core.sees_all_units(user)


def can_review_forwarded(user, forwarding):
    """Thẩm định (accept, return with a reason, ask for more documents): the Office of the province the
    dossier was forwarded to."""
    return core.is_office(user) and core.same_agency(user, forwarding.province_id)


def can_forward_again(user, forwarding):
    """Forward again a dossier the province returned or asked documents for: the forwarding agency's Office."""
    return can_check(user) and core.same_agency(user, forwarding.agency_id)


def can_complete_forwarded(user, nomination):
    """Add files to a forwarded dossier while the province has it back (returned, more documents asked):
    the forwarding agency's Office."""
    forwarding = forwarding_of(nomination)
    return forwarding is not None and forwarding.with_the_agency and can_forward_again(user, forwarding)


def can_record_province_council(user, forwarding):
    """Record the provincial council's result on a dossier (closing the province's session): the Office of
    the province it was forwarded to (the council's standing body)."""
    return forwarding is not None and core.is_office(user) and core.same_agency(user, forwarding.province_id)


def can_follow_forwarded(user):
    """The agency's list of its dossiers at the province: its Office, Director and deputies (every one), a
    unit head (their units'); not the province's logins (they have the inbox)."""
    return not core.is_province_user(user) and (core.sees_all_units(user) or core.is_unit_head(user))


def can_issue_province_decision(user):
    """The decision in the province's name: the Chủ tịch (the province's Director role; a deputy with a
    delegation in force)."""
    return core.is_province_user(user) and can_decide(user)


def can_decide_forwarded(user, forwarding):
    """Decide one accepted dossier (or its nomination): the Chủ tịch of the province it was forwarded to."""
    if forwarding is None:
        return False
    return can_issue_province_decision(user) and core.same_agency(user, forwarding.province_id)


def can_override(user, nomination):
    """The Office (while checking) and the deciding Director may set a failed rule aside, with a reason,
    while the nomination is not final."""
    return (core.is_office(user) or can_decide(user)) and nomination.status not in nomination.FINAL


def can_view_history(user):
    """Lookup and history pages: everyone who sees units; unit heads only their subtree."""
    return core.sees_all_units(user) or core.is_unit_head(user)


def can_delegate(user):
    """Grant a delegation to a Deputy Director: the Director only (not a deputy, not the administrator)."""
    return core.is_the_director(user)


def can_view_registrations(user):
    """The registration list: the all-units roles (every unit) and unit heads (their subtree)."""
    return core.sees_all_units(user) or core.is_unit_head(user)


def can_edit_registration(user, registration):
    """The registering unit's head, while the registration is a draft or returned."""
    return registration.editable and can_propose_for(user, registration.unit)


def can_view_outsiders(user):
    """The register of outside nominees and each one's award history: the all-units roles and unit heads
    (who propose outsiders and must find one already registered); not council members or staff."""
    return core.sees_all_units(user) or core.is_unit_head(user)


def can_add_outsider(user):
    """Add an outside nominee to the register: the Office (which keeps it) and unit heads (who propose)."""
    return core.is_office(user) or core.is_unit_head(user)


def can_keep_outsider(user, outsider):
    """Correct an entry of the register: the Office keeps it (BN86 Điều 9: the standing body), and the one
    who added it while nothing was decided for it yet."""
    if core.is_office(user):
        return True
    return (can_add_outsider(user) and outsider.created_by_id == user.pk
            and not outsider.award_records.exists())


def can_register(user):
    """Register for the year and propose nominations: a unit head."""
    return core.is_unit_head(user)


def can_view_rollup(user):
    """The Department's registration roll-up (page, Excel, PDF): the all-units roles."""
    return core.sees_all_units(user)


def can_view_catalogue(user):
    """The award catalogue and its rules: the all-units roles (the Office changes them: can_check)."""
    return core.sees_all_units(user)


def can_read_council(user):
    """Rounds, council sessions and their minutes: the all-units roles and council members."""
    return core.sees_all_units(user) or core.is_council_member(user)


def can_view_decisions(user):
    """Decisions, their PDFs and the proposal (tờ trình) PDFs: the all-units roles."""
    return core.sees_all_units(user)


def sees_every_unit(user):
    """Lists show the proposing unit's column: the all-units roles."""
    return core.sees_all_units(user)


def can_view_qualification(user):
    """What each person and unit qualifies for: the all-units roles (every unit) and unit heads (their
    subtree); not council members or staff."""
    return core.sees_all_units(user) or core.is_unit_head(user)


def can_read_disclosure(user):
    """A published list of proposed awardees: every logged-in person of the Department (công khai)."""
    return user.is_authenticated


def can_publish_disclosure(user):
    """Publish a round's list and answer the comments on it: the Office (and the administrator)."""
    return core.is_office(user)


def can_manage_council(user):
    """The council's membership, opening and closing its sessions, attendance, written opinions and paper
    ballots: the Office (the council's standing body, BN86 Điều 9)."""
    return can_check(user)


def can_read_session(user, member):
    """A session's page: whoever reads the council's pages, and every member of the council on the
    session's date (`member`: the user's membership then, or None)."""
    return can_read_council(user) or member is not None


def can_vote(member, session):
    """Vote online in a session: a member of the council on its date, while it is open."""
    return member is not None and not session.is_closed


def can_view_audit(user):
    """The audit trail across records (page and Excel): the Office and the administrator, each within
    what they see (awards.audit scopes every row by its record)."""
    return core.is_office(user)


def can_view_fund(user):
    """The agency's emulation and commendation fund and its yearly statement: whoever sees all its units
    (the Office, the Director and deputies, the administrator)."""
    return core.sees_all_units(user)


def can_keep_fund(user):
    """Enter the fund's sources: the Office (and the administrator)."""
    return core.is_office(user)


def can_view_exemplars(user):
    """The register of exemplary models: the all-units roles and the unit heads (their units')."""
    return core.sees_all_units(user) or core.is_unit_head(user)


def can_propose_exemplar(user):
    """A unit head proposes for their units; the Office enters models too (for any unit)."""
    return core.is_unit_head(user) or core.is_office(user)


def can_edit_exemplar(user, exemplar):
    """While a draft or returned: the head of the proposing unit (or of a unit above it), or the Office."""
    return exemplar.editable and (can_propose_for(user, exemplar.unit) or core.is_office(user))

"""The user guide ("Hướng dẫn sử dụng"): the steps of the yearly cycle that one login takes part in, each
with a link to the page where it is done.

A step names the guides it belongs to (the kind of login: see `guide_of`) and the page of its link. The link
is shown only when the menu would show that page to the login (the same `visible` predicate as the
navigation bar, emulation.navigation), and a step whose page the login cannot open is left out: the guide
never offers a link that answers 403.
"""
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from emulation import navigation, permissions
from emulation.enums import Role
from emulation.scoping import is_province_user

#: Pages every login may open, which are not menu entries.
ALWAYS = {"home": lambda user: True, "notification_list": lambda user: True, "admin:index": permissions.is_admin}

GUIDES = {
    "office": _("Office staff"),
    "leadership": _("Director and Deputy Directors"),
    "council": pgettext_lazy("guide", "Council members"),
    "unit_head": _("Unit heads"),
    "staff": pgettext_lazy("role", "Staff"),
    "province_office": _("The province's emulation and commendation board"),
    "province_leadership": _("The province's leaders"),
    "admin": _("Administrator"),
}


@dataclass(frozen=True)
class Step:
    guides: tuple
    title: str
    text: str
    url_name: str


STEPS = (
    Step(("admin",), _("Keep the units and the logins up to date"),
         _("Create the units of the Department and a login for each person, with the right role."), "admin:index"),
    Step(("admin", "office"), _("Keep the list of units and staff"),
         _("Check the units and the people in them before the year starts; import them from Excel if many change."),
         "staff_list"),
    Step(("office",), _("Draft and issue the year's emulation plan"),
         _("Write the plan, its contents and targets, submit it to the Director and issue it once approved."),
         "campaigns:plan_list"),
    Step(("leadership",), _("Approve the year's emulation plan"),
         _("Read the plan the Office submits, then approve it or return it with a reason."), "campaigns:plan_list"),
    Step(("unit_head", "staff"), _("Read the year's emulation plan"),
         _("The plan says what each unit commits to and how results are reported."), "campaigns:plan_list"),
    Step(("office", "unit_head"), _("Register the emulation titles"),
         _("At the start of the year each unit registers the titles it aims for, for itself and its people."),
         "awards:registration_list"),
    Step(("office",), _("Open the reporting periods"),
         _("Each period (quarter, half-year, year) has its due date; units are reminded before it."),
         "campaigns:period_list"),
    Step(("unit_head",), _("Report on each period"),
         _("Fill in the unit's progress on each content item and target, then submit the report before the due date."),
         "campaigns:report_board"),
    Step(("office",), _("Receive the unit reports"),
         _("Accept each report or return it with a reason; see who has not reported yet."), "campaigns:report_board"),
    Step(("leadership", "office", "province_leadership", "province_office"), _("Follow the progress"),
         _("The dashboard shows who reported on time, the completion of each unit and the nominations in progress."),
         "reports:dashboard"),
    Step(("unit_head",), _("Propose your people and your unit for awards"),
         _("At the end of the year, nominate the people and the collective that qualify, with their dossiers."),
         "awards:nomination_list"),
    Step(("office",), _("Check the nominations"),
         _("Check each dossier against the conditions of the law, then send the complete ones to the council."),
         "awards:nomination_list"),
    Step(("office", "council", "leadership"), _("Hold the council meeting and vote"),
         _("The council reads the agenda and each member votes; the result is counted by the system."),
         "awards:session_list"),
    Step(("staff", "office"), _("Read the published list of proposed awardees"),
         _("The list is published for comments before the decision; anyone may comment within the time given."),
         "awards:disclosure_list"),
    Step(("leadership",), _("Decide on the nominations"),
         _("Approve the nominations the council passed, or forward them to the province."), "awards:nomination_list"),
    Step(("office", "leadership", "province_office", "province_leadership"), _("Issue the award decisions"),
         _("The decision is numbered, signed and issued; the awards are then recorded for each person and unit."),
         "awards:decision_list"),
    Step(("office",), _("Send the dossiers to the province"),
         _("Build the dossier package of nominations for a provincial or higher award and record the answer."),
         "reports:province_rounds"),
    Step(("province_office", "province_leadership"), _("Review the dossiers from the agencies"),
         _("Each agency's forwarded dossiers arrive here: check them and answer each one."), "awards:forwarded_list"),
    Step(("office", "leadership", "province_office", "province_leadership"), _("Write the summary report"),
         _("The summary report of a period is drafted by the Office from the unit reports and approved by the leader."),
         "reports:summary_list"),
    Step(("office", "leadership", "unit_head"), _("Look up past awards"),
         _("See who received which award in which year, to check the conditions of the next one."), "awards:lookup"),
    Step(("office", "leadership", "council", "unit_head", "staff", "province_office", "province_leadership", "admin"),
         _("Follow your tasks and notifications"),
         _("The home page lists what waits for you; notifications tell you when something changes."), "home"),
)


def guide_of(user):
    """The key of `user`'s guide in GUIDES."""
    if permissions.is_admin(user):
        return "admin"
    if user.role == Role.COUNCIL:
        return "council"
    if is_province_user(user):
        return "province_leadership" if user.role in (Role.DIRECTOR, Role.DEPUTY_DIRECTOR) else "province_office"
    if user.role in (Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        return "leadership"
    return {Role.OFFICE: "office", Role.UNIT_HEAD: "unit_head"}.get(user.role, "staff")


def _can_open(user, url_name):
    if url_name in ALWAYS:
        return ALWAYS[url_name](user)
    return any(entry.visible(user) for entry in navigation.menu_entries(url_name))


def steps_for(user):
    """The steps of `user`'s guide whose page `user` may open, in the cycle's order: [{"title", "text", "url"}]."""
    guide = guide_of(user)
    return [{"title": step.title, "text": step.text, "url": reverse(step.url_name)}
            for step in STEPS if guide in step.guides and _can_open(user, step.url_name)]

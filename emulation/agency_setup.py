"""What a new agency needs before its first plan ("Thiết lập cơ quan", issue 26 item 2).

`manage.py create_agency` makes the agency, its top unit and the logins of its Office and its Director; the
Office builds the rest. `setup_needs(user)` says, for the user's agency, each need with its state and where
it is met. Everything is read through the user's own scopes (an Office's login sees every unit of its
agency and nothing of another), so the page and the home card never count another agency's rows.

The core sits below the apps: each app adds its own needs with `register_needs(provider, order)` in its
AppConfig.ready() (as it adds its menu entries), and `setup_needs` lists them all in their order.
"""
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.models import Agency, Role, Staff, Unit, User
from emulation.permissions import agency_id_of
from emulation.workflow import log_action, logged_action

#: Printed on the agency's documents: what `Agency` must have filled for its letterhead and signature.
LETTERHEAD_FIELDS = ("name", "parent_authority", "place", "head_title", "office_chief")

LETTERHEAD_CHANGED = logged_action("agency_letterhead_changed", gettext_lazy("Letterhead and signer changed"))


def save_letterhead(agency, changes, *, actor):
    """Save `changes` (field → new value) to `agency`'s letterhead and signer, with one timeline row naming
    each field that changed, its old and new value. Nothing changed: nothing written. Returns the changed
    fields."""
    changed = {name: [getattr(agency, name), value] for name, value in changes.items()
               if getattr(agency, name) != value}
    if changed:
        with transaction.atomic():
            for name, (_old, value) in changed.items():
                setattr(agency, name, value)
            agency.save(update_fields=list(changed))
            log_action(agency, LETTERHEAD_CHANGED, actor=actor, data=changed)
    return list(changed)


@dataclass(frozen=True)
class Need:
    title: str
    done: bool
    state: str  # the figure behind the state, in words: "3 units", "2 of 5 units"
    url: str
    action: str  # what the link does


#: (order, provider): provider(user, agency) → [Need]; filled by `register_needs` from the apps' ready().
_NEEDS = []


def register_needs(provider, order=100):
    """Add `provider(user, agency) -> [Need]` to the set-up page and the home card, at `order` (idempotent)."""
    if all(existing is not provider for _order, existing in _NEEDS):
        _NEEDS.append((order, provider))
        _NEEDS.sort(key=lambda pair: pair[0])


def setup_needs(user):
    """The needs of `user`'s agency, in the order they are met (the core's and those the apps registered).
    10 queries with the four apps."""
    agency = Agency.objects.get(pk=agency_id_of(user))
    return [need for _order, provider in _NEEDS for need in provider(user, agency)]


def organisation_needs(user, agency):
    """The core's needs: units, staff, the Director's login, the unit heads' logins (order 100-400)."""
    units = Unit.objects.visible_to(user).filter(active=True)
    unit_count = units.count()
    staff_count = Staff.objects.visible_to(user).filter(active=True).count()
    logins = User.objects.filter(agency=agency, is_active=True)
    directors = logins.filter(role=Role.DIRECTOR).count()
    # The units directly under the agency's top unit report and nominate: each needs its head's login.
    divisions = units.filter(parent__parent__isnull=True, parent__isnull=False)
    division_count = divisions.count()
    headed = logins.filter(role=Role.UNIT_HEAD, unit__in=divisions).values("unit").distinct().count()
    users_url = reverse("login_create")
    return [
        Need(_("Units"), unit_count > 1, _("%(count)d units (with the top unit)") % {"count": unit_count},
             reverse("unit_list"), _("Add the units or import them from Excel")),
        Need(_("Staff"), staff_count > 0, _("%(count)d people") % {"count": staff_count},
             reverse("staff_list"), _("Add the staff or import them from Excel")),
        Need(_("The Director's login"), directors > 0, _("%(count)d logins") % {"count": directors},
             users_url, _("Create the Director's login")),
        Need(_("Logins of the unit heads"), division_count > 0 and headed == division_count,
             _("%(headed)d of %(count)d units have their head's login") % {"headed": headed, "count": division_count},
             users_url, _("Create a login for the head of each unit")),
    ]


def letterhead_needs(user, agency):
    """The signer and the letterhead (order 600: after the council, before the plan)."""
    missing_letterhead = [str(Agency._meta.get_field(name).verbose_name) for name in LETTERHEAD_FIELDS
                          if not (getattr(agency, name) or "").strip()]
    return [
        Need(_("The signer and the letterhead"), not missing_letterhead,
             _("Missing: %(fields)s") % {"fields": ", ".join(missing_letterhead)} if missing_letterhead
             else _("%(name)s, %(title)s") % {"name": agency.name, "title": agency.head_title},
             reverse("agency_letterhead"), _("Fill in the agency's letterhead")),
    ]

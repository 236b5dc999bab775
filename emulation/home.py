"""What the organisation part contributes to the home page ("Việc cần làm")."""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation import permissions
from emulation.agency_setup import setup_needs
from emulation.models import Staff, Unit
from emulation.navigation import Task


def organisation_tasks(user):
    tasks = []
    if permissions.can_set_up_agency(user):
        missing = sum(1 for need in setup_needs(user) if not need.done)
        if missing:  # the card goes away once the agency has everything its first plan needs
            tasks.append(Task(_("Set up the agency"), reverse("agency_setup"), missing,
                              _("things still missing before the first plan"), urgent=True))
    if permissions.can_view_units(user):
        counts = Unit.objects.visible_to(user).aggregate(active=Count("pk", filter=Q(active=True)))
        tasks.append(Task(_("Units"), reverse("unit_list"), counts["active"], _("active units")))
    if permissions.can_view_staff_list(user):
        count = Staff.objects.visible_to(user).filter(active=True).count()
        tasks.append(Task(_("Staff"), reverse("staff_list"), count, _("people working")))
    staff_id = permissions.own_staff_id(user)
    if staff_id:
        tasks.append(Task(_("My record"), reverse("staff_detail", args=[staff_id]), None, _("your personal record")))
    return tasks

"""The plans' cards on the home page (“Việc cần làm”)."""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import rules
from campaigns.models import Plan, PlanStatus
from emulation.navigation import Task


def plan_tasks(user):
    """Office: drafts and returned plans to work on, approved plans to issue. Director: plans to decide."""
    url = reverse("campaigns:plan_list")
    if rules.can_manage_plans(user):
        counts = Plan.objects.aggregate(
            drafts=Count("pk", filter=Q(status=PlanStatus.DRAFT)),
            returned=Count("pk", filter=Q(status=PlanStatus.RETURNED)),
            approved=Count("pk", filter=Q(status=PlanStatus.APPROVED)),
        )
        tasks = []
        if counts["returned"]:
            tasks.append(Task(_("Plans returned by the Director"), f"{url}?status=returned", counts["returned"],
                              urgent=True))
        if counts["drafts"]:
            tasks.append(Task(_("Draft plans"), f"{url}?status=draft", counts["drafts"]))
        if counts["approved"]:
            tasks.append(Task(_("Approved plans to issue"), f"{url}?status=approved", counts["approved"], urgent=True))
        return tasks
    if rules.can_decide_plan(user):
        waiting = Plan.objects.filter(status=PlanStatus.SUBMITTED).count()
        if waiting:
            return [Task(_("Plans waiting for your approval"), f"{url}?status=submitted", waiting, urgent=True)]
    return []

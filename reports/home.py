"""What summary reports contribute to the home page (“Việc cần làm”)."""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.navigation import Task
from reports import rules
from reports.models import SummaryReport, SummaryStatus


def summary_tasks(user):
    """Office: returned reports to correct and approved reports to issue. Director: reports to decide."""
    url = reverse("reports:summary_list")
    if rules.can_manage_summaries(user):
        counts = SummaryReport.objects.visible_to(user).aggregate(
            returned=Count("pk", filter=Q(status=SummaryStatus.RETURNED)),
            approved=Count("pk", filter=Q(status=SummaryStatus.APPROVED)),
        )
        tasks = []
        if counts["returned"]:
            tasks.append(Task(_("Summary reports returned by the Director"), f"{url}?status=returned",
                              counts["returned"], urgent=True))
        if counts["approved"]:
            tasks.append(Task(_("Approved summary reports to issue"), f"{url}?status=approved", counts["approved"],
                              urgent=True))
        return tasks
    if rules.can_decide_summary(user):
        waiting = SummaryReport.objects.visible_to(user).filter(status=SummaryStatus.SUBMITTED).count()
        tasks = [Task(_("Director's dashboard"), reverse("reports:dashboard"), None, _("figures of the movement"))]
        if waiting:
            tasks.insert(0, Task(_("Summary reports waiting for your approval"), f"{url}?status=submitted", waiting,
                                 urgent=True))
        return tasks
    return []

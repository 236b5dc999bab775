"""The round's eligibility page: how many of its nominations the last background check found eligible, the
check's progress while it runs, and the Office's button to check the whole round again (awards.jobs)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import jobs, rules
from awards.models import AwardRound
from emulation.jobs.models import Job
from emulation.jobs.views import start_and_follow
from emulation.permissions import require


@login_required
def round_eligibility(request, pk):
    require(rules.can_view_decisions(request.user))
    round_ = get_object_or_404(AwardRound.objects.visible_to(request.user), pk=pk)
    can_start = rules.can_check(request.user)
    if request.method == "POST":
        require(can_start)
        return start_and_follow(
            request, lambda: jobs.start_round_check(round_, request.user),
            reverse("awards:round_eligibility", args=[round_.pk]),
            message=_("The eligibility of every nomination of the round is being checked in the background; the "
                      "nomination list shows it when the check has finished."))
    job = jobs.pending_check(round_)
    if job is None and request.GET.get("job", "").isdigit():
        job = Job.objects.visible_to(request.user).defer("result").filter(
            pk=request.GET["job"], kind=jobs.ELIGIBILITY_KIND, params__round=round_.pk).first()
    return render(request, "awards/round_eligibility.html", {
        "round": round_, "summary": jobs.round_summary(round_), "job": job, "can_start": can_start,
    })

"""Reminders about unit reports, sent by `manage.py send_report_reminders` (daily, from cron).

For every period of an issued plan, every unit that must report and has not submitted yet:
- from `REPORT_REMINDER_WORKING_DAYS` working days before the due date up to the due date, "due soon";
- after the due date, "overdue".
Each goes to the unit's heads in the app and by e-mail, once per (event, period, unit, person): the
event key makes a second run — or two runs at once — send nothing new. It also goes to the unit's own
e-mail address when it has one, once per event too (`_email_unit_once`). (The Office is notified of each
submission when it happens, in campaigns.workflow.submit_report.)
"""
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import PlanStatus, ReportingPeriod, ReportStatus, UnitEmailReminder, UnitReport
from emulation import calendar
from emulation.models import Role, User
from emulation.mail import queue_email
from emulation.notifications import notify, unit_heads

WAITING = {None, ReportStatus.DRAFT, ReportStatus.RETURNED}


@dataclass
class ReminderSummary:
    due_soon: int = 0
    overdue: int = 0


def send_reminders(today=None):
    """Send the reminders due on `today` (local date by default); return how many were sent now."""
    today = today or calendar.today()
    days = settings.REPORT_REMINDER_WORKING_DAYS
    summary = ReminderSummary()
    periods = ReportingPeriod.objects.filter(plan__status=PlanStatus.ISSUED, start__lte=today).prefetch_related("units")
    heads = {}
    for user in User.objects.filter(is_active=True, role=Role.UNIT_HEAD, unit__isnull=False):
        heads.setdefault(user.unit_id, []).append(user)
    for period in periods:
        overdue = today > period.due
        if not overdue and today < calendar.add_working_days(period.due, -days):
            continue
        statuses = dict(UnitReport.objects.filter(period=period).values_list("unit_id", "status"))
        reports = dict(UnitReport.objects.filter(period=period).values_list("unit_id", "pk"))
        for unit in period.units.all():
            if statuses.get(unit.pk) not in WAITING:
                continue
            link = (reverse("campaigns:report_detail", args=[reports[unit.pk]]) if unit.pk in reports
                    else reverse("campaigns:report_open", args=[period.pk, unit.pk]))
            state = calendar.due_state(period.due, today)
            if overdue:
                text = _("The report “%(period)s” of %(unit)s was due on %(date)s and is overdue (%(left)s).")
                key, counter = f"report-overdue:{period.pk}:{unit.pk}", "overdue"
            else:
                text = _("The report “%(period)s” of %(unit)s is due on %(date)s (%(left)s).")
                key, counter = f"report-due:{period.pk}:{unit.pk}", "due_soon"
            text = text % {"period": period.name, "unit": unit.name, "date": period.due.strftime("%d/%m/%Y"),
                           "left": state.text}
            for head in heads.get(unit.pk, []):
                if notify(head, text, link=link, event_key=key):
                    setattr(summary, counter, getattr(summary, counter) + 1)
            if unit.email and _email_unit_once(period, unit, today, overdue, text, link):
                setattr(summary, counter, getattr(summary, counter) + 1)
    return summary


def _email_unit_once(period, unit, today, overdue, text, link):
    """The daily reminder to the unit's own address, once per event: the days of the reminders the command
    sent there (rows without a sender) tell which events were sent, a day up to the due date being the
    "due soon" one and a day after it the "overdue" one. Two runs at once: the row of the day is unique."""
    sent = UnitEmailReminder.objects.filter(period=period, unit=unit, sent_by__isnull=True)
    if (sent.filter(day__gt=period.due) if overdue else sent.filter(day__lte=period.due)).exists():
        return False
    return _email_unit(period, unit, today, None, text, link)


@dataclass
class Nudge:
    """What the Office's “Nhắc” did, unit by unit (each a (period, unit) cell)."""

    reached: list = field(default_factory=list)  # reminded now: in the app, by the unit's e-mail, or both
    already: list = field(default_factory=list)  # reminded earlier today: nothing sent again
    unreached: list = field(default_factory=list)  # no account of a unit head and no e-mail address
    skipped: list = field(default_factory=list)  # submitted or accepted meanwhile: nothing to remind


def remind_now(cells, *, actor, today=None):
    """The Office's “Nhắc”: remind each unit of `cells` ((period, unit) pairs the caller has checked the
    Office may see) now about that period's report when it is not submitted yet or was returned: its
    heads in the app and by their e-mail, and the unit's own e-mail address when it has one (a
    `UnitEmailReminder` row). At most once a day per period, unit and head or address (a second click the
    same day sends nothing new). Returns a `Nudge` saying which units were reached and which were not."""
    today = today or calendar.today()
    periods = {period.pk: period for period, _unit in cells}
    statuses = {
        (period_id, unit_id): (pk, status) for pk, period_id, unit_id, status in UnitReport.objects.filter(
            period_id__in=periods, unit_id__in={unit.pk for _period, unit in cells}
        ).values_list("pk", "period_id", "unit_id", "status")
    }
    heads = unit_heads(unit.pk for _period, unit in cells)
    result = Nudge()
    for period, unit in cells:
        pk, status = statuses.get((period.pk, unit.pk), (None, None))
        if status not in WAITING:
            result.skipped.append((period, unit))
            continue
        if not heads.get(unit.pk) and not unit.email:
            result.unreached.append((period, unit))
            continue
        link = (reverse("campaigns:report_edit", args=[pk]) if pk
                else reverse("campaigns:report_open", args=[period.pk, unit.pk]))
        state = calendar.due_state(period.due, today)
        text = _("The Office reminds %(unit)s of the report “%(period)s”, due on %(date)s (%(left)s).") % {
            "unit": unit.name, "period": period.name, "date": period.due.strftime("%d/%m/%Y"), "left": state.text}
        if status == ReportStatus.RETURNED:
            text = _("The Office reminds %(unit)s to correct and resubmit the report “%(period)s”.") % {
                "unit": unit.name, "period": period.name}
        sent = False
        for head in heads.get(unit.pk, []):
            if notify(head, text, link=link, event_key=f"report-nudge:{period.pk}:{unit.pk}:{today.isoformat()}"):
                sent = True
        if unit.email and _email_unit(period, unit, today, actor, text, link):
            sent = True
        (result.reached if sent else result.already).append((period, unit))
    return result


def _email_unit(period, unit, today, actor, text, link):
    """Send `text` to the unit's own address unless it was sent there today; True when sent now."""
    try:
        with transaction.atomic():
            UnitEmailReminder.objects.create(period=period, unit=unit, day=today, address=unit.email, sent_by=actor)
    except IntegrityError:
        return False
    body = text + "\n\n" + settings.SITE_URL.rstrip("/") + link
    queue_email(_("Reminder: report “%(period)s”") % {"period": period.name}, body, unit.email)
    return True

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards import rules  # noqa: PLC0415 - models load after apps.py
        from awards.home import setup_needs as awards_setup_needs, tasks_for  # noqa: PLC0415 - models load after apps.py
        from emulation.agency_setup import register_needs  # noqa: PLC0415 - models load after apps.py
        from emulation import permissions as core  # noqa: PLC0415 - models load after apps.py
        from emulation.navigation import register_menu, register_tasks  # noqa: PLC0415 - models load after apps.py
        from awards.queries import lookup_records  # noqa: PLC0415 - models load after apps.py
        from emulation.large_exports import register_export  # noqa: PLC0415 - models load after apps.py
        from emulation.imports import register_import  # noqa: PLC0415 - models load after apps.py

        register_menu(_("Nominations"), "awards:nomination_list", rules.can_view_nominations, order=40, group="awards")
        register_menu(_("Registrations"), "awards:registration_list",
                      lambda user: core.sees_all_units(user) or core.is_unit_head(user), order=41, group="movement")
        register_menu(_("Council"), "awards:session_list",
                      lambda user: core.sees_all_units(user) or core.is_council_member(user), order=42, group="awards")
        register_menu(_("Decisions"), "awards:decision_list", core.sees_all_units, order=43, group="awards")
        register_menu(_("Dossiers forwarded to the province"), "awards:forwarded_list", rules.can_use_province_inbox,
                      order=39, group="awards")
        register_menu(_("Award lookup"), "awards:lookup", rules.can_view_history, order=44, group="awards")
        register_menu(_("Published lists of proposed awardees"), "awards:disclosure_list", rules.can_read_disclosure,
                      order=46, group="awards")
        register_menu(_("Who qualifies for what"), "awards:qualification", rules.can_view_qualification, order=45,
                      group="awards")
        register_menu(_("Audit trail"), "awards:audit", rules.can_view_audit, order=47, group="awards")
        register_menu(_("Emulation and commendation fund"), "awards:fund_list", rules.can_view_fund, order=48,
                      group="awards")
        register_menu(_("Exemplary models"), "awards:exemplar_list", rules.can_view_exemplars, order=49,
                      group="awards")
        register_menu(_("Outside nominees"), "awards:outsider_list", rules.can_view_outsiders, order=50, group="awards")
        register_tasks(tasks_for, order=40)
        register_needs(awards_setup_needs, order=500)
        from awards import jobs as award_jobs  # noqa: PLC0415 - models load after apps.py
        from awards.models import Outsider  # noqa: PLC0415 - models load after apps.py
        from emulation import pickers  # noqa: PLC0415 - models load after apps.py
        from emulation.jobs.kinds import register  # noqa: PLC0415 - models load after apps.py

        # Choosing an outside nominee among many: the search-as-you-type field of emulation.pickers.
        pickers.KINDS["outsider"] = pickers.PickerKind(
            lambda user: Outsider.objects.visible_to(user), lambda o: f"{o.display_name} ({o.get_kind_display()})",
            ("search_text", "pk"), rules.can_view_outsiders)

        register(award_jobs.ELIGIBILITY_KIND, award_jobs.check_round, title=_("Eligibility of a round's nominations"),
                 reload_page=True, result_url=lambda job: f"{reverse('awards:nomination_list')}?round={job.params.get('round')}",
                 rerun=award_jobs.rerun_round_check)
        register(award_jobs.CLOSE_KIND, award_jobs.close_council_session, title=_("Closing a council session"),
                 reload_page=True, rerun=award_jobs.rerun_close)
        register_import(
            "award-history",
            title=_("Import award history"),
            resource=_history_resource,
            allowed=rules.can_check,
            done="awards:lookup",
            template_url=lambda: reverse("awards:import_template", args=["award-history"]),
        )
        register_import(
            "nominations",
            title=_("Import a list of proposed awardees"),
            resource=_nomination_resource,
            allowed=lambda user: rules.can_register(user) or rules.can_check(user),
            params=_nomination_params,
            job_params=lambda round: {"round": round.pk},
            params_for_job=_nomination_job_params,
            done=lambda round: f"{reverse('awards:nomination_list')}?round={round.pk}",
            heading=lambda round: round.name,
            template_url=lambda round: f"{reverse('awards:nomination_export', args=[round.pk])}?template=1",
        )
        register_export(
            # The initiatives each award used: read per chunk of rows by the export job, not one query a row.
            "award-history", rows=lambda user, params: lookup_records(user, params or None)[1].prefetch_related("initiatives"),
            resource=_history_resource, allowed=rules.can_view_history, filename="khen-thuong",
            title=lambda: _("Award history"),
        )
        register_import(
            "initiatives",
            title=_("Import initiatives and research topics"),
            resource=_initiative_resource,
            allowed=rules.can_check,
            done="awards:lookup",
            template_url=lambda: reverse("awards:import_template", args=["initiatives"]),
        )
        register_import(
            "evaluations",
            title=_("Import yearly evaluations"),
            resource=_evaluation_resource,
            allowed=rules.can_check,
            done="awards:lookup",
            template_url=lambda: reverse("awards:import_template", args=["evaluations"]),
        )


def _history_resource(**kwargs):
    from awards.resources import AwardRecordResource  # noqa: PLC0415 - models load after apps.py

    return AwardRecordResource(**kwargs)


def _nomination_resource(**kwargs):
    from awards.resources import NominationResource  # noqa: PLC0415 - models load after apps.py

    return NominationResource(**kwargs)


def _nomination_params(request):
    """The open round the list is imported into (`?round=`); any other is a 404."""
    from django.shortcuts import get_object_or_404  # noqa: PLC0415 - models load after apps.py

    from awards.models import AwardRound  # noqa: PLC0415 - models load after apps.py

    return {"round": get_object_or_404(AwardRound.objects.visible_to(request.user), pk=request.GET.get("round") or 0,
                                       is_open=True)}


def _initiative_resource(**kwargs):
    from awards.resources import InitiativeResource  # noqa: PLC0415 - models load after apps.py

    return InitiativeResource(**kwargs)


def _nomination_job_params(user, data):
    """The round of a background nominations import, if it is still open and `user` still sees it."""
    from awards.models import AwardRound  # noqa: PLC0415 - models load after apps.py

    round = AwardRound.objects.visible_to(user).filter(pk=data.get("round") or 0, is_open=True).first()
    return {"round": round} if round else None


def _evaluation_resource(**kwargs):
    from awards.resources import EvaluationResource  # noqa: PLC0415 - models load after apps.py

    return EvaluationResource(**kwargs)

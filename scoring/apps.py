from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Emulation scoring and ranking")

    def ready(self):
        from awards.eligibility import register_block_rankings  # noqa: PLC0415 - the models are loaded by now
        from emulation.navigation import register_menu  # noqa: PLC0415 - the menu is filled once the apps are loaded
        from scoring import rules  # noqa: PLC0415 - idem
        from scoring.ranking import issued_block_rankings  # noqa: PLC0415 - idem

        register_menu(_("Emulation scoring"), "scoring:table_list", rules.can_view_scoring, order=350, group="movement")
        register_block_rankings(issued_block_rankings)

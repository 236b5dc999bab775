from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Emulation scoring and ranking")

    def ready(self):
        from emulation.navigation import register_menu  # noqa: PLC0415 - the menu is filled once the apps are loaded
        from scoring import rules  # noqa: PLC0415 - idem

        register_menu(_("Emulation scoring"), "scoring:table_list", rules.can_view_scoring, order=350, group="movement")

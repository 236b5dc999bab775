from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "emulation.documents"
    label = "documents"
    verbose_name = _("Official documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from emulation.agency_setup import register_needs  # noqa: PLC0415 - models load after apps.py
        from emulation.documents.signing_keys import signing_needs  # noqa: PLC0415 - models load after apps.py

        register_needs(signing_needs, order=650)

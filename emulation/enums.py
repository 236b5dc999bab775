"""The roles of a login: the lowest layer of the core, imported by the models and the scoping alike."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OFFICE = "office", _("Office staff")
    UNIT_HEAD = "unit_head", _("Unit head")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy Director")
    COUNCIL = "council", _("Council member")
    STAFF = "staff", pgettext_lazy("role", "Staff")

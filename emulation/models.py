"""The organisation: the unit tree, staff, logins with their roles, and the workflow timeline."""
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from emulation import scoping
from emulation.enums import Role
from emulation.text import fold, nfc


class AgencyQuerySet(models.QuerySet):
    def primary(self):
        """The first issuing agency: the one the set-up created from the ORG_* settings (created here when
        missing, e.g. on an empty database)."""
        agency = self.filter(kind=Agency.Kind.AGENCY).order_by("pk").first()
        return agency or self.create(**Agency.from_settings())


def primary_agency_id():
    """The first agency's key: what a row created without an agency belongs to (a one-agency installation,
    the command line). Pages always name the agency of the person creating (see `fill_agency`)."""
    found = Agency.objects.filter(kind=Agency.Kind.AGENCY).order_by("pk").values_list("pk", flat=True).first()
    return found or Agency.objects.primary().pk


def fill_agency(obj, field="agency"):
    """Give `obj` the first agency when it was created without one (called by the models' save)."""
    if getattr(obj, f"{field}_id") is None:
        setattr(obj, f"{field}_id", primary_agency_id())


class Agency(models.Model):
    """An issuing agency (cơ quan ban hành văn bản): a Sở, ban or ngành with its own unit tree, people,
    council, plans, rounds, number series and letterhead; or the province's standing body (Ban Thi đua –
    Khen thưởng), which receives what the agencies forward. Every row of the application belongs to one
    agency, directly (`agency` columns) or through its unit, round or plan; emulation.scoping keeps each
    login inside its own agency."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Issuing agency")
        PROVINCE = "province", _("Provincial standing body")

    kind = models.CharField(pgettext_lazy("agency", "kind"), max_length=10, choices=Kind.choices, default=Kind.AGENCY)
    name = models.CharField(_("name on documents"), max_length=200, help_text=_("In capitals, as printed: SỞ Y TẾ."))
    parent_authority = models.CharField(_("parent authority"), max_length=200)
    abbreviation = models.CharField(_("abbreviation for symbols"), max_length=20, unique=True)
    place = models.CharField(_("place name of the date line"), max_length=100)
    head_title = models.CharField(_("title of the head"), max_length=60, default="GIÁM ĐỐC",
                                  help_text=_("Printed above the signature: GIÁM ĐỐC, CHỦ TỊCH."))
    legal_bases = models.TextField(_("local legal bases"), blank=True, help_text=_("One text per line."))
    office_chief = models.CharField(_("chief of the Office"), max_length=150, blank=True)
    province = models.ForeignKey("self", verbose_name=_("provincial standing body"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="agencies",
                                 help_text=_("Where higher awards are forwarded."))

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def is_province(self):
        return self.kind == self.Kind.PROVINCE

    @property
    def legal_base_list(self):
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    def symbol(self, prefix):
        """“KH-STNMT”: a document type's prefix and the agency's abbreviation."""
        return f"{prefix}-{self.abbreviation}"

    @staticmethod
    def from_settings():
        """The first agency as the ORG_* settings describe it (docs/settings.md)."""
        org = settings.ORGANISATION
        return {"name": org["name"], "parent_authority": org["parent_authority"], "abbreviation": org["abbreviation"],
                "place": org["place"], "legal_bases": "\n".join(org["legal_bases"]), "office_chief": org["office_chief"]}


class User(AbstractUser):
    """A login. What it may do follows from its role (see emulation.permissions), inside its agency."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    unit = models.ForeignKey(
        "Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For a unit head: the unit they lead (its sub-units included)."),
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        help_text=_("A login acts only inside its agency (its unit's, when it has one)."),
    )
    # Set when somebody else chose the password (a new login, a reset by the Office, the set-up command):
    # config.middleware.PasswordChangeRequiredMiddleware keeps such a login on the password-change page
    # until its owner picks their own.
    must_change_password = models.BooleanField(_("must change password at next login"), default=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        # Vietnamese order: family name first ("Lê Thị Thu Hà").
        return f"{self.last_name} {self.first_name}".strip()

    def save(self, *args, **kwargs):
        """A login with a unit belongs to its unit's agency; one without, to the agency it was given (the
        first agency by default). A save of other fields only (last login) reads nothing more."""
        fields = kwargs.get("update_fields")
        if fields is None or {"unit", "agency"} & set(fields):
            if self.unit_id:
                self.agency_id = Unit.objects.filter(pk=self.unit_id).values_list("agency_id", flat=True).first()
            fill_agency(self)
        super().save(*args, **kwargs)


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.scope_units(self, user)

    def subtree(self, unit):
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """A node of the organisation tree: the Department at the root, its phòng/đơn vị below."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        OFFICE = "office", _("Office")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        DIVISION = "division", _("Division")
        SUB_DEPARTMENT = "sub_department", _("Sub-department")
        CENTER = "center", _("Centre")
        ORGANISATION = "organisation", _("Mass organisation")
        OTHER = "other", _("Other")

    class EmulationBody(models.TextChoices):
        """Biểu 0604.N (Thông tư 02/2023/TT-BNV): an organisation doing emulation and commendation work."""

        BUREAU = "bureau", _("Bureau (vụ) of a ministry or central body")
        BUREAU_DIVISION = "bureau_division", _("Division, board or section under a bureau")
        HOME_AFFAIRS_BOARD = "home_affairs_board", _("Board under the Department of Home Affairs")
        HOME_AFFAIRS_DIVISION = "home_affairs_division", _("Division under the Department of Home Affairs")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(pgettext_lazy("unit", "kind"), max_length=20, choices=Kind.choices, default=Kind.DIVISION)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged_units"
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    email = models.EmailField(
        _("e-mail address of the unit"), blank=True,
        help_text=_("Reminders reach the unit here too, even when nobody of the unit has an account."),
    )
    # Materialised path ("/0000.0000001/0003.0000004/": order and primary key of each ancestor) so that
    # a subtree is one indexed prefix query and sorting by path lists the tree in its display order.
    emulation_body = models.CharField(
        _("emulation and commendation body"), max_length=24, choices=EmulationBody.choices, blank=True,
        help_text=_("For biểu 0604.N: fill only for a unit whose task is emulation and commendation work."),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    search_text = models.CharField(max_length=400, editable=False, default="")
    # The agency the unit belongs to: a root unit's own, every sub-unit its parent's (set on save).
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), null=True, on_delete=models.PROTECT,
                               related_name="units", editable=False)

    history = HistoricalRecords(excluded_fields=["path", "search_text", "agency"])
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def depth(self):
        return max(self.path.count("/") - 2, 0)

    def normalise(self):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name) or ""
        self.code = (self.code or "").strip().upper()
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")

    @property
    def tree_path(self):
        """The materialised path the unit should have: its parent's, then its order and key."""
        return f"{self.parent.path if self.parent_id else '/'}{self.order:04d}.{self.pk:07d}/"

    def save(self, *args, **kwargs):
        self.normalise()
        if self.parent_id:
            self.agency_id = self.parent.agency_id
        fill_agency(self)
        super().save(*args, **kwargs)
        path = self.tree_path
        if path != self.path:
            old = self.path
            Unit.objects.filter(pk=self.pk).update(path=path)
            self.path = path
            if old:
                # Moving a unit moves its subtree.
                for child in Unit.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Unit.objects.filter(pk=child.pk).update(path=path + child.path[len(old):], agency_id=self.agency_id)

    @property
    def departure(self):
        """How the unit left the organisation, for a reader ("merged into X from 01/08/2025", "dissolved
        from …", "no longer active"), or "" while it is active."""
        day = date_format(self.dissolved_on, "SHORT_DATE_FORMAT") if self.dissolved_on else ""
        if self.merged_into_id:
            if day:
                return gettext("merged into %(successor)s from %(date)s") % {"successor": self.merged_into.name, "date": day}
            return gettext("merged into %(successor)s") % {"successor": self.merged_into.name}
        if day:
            return gettext("dissolved from %(date)s") % {"date": day}
        return "" if self.active else gettext("no longer active")

    def name_on(self, day):
        """The name the unit bore on `day` (renames keep the old names valid for their dates)."""
        for record in self.names.all():
            if (record.valid_from is None or record.valid_from <= day) and (record.valid_to is None or day <= record.valid_to):
                return record.name
        return self.name


class UnitName(models.Model):
    """A name a unit bore during a period; the current name has no end date."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="names", verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True, help_text=_("Empty: since the unit was created."))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit name")
        verbose_name_plural = _("unit names")
        ordering = ["unit", "-valid_from"]


class StaffQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.scope_staff(self, user)


class Staff(models.Model):
    """A person working in the Department, with or without a login."""

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class Category(models.TextChoices):
        CIVIL_SERVANT = "civil_servant", _("Civil servant")
        PUBLIC_EMPLOYEE = "public_employee", _("Public employee")
        WORKER = "worker", _("Worker")
        CONTRACT = "contract", _("Contract staff")

    class Leadership(models.TextChoices):
        MINISTRY = "ministry", _("Leader at ministry or province level or above")
        DEPARTMENT = "department", _("Leader at bureau or department level")
        OTHER = "other", _("Other manager from deputy head of division up")

    class Education(models.TextChoices):
        ELEMENTARY = "elementary", _("Elementary")
        INTERMEDIATE = "intermediate", _("Intermediate")
        COLLEGE = "college", _("College")
        UNIVERSITY = "university", _("University")
        POSTGRADUATE = "postgraduate", _("Postgraduate")

    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="staff")
    position = models.CharField(_("position"), max_length=150, blank=True)
    category = models.CharField(pgettext_lazy("staff", "category"), max_length=20, choices=Category.choices, default=Category.CIVIL_SERVANT)
    identity_number = models.CharField(_("identity number"), max_length=20, null=True, blank=True, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    employed_since = models.DateField(_("employed since"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    # For the statistical forms of Thông tư 02/2023/TT-BNV (0602.N, 0603.N: who was awarded; 0605.N: who
    # does emulation and commendation work).
    leadership = models.CharField(_("leadership level"), max_length=12, choices=Leadership.choices, blank=True,
                                  help_text=_("Empty: works directly (not a manager)."))
    education = models.CharField(_("training level"), max_length=14, choices=Education.choices, blank=True)
    emulation_work_since = models.PositiveSmallIntegerField(
        _("doing emulation and commendation work since (year)"), null=True, blank=True,
        help_text=_("Only for people whose job is emulation and commendation work (biểu 0605.N)."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_record",
    )
    search_text = models.CharField(max_length=400, editable=False, default="", db_index=True)
    revision = models.PositiveIntegerField(default=0, editable=False)  # optimistic lock of the staff form

    history = HistoricalRecords(excluded_fields=["search_text", "revision"])
    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["unit__path", "full_name"]
        # "People working" in an agency (the Office's home) counts from this index alone, unit by unit.
        indexes = [models.Index(fields=["unit", "active"], name="staff_unit_active")]

    def __str__(self):
        return self.full_name

    def normalise(self):
        """Store names in NFC, an empty identity number as NULL (unique only when present)."""
        self.full_name = nfc(self.full_name)
        self.position = nfc(self.position) or ""
        self.identity_number = (self.identity_number or "").strip() or None
        self.search_text = fold(self.full_name)

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)


class TimelineEntry(models.Model):
    """One workflow transition of any object: who, when, from → to, why. Written by emulation.workflow."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]



class Notification(models.Model):
    """An in-app message to one person (also e-mailed by emulation.notifications.notify).

    `event_key` names the event the message is about (e.g. "report-overdue:12:4"); a person gets at
    most one notification per event key, which makes reminders safe to send again and again.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=pgettext_lazy("notification", "recipient"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("text"), max_length=500)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    event_key = models.CharField(_("event"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], condition=~models.Q(event_key=""), name="notification_once_per_event"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.text


class DelegationQuerySet(models.QuerySet):
    def active_for(self, user, day=None):
        day = day or timezone.localdate()
        return self.filter(deputy=user, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Delegation(models.Model):
    """The Director's written delegation to a Deputy Director to act for the Director for a period: approve
    or return plans, decide on nominations (emulation.permissions.acts_for_director). The table keeps its
    first name (`awards_delegation`): the model moved here from awards so that every app can ask."""

    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("deputy director"), on_delete=models.CASCADE, related_name="award_delegations")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, on_delete=models.SET_NULL, related_name="+")
    valid_from = models.DateField(pgettext_lazy("period", "from"))
    valid_to = models.DateField(pgettext_lazy("period", "to"), null=True, blank=True)
    document = models.CharField(_("delegation document"), max_length=100, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        db_table = "awards_delegation"
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")


class ImportRun(models.Model):
    """One uploaded file on its way from preview to import: the preview creates it, confirming claims it.

    `applied_at` is set by a conditional update when the import is confirmed, so a preview is applied at
    most once even when it is confirmed twice at the same moment; `sha256` lets the next upload of the
    very same file be recognised as already imported.
    """

    kind = models.CharField(_("kind"), max_length=30)
    token = models.CharField(max_length=32, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # How the file is read: {"encoding": …, "chosen": {column index: our column name or ""}}.
    options = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.filename


class ImportMapping(models.Model):
    """How a person matched the columns of their files for one kind of import, remembered for the next
    file: {folded header of the file: our column name, or "" for a column to ignore}."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30)
    columns = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="import_mapping_once")]

    @classmethod
    def remembered(cls, user, kind):
        if user is None or not user.is_authenticated:
            return {}
        found = cls.objects.filter(user=user, kind=kind).values_list("columns", flat=True).first()
        return found or {}

    @classmethod
    def remember(cls, user, kind, columns):
        mapping, _created = cls.objects.get_or_create(user=user, kind=kind)
        mapping.columns = {**mapping.columns, **columns}
        mapping.save(update_fields=["columns"])


class ImportValueMapping(models.Model):
    """What a value of a file that matched nothing means, chosen once by someone of an agency and applied to
    that agency's next files of the same import kind (issue 25 §4: another system's award codes, unit
    abbreviations): in `column` (our column name), the value folded as `emulation.columns.key` gives
    `value`, read as `target` (an award type's code, a choice's value, a unit's code). Never read for
    another agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30)
    column = models.CharField(_("column"), max_length=100)
    value = models.CharField(_("value in the file"), max_length=200)
    target = models.CharField(_("read as"), max_length=100)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("value mapping")
        verbose_name_plural = _("value mappings")
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "column", "value"], name="import_value_mapping_once")]

    @classmethod
    def remembered(cls, agency_id, kind):
        """{column: {folded value: target}} of the agency for this import kind ({} without an agency)."""
        found = {}
        if agency_id is None:
            return found
        for column, value, target in cls.objects.filter(agency_id=agency_id, kind=kind).values_list("column", "value", "target"):
            found.setdefault(column, {})[value] = target
        return found

    @classmethod
    def remember(cls, agency_id, kind, chosen, user):
        """Keep `chosen` ({(column, folded value): target}) for the agency; a value chosen again is replaced."""
        for (column, value), target in chosen.items():
            cls.objects.update_or_create(agency_id=agency_id, kind=kind, column=column, value=value,
                                         defaults={"target": target, "chosen_by": user, "chosen_at": timezone.now()})

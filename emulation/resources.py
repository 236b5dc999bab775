"""Excel import and export of units and staff (django-import-export).

Column headers are the Vietnamese ones a clerk sees in the template file. Every cell error raises a
translated message naming the value, so the import report can say "Dòng 5, Ngày sinh: …".
"""
import logging
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from emulation.exports import safe_text, unescape_text
from emulation.models import Staff, Unit, fill_agency
from emulation.columns import UnitIndex
from emulation.text import fold, nfc

logger = logging.getLogger(__name__)


class UnknownValue(ValueError):
    """A cell of a coded column (an award, a unit, a choice) that matches nothing we know: the import page
    offers to choose what it means (emulation.value_mappings), unlike an ambiguous or a malformed value."""


class DayMonthYearWidget(widgets.Widget):
    """A date written dd/mm/yyyy (or a real Excel date cell)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its label in any language (or its code); exported as the Vietnamese label."""

    value_kind = "choice"  # a value matching nothing may be mapped to one of the choices (value_mappings)

    def __init__(self, choices, required=False, abbreviations=None):
        super().__init__()
        self.choices = choices
        self.required = required
        self.abbreviations = abbreviations or {}  # folded abbreviation → value: standard short forms

    def clean(self, value, row=None, **kwargs):
        text = fold(value)
        if not text:
            if self.required:
                raise ValueError(_("This cell is required."))
            return ""
        if text.replace(" ", "") in self.abbreviations:
            return self.abbreviations[text.replace(" ", "")]
        for member in self.choices:
            if text in (fold(member.value), fold(member.label)):
                return member.value
        allowed = ", ".join(str(member.label) for member in self.choices)
        raise UnknownValue(_("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})

    def value_options(self):
        """[(target, label)] a value matching nothing may be read as."""
        return [(str(member.value), str(member.label)) for member in self.choices]

    def target_label(self, target):
        return dict(self.value_options()).get(str(target))

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class YesNoWidget(widgets.Widget):
    YES = {"co", "x", "1", "yes", "true", "dang lam viec", "hoat dong"}
    NO = {"khong", "0", "no", "false", "nghi", "ngung"}

    def clean(self, value, row=None, **kwargs):
        text = fold(value)
        if not text or text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("“%(value)s”: write “Có” or “Không”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "Có" if value else "Không"


class UnitCodeWidget(widgets.Widget):
    """A unit given by its code, or by its name written with or without diacritics, with or without its
    leading "Phòng"/"Chi cục", or abbreviated ("P. QLĐĐ"). The unit must exist (or be created earlier in
    the same file). All units are read once per file; a value that may mean two units is refused with
    both names, never guessed."""

    value_kind = "unit"  # a value matching nothing may be mapped to a unit of the person's scope (value_mappings)

    def __init__(self, agency_id=None):
        super().__init__()
        self.index = None
        self.known = {}
        self.agency_id = agency_id  # set by ScopedResource: only the importing person's agency's units
        self.unknown = set()  # codes already looked up in vain: one query per distinct code, not per row
        self.read_as = {}  # value written → the unit a loose reading took it as (shown by the preview)

    def units(self):
        return Unit.objects.filter(agency_id=self.agency_id) if self.agency_id else Unit.objects.all()

    def clean(self, value, row=None, **kwargs):
        text = nfc(str(value)) if value not in (None, "") else ""
        if not text:
            return None
        if self.index is None:
            self.index = UnitIndex(self.units())
        found, exact = self.index.match(text)
        if not found:  # a unit created earlier in the same file
            unit = self.known.get(text.upper())
            if unit is None and text.upper() not in self.unknown:
                unit = self.units().filter(code=text.upper()).first()
                if unit is None:
                    self.unknown.add(text.upper())
            found = [unit] if unit else []
        if len(found) > 1:
            raise ValueError(_("“%(value)s” may mean several units (%(units)s): write the unit code.") % {
                "value": text, "units": "; ".join(f"{u.code} – {u.name}" for u in found)})
        if not found:
            raise UnknownValue(_("There is no unit “%(value)s” (by code or by name).") % {"value": text})
        self.known[text.upper()] = found[0]
        if not exact:
            self.read_as[text] = f"{found[0].code} – {found[0].name}"
        return found[0]

    def target_label(self, code):
        unit = self.units().filter(code=code).first()
        return unit.name if unit else None

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return nfc(super().clean(value, row, **kwargs)) or ""


class SpreadsheetSafeResource(resources.ModelResource):
    """Every text cell written is guarded against formula injection, and the guard is removed again when
    the same file is imported back (django-import-export 4 has no such option of its own)."""

    # Columns a file must have; the other key columns (import_id_fields) may be absent and read as empty.
    required_columns = ()
    # Other ways offices write a column's header, beside emulation.columns.COMMON_SYNONYMS.
    column_synonyms = {}
    # Columns several file columns may hold, one filled in on each row (emulation.imports._merged_cell).
    merged_columns = ()
    excel_rows = None  # set by emulation.imports.run_import: the Excel row of each data row

    def excel_row(self, number):
        """The row number the person sees in Excel for data row `number` (1-based)."""
        if self.excel_rows and number and 0 < number <= len(self.excel_rows):
            return self.excel_rows[number - 1]
        return spreadsheet_row(number)

    def read_as(self):
        """{value as written: the record it was taken as} for the values of the file read loosely (a unit
        or award name without its small words, province or leading word, initials…): shown by the preview
        so that nothing is taken silently. Gathered from the widgets of the resource."""
        found = {}
        for widget in [f.widget for f in self.fields.values()] + [v for v in vars(self).values() if isinstance(v, widgets.Widget)]:
            found.update(getattr(widget, "read_as", {}))
        return found

    def export_field(self, field, instance, **kwargs):
        """Dates and whole numbers stay typed (a real date cell, a number); text is guarded."""
        if isinstance(field.widget, (DayMonthYearWidget, widgets.IntegerWidget)) and field.attribute:
            value = field.get_value(instance)
            if value is not None:
                return value
        value = super().export_field(field, instance, **kwargs)
        return safe_text(value) if isinstance(value, str) else value

    # Set by emulation.imports.run_import for a background job: called as progress(row) every
    # PROGRESS_EVERY rows read, checked and (when confirming) written, so the job's page moves while the
    # rows are written too, not only while the file is read.
    progress = None
    PROGRESS_EVERY = 1000

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        number = kwargs.get("row_number")
        if self.progress is not None and number and number % self.PROGRESS_EVERY == 0:
            self.progress(number)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name in row:
            row[field.column_name] = unescape_text(row[field.column_name])
        return super().import_field(field, instance, row, is_m2m, **kwargs)


class ScopedResource(SpreadsheetSafeResource):
    """An import that may only create or change what the importing person already manages.

    A write is scoped twice (HABITS): the unit a row writes INTO, and the current unit of the record a row
    MATCHES. A row matching a record outside the scope is refused with the same words as a row naming
    nobody, so a preview never tells whether something outside the person's units exists.
    `allowed_units`: a queryset of the units the person manages, or None for all (the Office).
    `agency_id`: the person's agency: units are looked up there only, new top units are created there."""

    def __init__(self, allowed_units=None, agency_id=None, **kwargs):
        super().__init__(**kwargs)
        self.allowed_units = allowed_units
        self._allowed_ids = None
        self.agency_id = agency_id
        for field in self.fields.values():
            if isinstance(field.widget, UnitCodeWidget):
                field.widget.agency_id = agency_id

    def in_scope(self, unit_id):
        if self.allowed_units is None:  # every unit of the agency (a unit created earlier in the file too)
            if self.agency_id is None:
                return True
            if self._allowed_ids is None:  # one query for the whole file
                self._allowed_ids = set(Unit.objects.filter(agency_id=self.agency_id).values_list("pk", flat=True))
            if unit_id not in self._allowed_ids and Unit.objects.filter(pk=unit_id, agency_id=self.agency_id).exists():
                self._allowed_ids.add(unit_id)
            return unit_id in self._allowed_ids
        if self._allowed_ids is None:  # one query for the whole file
            self._allowed_ids = set(self.allowed_units.values_list("pk", flat=True))
        return unit_id in self._allowed_ids


class SetWiseResource(ScopedResource):
    """An import checked set-wise and written in bulk (issue 17): what the rows are matched against is read
    once for the whole file (`prefetch`: one query per kind of lookup, never one per row), each row is
    checked in Python, and the rows are written with bulk_create/bulk_update, with their history rows in
    bulk when the model keeps history (the importer as history user), inside the one transaction of the
    import, which is rolled back when any row fails; a preview (dry run) writes nothing.

    A subclass declares in its Meta `use_bulk = True` (and `skip_diff = True`), lists in `compared` the
    attributes that decide whether an existing row is left unchanged, reads what it needs in `prefetch`,
    and may replace `write_new(instances)` / `write_changed(instances, fields)`."""

    compared = ()  # attributes compared to tell an unchanged existing row (skip_row)

    def __init__(self, allowed_units=None, **kwargs):
        super().__init__(allowed_units, **kwargs)
        self.user = None
        self.dry_run = False
        self.row_notes = {}  # data row number → what the row will change (`note_change`)
        self._related_shown = {}

    def prefetch(self, dataset):
        """Read once what the rows of `dataset` are matched against (override)."""

    def import_data_inner(self, dataset, dry_run, *args, **kwargs):
        self.dry_run = bool(dry_run)  # django-import-export passes it to neither before_import nor get_instance
        return super().import_data_inner(dataset, dry_run, *args, **kwargs)

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        self.prefetch(dataset)

    def refuse_held_outside(self, field, message, row_number, what):
        """A row names a record (by identity number, by unit code) that exists outside the importer's scope
        (issue 25 §13). The preview is free and leaves no trace, so it must not tell this from a value that
        names nothing: there the caller reads the row as a new record, as it would an unknown value. The
        import itself cannot create it (the value is taken) and refuses the row with the neutral `message`;
        the refusal goes to the log with the importer, so probing numbers through confirmations, which
        create the records of the unknown ones under the importer's name, leaves a trace both ways."""
        if self.dry_run:
            return
        user = getattr(self, "user", None)
        logger.warning("Import by %s (id %s) refused: row %s gives %s held outside the units they manage",
                       getattr(user, "username", "-"), getattr(user, "pk", "-"), self.excel_row(row_number), what)
        raise ValidationError({field: message})

    def cells(self, dataset, column):
        """The values of `column` in the file, as written ([] when the file has no such column)."""
        if column not in (dataset.headers or []):
            return []
        return dataset.get_col(dataset.headers.index(column))

    def after_init_instance(self, instance, new, row, **kwargs):
        # No deep copy and field-by-field diff of each row (skip_diff): the few values `skip_row` compares.
        self._before = None if new else [getattr(instance, name) for name in self.compared]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: an existing row whose values the file leaves as they were. With a `notes_title`, the
        preview's note of the row says which record it creates or changes and each change, old → new."""
        if import_validation_errors:
            return False
        before = getattr(self, "_before", None)
        after = [getattr(instance, name) for name in self.compared]
        if self.notes_title:
            self.note_change(row.get("__row_number__"), instance, before, after)
        return before is not None and after == before

    notes_title = ""  # set: the preview shows each row's note (`note_change`) under this heading

    def note_change(self, number, instance, before, after):
        """{"label": the record, "detail": "new" or "column: old → new; …"} for data row `number` (only for
        the rows a preview keeps)."""
        if number is None or number > settings.IMPORT_PREVIEW_ROWS:
            return
        if before is None:
            detail = _("new")
        else:
            columns = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
            detail = "; ".join(
                f"{columns.get(name.removesuffix('_id'), name)}: {self._shown(name, old)} → {self._shown(name, new)}"
                for name, old, new in zip(self.compared, before, after) if old != new) or _("no change")
        self.row_notes[number] = {"ok": True, "label": self.record_label(instance), "detail": detail}

    def record_label(self, instance):
        return str(instance)

    def _shown(self, name, value):
        """A value as the person reads it: a unit by its code, a choice by its label, a date dd/mm/yyyy."""
        if value in (None, ""):
            return "—"
        field = self._meta.model._meta.get_field(name.removesuffix("_id"))
        if field.is_relation:  # one query per distinct record (a few units), not per row
            if (field.name, value) not in self._related_shown:
                related = field.related_model.objects.filter(pk=value).first()
                self._related_shown[field.name, value] = getattr(related, "code", None) or str(related)
            return self._related_shown[field.name, value]
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if field.choices:
            return str(dict(field.choices).get(value, value))
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return str(value)

    def write_new(self, instances, batch_size):
        model = self._meta.model
        if hasattr(model, "history"):
            bulk_create_with_history(instances, model, batch_size=batch_size, default_user=self.user,
                                     default_change_reason=IMPORT_REASON)
        else:
            model.objects.bulk_create(instances, batch_size=batch_size)

    def write_changed(self, instances, fields, batch_size):
        model = self._meta.model
        if hasattr(model, "history"):
            bulk_update_with_history(instances, model, fields, batch_size=batch_size, default_user=self.user,
                                     default_change_reason=IMPORT_REASON)
        else:
            model.objects.bulk_update(instances, fields, batch_size=batch_size)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """The new rows (and their history rows) in bulk; nothing is written by a preview."""
        if self.create_instances and not dry_run:
            try:
                self.write_new(list(self.create_instances), batch_size)
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """The changed rows (and their history rows) in bulk; nothing is written by a preview. The new rows
        read so far are written first (a changed row may point at one of them)."""
        if self.create_instances:
            self.bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)
        if self.update_instances and not dry_run:
            try:
                self.write_changed(list(self.update_instances), self.get_bulk_update_fields(), batch_size)
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.update_instances.clear()


class UnitResource(SetWiseResource):
    required_columns = ("Mã đơn vị",)
    column_synonyms = {"Mã đơn vị": ["Mã"], "Tên đơn vị": ["Tên"], "Mã đơn vị cấp trên": ["Đơn vị cấp trên", "Trực thuộc"]}
    code = fields.Field("code", "Mã đơn vị", widget=TextWidget())
    name = fields.Field("name", "Tên đơn vị", widget=TextWidget())
    short_name = fields.Field("short_name", "Tên viết tắt", widget=TextWidget())
    kind = fields.Field("kind", "Loại đơn vị", widget=ChoiceLabelWidget(Unit.Kind, required=True))
    parent = fields.Field("parent", "Mã đơn vị cấp trên", widget=UnitCodeWidget())
    order = fields.Field("order", "Thứ tự", widget=widgets.IntegerWidget(), default=0)
    active = fields.Field("active", "Đang hoạt động", widget=YesNoWidget())

    compared = ("code", "name", "short_name", "kind", "parent_id", "order", "active")
    notes_title = gettext_lazy("What will change")

    def record_label(self, unit):
        return f"{unit.code} – {unit.name}"

    class Meta:
        model = Unit
        fields = ("code", "name", "short_name", "kind", "parent", "order", "active")
        import_id_fields = ("code",)
        instance_loader_class = CachedInstanceLoader  # existing units: one query for the whole file
        clean_model_instances = True
        skip_unchanged = True
        skip_diff = True
        use_transactions = True
        # Set-wise (issue 17, as the staff import): see SetWiseResource. New units are written level by
        # level (a unit created earlier in the file may be the parent of a later one).
        use_bulk = True
        batch_size = 1000

    def __init__(self, allowed_units=None, **kwargs):
        super().__init__(allowed_units, **kwargs)
        self.seen_codes = {}  # code → first data row of the file with it
        self.taken_codes = set()  # codes of the file already used by a unit outside this import's agency

    def prefetch(self, dataset):
        """The codes of the file that a unit of another agency already uses (one query): such a row can
        neither change that unit nor create a second one."""
        codes = sorted({str(value or "").strip().upper() for value in self.cells(dataset, "Mã đơn vị")} - {""})
        if self.agency_id is None:
            return
        for start in range(0, len(codes), 2000):
            self.taken_codes |= set(Unit.objects.filter(code__in=codes[start:start + 2000]).exclude(
                agency_id=self.agency_id).values_list("code", flat=True))

    def before_import_row(self, row, row_number=None, **kwargs):
        row["__row_number__"] = row_number
        code = row["Mã đơn vị"] = (str(row.get("Mã đơn vị") or "")).strip().upper()
        if not code:
            raise ValidationError({"code": _("The unit code is required.")})
        if code in self.taken_codes:  # another agency's: a new unit in the preview, refused on import
            self.refuse_held_outside("code", OUTSIDE_SCOPE_UNIT, row_number, "a unit code")
        first = self.seen_codes.setdefault(code, row_number)
        if first != row_number:
            raise ValidationError({"code": _("Unit code %(code)s already appears on row %(row)s of this file.")
                                   % {"code": code, "row": self.excel_row(first)}})

    def get_queryset(self):
        units = Unit.objects.select_related("parent")
        return units.filter(agency_id=self.agency_id) if self.agency_id else units

    def get_instance(self, instance_loader, row):
        unit = super().get_instance(instance_loader, row)
        if unit is not None and not self.in_scope(unit.pk):
            self.refuse_held_outside("code", OUTSIDE_SCOPE_UNIT, row.get("__row_number__"), "a unit code")
            return None  # the preview: read as a new unit, as an unknown code is
        return unit

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.parent is not None and instance.parent.pk is None:
            instance.agency_id = instance.parent.agency_id  # under a unit created earlier in this file
        elif not instance.parent_id and self.agency_id:
            instance.agency_id = self.agency_id
        if instance.parent_id and not self.in_scope(instance.parent_id):
            raise ValidationError({"parent": _("You may not add units under this unit.")})
        if instance.pk is None and instance.code:  # later rows of the file may name it as their parent
            self.fields["parent"].widget.known[instance.code] = instance

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field checks per row, without a query per row: a code is unique in the file
        (`before_import_row`), one already used in the agency loads its unit (an update) and one used
        outside it is refused (`prefetch`); the parent comes from the units read once for the file."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "parent", "merged_into", "agency"], validate_unique=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.normalise()
        if instance.parent_id:
            instance.agency_id = instance.parent.agency_id

    def get_bulk_update_fields(self):
        return [*super().get_bulk_update_fields(), "search_text"]

    def write_new(self, units, batch_size):
        """Level by level: a unit whose parent is also new waits until its parent has a key; each level
        in bulk with its history rows, then the materialised paths of the level in one update."""
        pending = units
        while pending:
            ready = [u for u in pending if u.parent is None or u.parent.pk is not None]
            pending = [u for u in pending if not (u.parent is None or u.parent.pk is not None)]
            for unit in ready:
                if unit.parent is not None:
                    unit.parent_id, unit.agency_id = unit.parent.pk, unit.parent.agency_id
                fill_agency(unit)
            super().write_new(ready, batch_size)
            for unit in ready:
                unit.path = unit.tree_path
            Unit.objects.bulk_update(ready, ["path"], batch_size=batch_size)

    def write_changed(self, units, fields, batch_size):
        """In bulk with their history rows; a unit moved in the tree (another parent or order) is saved
        on its own, which moves its subtree's paths (rare in an import)."""
        for unit in units:
            if unit.parent is not None and unit.parent_id is None:  # under a unit created by this file
                unit.parent_id = unit.parent.pk
        moved = [u for u in units if u.tree_path != u.path]
        super().write_changed([u for u in units if u.tree_path == u.path], fields, batch_size)
        for unit in moved:
            unit._history_user, unit._change_reason = self.user, IMPORT_REASON
            unit.save()


class StaffResource(SetWiseResource):
    required_columns = ("Họ và tên",)
    notes_title = gettext_lazy("What will change")
    full_name = fields.Field("full_name", "Họ và tên", widget=TextWidget())
    gender = fields.Field("gender", "Giới tính", widget=ChoiceLabelWidget(Staff.Gender))
    date_of_birth = fields.Field("date_of_birth", "Ngày sinh", widget=DayMonthYearWidget())
    unit = fields.Field("unit", "Mã đơn vị", widget=UnitCodeWidget())
    position = fields.Field("position", "Chức vụ", widget=TextWidget())
    category = fields.Field("category", "Loại cán bộ", widget=ChoiceLabelWidget(Staff.Category, required=True))
    identity_number = fields.Field("identity_number", "Số định danh cá nhân", widget=widgets.CharWidget())
    email = fields.Field("email", "Thư điện tử", widget=widgets.CharWidget())
    phone = fields.Field("phone", "Điện thoại", widget=widgets.CharWidget())
    employed_since = fields.Field("employed_since", "Ngày bắt đầu công tác", widget=DayMonthYearWidget())
    active = fields.Field("active", "Đang làm việc", widget=YesNoWidget())

    class Meta:
        model = Staff
        fields = (
            "full_name", "gender", "date_of_birth", "unit", "position", "category",
            "identity_number", "email", "phone", "employed_since", "active",
        )
        import_id_fields = ("identity_number",)
        instance_loader_class = CachedInstanceLoader  # existing people: one query for the whole file
        clean_model_instances = True
        skip_unchanged = True
        # No deep copy and field-by-field diff of each person (a third of the time on 50,000 rows):
        # SetWiseResource keeps the few values (`compared`) that `skip_row` compares.
        skip_diff = True
        use_transactions = True
        # Set-wise (issue 17): rows are checked one by one in Python against what was read once for the
        # whole file, then written with bulk_create/bulk_update and their history rows in bulk, in the
        # one transaction of the import (rolled back when any row fails).
        use_bulk = True
        batch_size = 1000

    def __init__(self, allowed_units=None, **kwargs):
        super().__init__(allowed_units, **kwargs)
        self.seen_identity_numbers = {}
        self.likely_duplicates = set()  # data row numbers matched on name + date of birth + unit
        self._by_birth = None  # (unit id, date of birth, folded name) → people: one query for the file

    def get_queryset(self):
        return Staff.objects.select_related("unit")

    def record_label(self, person):
        born = f"{person.date_of_birth:%d/%m/%Y}, " if person.date_of_birth else ""
        return f"{person.full_name} ({born}{person.unit.code if person.unit else '—'})"

    def get_instance(self, instance_loader, row):
        """With an identity number, the row updates that person, if the importer manages them. Without
        one, a person of the same name, date of birth and unit is taken to be the same person (a likely
        duplicate, shown in the preview), so importing a file twice never doubles its people."""
        if row.get("Số định danh cá nhân"):
            person = super().get_instance(instance_loader, row)
            if person is not None and not self.in_scope(person.unit_id):
                self.refuse_held_outside("identity_number", OUTSIDE_SCOPE_PERSON, row.get("__row_number__"),
                                         "an identity number")
                return None  # the preview: read as a new person, as an unknown number is
            return person
        return self._same_person(row)

    def _same_person(self, row):
        try:
            born = DayMonthYearWidget().clean(row.get("Ngày sinh"))
            unit = self.fields["unit"].widget.clean(row.get("Mã đơn vị"))
        except ValueError:
            return None  # the cell errors are reported when the row is read
        name = fold(nfc(row.get("Họ và tên") or ""))
        if not (name and born and unit and self.in_scope(unit.pk)):
            return None
        matches = self._by_birth.get((unit.pk, born, name), []) if self._by_birth is not None else [
            p for p in Staff.objects.filter(unit=unit, date_of_birth=born) if fold(p.full_name) == name]
        if len(matches) == 1:
            self.likely_duplicates.add(row.get("__row_number__"))
            return matches[0]
        if len(matches) > 1:  # which one the row means is never guessed, nor is a third person added
            raise ValidationError({"full_name": _(
                "%(count)s people named “%(name)s”, born %(date)s, work in %(unit)s: give this row the identity "
                "number of the one it means.") % {"count": len(matches), "name": nfc(row.get("Họ và tên")),
                                                   "date": born.strftime("%d/%m/%Y"), "unit": unit.name}})
        return None

    def prefetch(self, dataset):
        """Read once for the whole file what the rows are matched against: the people born on the dates
        of the rows without an identity number (for `_same_person`)."""
        births = set()
        widget = DayMonthYearWidget()
        if "Ngày sinh" in (dataset.headers or []):
            for row in dataset.dict:
                if str(row.get("Số định danh cá nhân") or "").strip():
                    continue
                try:
                    born = widget.clean(row.get("Ngày sinh"))
                except ValueError:
                    continue
                if born:
                    births.add(born)
        self._by_birth = {}
        births = sorted(births)
        for start in range(0, len(births), 500):
            for person in Staff.objects.filter(date_of_birth__in=births[start:start + 500]).only(
                    "pk", "unit_id", "date_of_birth", "full_name"):
                key = (person.unit_id, person.date_of_birth, fold(person.full_name))
                self._by_birth.setdefault(key, []).append(person)

    def before_import_row(self, row, row_number=None, **kwargs):
        number = str(row.get("Số định danh cá nhân") or "").strip()
        row["Số định danh cá nhân"] = number or None
        row["__row_number__"] = row_number
        if number:
            first = self.seen_identity_numbers.setdefault(number, row_number)
            if first != row_number:
                raise ValidationError({
                    "identity_number": _("Identity number %(number)s already appears on row %(row)s of this file.")
                    % {"number": number, "row": self.excel_row(first)}
                })

    def import_instance(self, instance, row, **kwargs):
        known_number = instance.identity_number
        super().import_instance(instance, row, **kwargs)
        if not instance.identity_number:
            instance.identity_number = known_number  # a row without a number never erases one
        if instance.unit_id and not self.in_scope(instance.unit_id):
            raise ValidationError({"unit": _("You may not add staff to this unit.")})
        if not instance.unit_id:
            raise ValidationError({"unit": _("The unit code is required.")})

    def before_save_instance(self, instance, row, **kwargs):
        instance.normalise()
        if instance.pk:
            instance.revision += 1  # a staff form opened before the import is now stale

    compared = ("full_name", "gender", "date_of_birth", "unit_id", "position", "category", "identity_number", "email",
                "phone", "employed_since", "active")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field checks per row, without the uniqueness query per row: an identity number of the file is
        unique in it (`before_import_row`) and one already in the database loads its person (an update),
        or the row is refused (`get_instance`), so a new row never repeats one. The unit is not looked
        up again either: it comes from the units read once for the file (`UnitCodeWidget`), and a row
        without one is refused by `import_instance`."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "unit"], validate_unique=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def get_bulk_update_fields(self):
        return [*super().get_bulk_update_fields(), "search_text", "revision"]


IMPORT_REASON = "import"  # the change reason of the history rows an import writes

# The words of a confirmation refused for a number held outside the importer's units (`refuse_held_outside`): they
# name neither the unit nor the agency that holds it.
OUTSIDE_SCOPE_PERSON = gettext_lazy("This identity number cannot be used here: it belongs to nobody in the units you "
                                    "manage, or it is already in use. Ask the Office if this person should be moved.")


# The same words whether a unit code is another agency's or belongs to a unit the importer does not manage
# (`refuse_held_outside`: on confirmation only).
OUTSIDE_SCOPE_UNIT = gettext_lazy("This unit code cannot be used here: it is not the code of a unit you manage, or it "
                                  "is already in use. Choose another code, or ask the Office.")


def spreadsheet_row(data_row_number):
    """The row number a person sees in Excel: the header is row 1, the first data row is row 2."""
    return data_row_number + 1 if data_row_number is not None else None

"""Excel import and export of award history (django-import-export), in the columns a clerk reads.

A row is a person's award (identity number, or full name within the unit) or, without a person, the
unit's own award. Importing the same person, award and year again updates that row instead of adding
a second one. Imports are all-or-nothing through emulation.imports.run_import.
"""
import re
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from awards.eligibility import judge_all
from awards.models import AwardKind, AwardRecord, AwardType, DossierFile, Evaluation, Initiative, Nomination, Outsider
from awards.workflow import act
from emulation.models import Staff
from emulation.resources import (
    ChoiceLabelWidget, DayMonthYearWidget, ScopedResource, SetWiseResource, TextWidget, UnitCodeWidget, UnknownValue,
)
from emulation.columns import award_is_exact, award_keys, key, loose
from emulation.text import fold, nfc

NAME, IDENTITY, UNIT, AWARD, YEAR = "Họ và tên", "Số định danh cá nhân", "Mã đơn vị", "Danh hiệu, hình thức", "Năm"
INITIATIVES = "Sáng kiến sử dụng"


class AwardTypeWidget(widgets.Widget):
    """An award type written as its code, its catalogue name or a common short form ("LĐTT", "CSTĐ cơ
    sở", "Chiến sĩ thi đua cơ sở" without "Danh hiệu"), accents and case ignored. `choices`: a queryset
    narrowing the catalogue (e.g. to what a round may propose). Read once per file."""

    value_kind = "award"  # a value matching nothing may be mapped to an award of the catalogue (value_mappings)

    def __init__(self, choices=None):
        super().__init__()
        self.choices = choices
        self.index = None
        self.read_as = {}  # value written → the award a loose reading took it as (shown by the preview)

    def catalogue(self):
        return self.choices if self.choices is not None else AwardType.objects.all()

    def value_options(self):
        """[(code, name)] of the catalogue, the awards a value matching nothing may be read as."""
        return [(award.code, award.name) for award in self.catalogue().order_by("order", "pk")]

    def target_label(self, code):
        award = self.catalogue().filter(code=code).first()
        return award.name if award else None

    def clean(self, value, row=None, subject=None, **kwargs):
        """`subject` ("individual" or "collective"), when known, settles a short form that names both."""
        if not fold(value):
            raise ValueError(_("This cell is required."))
        if self.index is None:
            self.index = {}
            for award in self.catalogue():
                for k in award_keys(award):
                    self.index.setdefault(k, {})[award.pk] = award
        folded = key(value)
        spelt_out = key(str(value).replace("CSTĐ", "chiến sĩ thi đua").replace("LĐTT", "lao động tiên tiến"))
        for candidate in (folded, spelt_out, loose(folded), loose(spelt_out)):
            found = list(self.index.get(candidate, {}).values())
            if len(found) > 1 and subject:
                found = [a for a in found if a.subject == subject] or found
            if len(found) == 1:
                if not award_is_exact(found[0], folded):
                    self.read_as[nfc(str(value))] = found[0].name
                return found[0]
            if len(found) > 1:
                raise ValueError(_("“%(value)s” may mean several awards (%(awards)s): write the name as in the catalogue.")
                                 % {"value": value, "awards": "; ".join(a.name for a in found)})
        raise UnknownValue(_("There is no award “%(value)s” in the catalogue.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class AwardKindWidget(ChoiceLabelWidget):
    """The kind written as its label or a common short form (“thường xuyên”, “công trạng”, “đột xuất”,
    “chuyên đề”); empty: annual. “Theo đợt” is refused: clerks write it for an ad hoc award as well as for
    a campaign's (thematic) one, and the two count differently toward look-backs (NĐ 152/2025 Điều 4)."""

    SHORT = {"thuong xuyen": AwardKind.REGULAR, "cong trang": AwardKind.REGULAR, "dot xuat": AwardKind.AD_HOC,
             "chuyen de": AwardKind.THEMATIC, "theo chuyen de": AwardKind.THEMATIC}
    AMBIGUOUS = {"theo dot", "dot"}

    def __init__(self):
        super().__init__(AwardKind)

    def clean(self, value, row=None, **kwargs):
        if fold(value) in self.AMBIGUOUS:
            raise ValueError(_("“%(value)s” may mean an ad hoc or a thematic award: write “%(ad_hoc)s” or “%(thematic)s”.") % {
                "value": value, "ad_hoc": "Đột xuất", "thematic": "Chuyên đề"})
        return self.SHORT.get(fold(value)) or super().clean(value, row, **kwargs) or AwardKind.REGULAR


class PeopleScopedResource(ScopedResource):
    """Rows name a person by identity number; only people of the importer's units can be named, and one
    message covers "nobody has it" and "someone outside your units has it"."""

    def person_numbered(self, number):
        person = Staff.objects.filter(identity_number=number).first()
        if person is None or not self.in_scope(person.unit_id):
            raise ValidationError({"identity": _("Nobody in the units you manage has the identity number %(number)s.")
                                   % {"number": number}})
        return person

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """As import-export does, except that a row whose cells already failed is not also checked
        against the table's constraints: its person or unit was never set, and the constraint's message
        would only repeat the cell's error."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=errors.keys(), validate_unique=validate_unique, validate_constraints=not errors)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def _chunks(values, size=2000):
    values = sorted(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


class AwardRecordResource(PeopleScopedResource, SetWiseResource):
    """Past awards, set-wise (issue 17, as the staff import): the people, their initiatives and the
    awards already recorded for them in the file's years are read once for the whole file
    (`prefetch`), each row is checked in Python, and the new records and the initiatives they used are
    written in bulk in the import's one transaction."""

    required_columns = (AWARD, YEAR)
    merged_columns = (AWARD,)  # "Danh hiệu thi đua" and "Hình thức khen thưởng" side by side
    full_name = fields.Field(attribute=None, column_name=NAME, readonly=True)
    identity = fields.Field(attribute=None, column_name=IDENTITY, readonly=True)
    holder_unit = fields.Field("holder_unit", UNIT, widget=UnitCodeWidget())
    award_type = fields.Field("award_type", AWARD, widget=AwardTypeWidget())
    year = fields.Field("year", YEAR, widget=widgets.IntegerWidget())
    kind = fields.Field("kind", "Loại hình", widget=AwardKindWidget())
    decision_number = fields.Field("decision_number", "Số quyết định", widget=TextWidget())
    decision_date = fields.Field("decision_date", "Ngày quyết định", widget=DayMonthYearWidget())
    issuing_authority = fields.Field("issuing_authority", "Cơ quan ban hành", widget=TextWidget())
    initiative_titles = fields.Field(attribute=None, column_name=INITIATIVES, readonly=True)

    class Meta:
        model = AwardRecord
        fields = ("full_name", "identity", "holder_unit", "award_type", "year", "kind", "decision_number",
                  "decision_date", "issuing_authority", "initiative_titles")
        clean_model_instances = True
        use_transactions = True
        skip_diff = True  # every row is a new record
        use_bulk = True
        batch_size = 1000

    def __init__(self, allowed_units=None, **kwargs):
        super().__init__(allowed_units, **kwargs)
        self._numbered, self._named, self._initiatives_of, self._recorded = {}, {}, {}, set()
        self._seen = {}  # (award, year, person, unit) → the data row of this file that has it

    def prefetch(self, dataset):
        """One query (per 2,000 values) for each kind of lookup: the people by identity number, the people
        by name and unit code (rows without a number), the initiatives of the people of rows that name
        some, and the awards already recorded in the file's years for those people and units."""
        rows = list(dataset.dict)
        numbers = {str(row.get(IDENTITY) or "").strip() for row in rows} - {""}
        for chunk in _chunks(numbers):
            for person in Staff.objects.filter(identity_number__in=chunk).only("pk", "unit_id", "full_name", "identity_number"):
                self._numbered[person.identity_number] = person
        pairs = {(nfc(row.get(NAME) or ""), str(row.get(UNIT) or "").strip().upper())
                 for row in rows if not str(row.get(IDENTITY) or "").strip() and nfc(row.get(NAME) or "")}
        for chunk in _chunks({name for name, _code in pairs}):
            for person in Staff.objects.filter(full_name__in=chunk).annotate(code=F("unit__code")).only(
                    "pk", "unit_id", "full_name"):
                if (person.full_name, person.code) in pairs:
                    self._named.setdefault((person.full_name, person.code), []).append(person)
        people = {p.pk for p in self._numbered.values()} | {p.pk for found in self._named.values() for p in found}
        with_initiatives = {p.pk for row in rows if str(row.get(INITIATIVES) or "").strip()
                            for p in self._people_of(row)}
        for chunk in _chunks(with_initiatives):
            for initiative in Initiative.objects.filter(authors__in=chunk).annotate(author=F("authors")).only(
                    "pk", "title", "decision_number"):
                self._initiatives_of.setdefault(initiative.author, []).append(initiative)
        years = set()
        for value in self.cells(dataset, YEAR):
            try:
                years.add(int(value))
            except (TypeError, ValueError):
                continue
        if not years:
            return
        for chunk in _chunks(people):
            self._recorded |= {(award, year, person, None) for award, year, person in AwardRecord.objects.filter(
                year__in=years, staff__in=chunk).values_list("award_type_id", "year", "staff_id")}
        units = AwardRecord.objects.filter(year__in=years, staff__isnull=True)
        if self.agency_id:
            units = units.filter(unit__agency_id=self.agency_id)
        self._recorded |= {(award, year, None, unit) for award, year, unit in units.values_list("award_type_id", "year", "unit_id")}

    def _people_of(self, row):
        number = str(row.get(IDENTITY) or "").strip()
        if number:
            return [self._numbered[number]] if number in self._numbered else []
        return self._named.get((nfc(row.get(NAME) or ""), str(row.get(UNIT) or "").strip().upper()), [])

    def person_numbered(self, number):
        person = self._numbered.get(number)
        if person is None or not self.in_scope(person.unit_id):
            raise ValidationError({"identity": _("Nobody in the units you manage has the identity number %(number)s.")
                                   % {"number": number}})
        return person

    def dehydrate_full_name(self, record):
        return record.staff.full_name if record.staff_id else ""

    def dehydrate_identity(self, record):
        return (record.staff.identity_number or "") if record.staff_id else ""

    def dehydrate_initiative_titles(self, record):
        return "; ".join(i.title for i in record.initiatives.all())

    def export(self, queryset=None, **kwargs):
        if queryset is not None and hasattr(queryset, "prefetch_related"):
            queryset = queryset.prefetch_related("initiatives")
        return super().export(queryset, **kwargs)

    def _initiatives(self, row, person):
        """The initiatives the award used (CV 5007/BNV-TĐKT III.5.c: each supports one award), written as
        titles or recognition decision numbers separated by “;”, among the person's own initiatives."""
        wanted = [part.strip() for part in str(row.get(INITIATIVES) or "").split(";") if part.strip()]
        if not wanted:
            return []
        if person is None:
            raise ValidationError({"initiative_titles": _("Only a person's award names the initiatives it used.")})
        own = self._initiatives_of.get(person.pk, [])
        found = []
        for text in wanted:
            match = [i for i in own if fold(text) in (fold(i.title), fold(i.decision_number))]
            if len(match) != 1:
                raise ValidationError({"initiative_titles": _("This person has no initiative “%(title)s”.") % {"title": text}})
            found.append(match[0])
        return found

    def _person(self, row):
        number = str(row.get(IDENTITY) or "").strip()
        name = nfc(row.get(NAME) or "")
        if number:
            return self.person_numbered(number)
        if not name:
            return None
        code = str(row.get(UNIT) or "").strip().upper()
        people = [p for p in self._people_of(row) if self.in_scope(p.unit_id)]
        if len(people) != 1:
            raise ValidationError({"full_name": _("“%(name)s” is not found once in unit %(code)s; give the identity number.") % {
                "name": name, "code": code,
            }})
        return people[0]

    def get_instance(self, instance_loader, row):
        return None

    def import_instance(self, instance, row, row_number=None, **kwargs):
        super().import_instance(instance, row, **kwargs)
        instance.staff = self._person(row)
        instance.source = AwardRecord.Source.IMPORTED
        if not instance.holder_unit_id:
            raise ValidationError({"holder_unit": _("The unit code is required.")})
        if instance.staff is None:
            instance.unit = instance.holder_unit
        instance._initiatives = self._initiatives(row, instance.staff)
        if not self.in_scope(instance.holder_unit_id):
            raise ValidationError({"holder_unit": _("You may not import awards of this unit.")})
        if not instance.award_type_id or instance.year is None:
            return  # the cell's own error is reported
        key = (instance.award_type_id, instance.year, instance.staff_id, instance.unit_id if instance.staff is None else None)
        if key in self._recorded:
            raise ValidationError({"year": _("This award of %(year)s is already recorded.") % {"year": instance.year}})
        first = self._seen.setdefault(key, row_number)
        if first != row_number:
            raise ValidationError({"year": _("This award of %(year)s already appears on row %(row)s of this file.") % {
                "year": instance.year, "row": self.excel_row(first)}})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field checks per row without a query per row: the person, the units and the award come from
        what was read once for the file, and a record has its person or its unit by construction
        (`import_instance`), so neither the foreign keys nor the table's constraint are looked up again."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "staff", "unit", "holder_unit", "award_type", "decision", "nomination"],
                                validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.prepare()

    def write_new(self, records, batch_size):
        """The records in bulk, then the initiatives each used (one insert for the batch)."""
        AwardRecord.objects.bulk_create(records, batch_size=batch_size)
        used = AwardRecord.initiatives.through
        used.objects.bulk_create([used(awardrecord_id=record.pk, initiative_id=initiative.pk)
                                  for record in records for initiative in getattr(record, "_initiatives", [])],
                                 batch_size=batch_size)


class EvaluationResource(PeopleScopedResource):
    """Yearly evaluations. Each row names exactly one subject (issue 25): a person by identity number, or
    by name (and date of birth, when the list has one) within the unit written on the row, as offices keep
    the list; or, on a row without a person, the unit itself. A name that reads as a person and as a unit,
    or as several people, is refused with who it could mean, never guessed. Importing the same subject
    and year again updates the level; the preview says for each row whose evaluation changes, old → new
    (`row_notes`)."""

    required_columns = (YEAR, "Mức độ hoàn thành nhiệm vụ")
    column_synonyms = {"Mức độ hoàn thành nhiệm vụ": ["Xếp loại", "Mức xếp loại", "Kết quả đánh giá", "Xếp loại chất lượng"]}
    notes_title = gettext_lazy("What will change")

    full_name = fields.Field(attribute=None, column_name=NAME, readonly=True)
    born = fields.Field(attribute=None, column_name="Ngày sinh", readonly=True)
    identity = fields.Field(attribute=None, column_name=IDENTITY, readonly=True)
    unit_code = fields.Field(attribute=None, column_name=UNIT, readonly=True)
    year = fields.Field("year", YEAR, widget=widgets.IntegerWidget())
    # The standard abbreviations of the levels (Nghị định 90/2020/NĐ-CP) are read without asking.
    level = fields.Field("level", "Mức độ hoàn thành nhiệm vụ", widget=ChoiceLabelWidget(
        Evaluation.Level, required=True, abbreviations={"htxsnv": Evaluation.Level.EXCELLENT, "httnv": Evaluation.Level.GOOD,
                                                        "htnv": Evaluation.Level.COMPLETED, "khtnv": Evaluation.Level.NOT_COMPLETED}))

    class Meta:
        model = Evaluation
        fields = ("full_name", "born", "identity", "unit_code", "year", "level")
        clean_model_instances = True
        use_transactions = True

    def __init__(self, allowed_units=None, **kwargs):
        super().__init__(allowed_units, **kwargs)
        self.units = UnitCodeWidget(self.agency_id)
        self.row_notes = {}

    def dehydrate_full_name(self, evaluation):
        return evaluation.staff.full_name if evaluation.staff_id else ""

    def dehydrate_born(self, evaluation):
        born = evaluation.staff.date_of_birth if evaluation.staff_id else None
        return born.strftime("%d/%m/%Y") if born else ""

    def coded_columns(self):
        """The unit column, read in `_subject`, takes part in the value mappings too."""
        return {UNIT: self.units}

    def dehydrate_identity(self, evaluation):
        return (evaluation.staff.identity_number or "") if evaluation.staff_id else ""

    def dehydrate_unit_code(self, evaluation):
        return evaluation.unit.code if evaluation.unit_id else evaluation.staff.unit.code

    def before_import_row(self, row, row_number=None, **kwargs):
        row["__row_number__"] = row_number

    def _subject(self, row):
        """{"staff": person, "unit": None} or {"staff": None, "unit": unit}; ValidationError naming the
        column otherwise. Read once per row (kept on the row)."""
        if "__subject__" not in row:
            row["__subject__"] = self._find_subject(row)
        return row["__subject__"]

    def _find_subject(self, row):
        number = str(row.get(IDENTITY) or "").strip()
        if number:
            return {"staff": self.person_numbered(number), "unit": None}
        try:
            unit = self.units.clean(row.get(UNIT))
        except ValueError as error:
            raise ValidationError({"unit_code": str(error)})
        name = nfc(row.get(NAME) or "")
        if name:
            return self._named(row, name, unit)
        if unit is None:
            raise ValidationError({"unit_code": _("Give the person's name or identity number, or the unit.")})
        if not self.in_scope(unit.pk):
            raise ValidationError({"unit_code": _("You may not import evaluations of this unit.")})
        return {"staff": None, "unit": unit}

    def _named(self, row, name, unit):
        """The one person of that name (and birth date) in `unit` and below, or the unit itself when the
        name cell holds the unit's name (a collective's row of a mixed list)."""
        if unit is None:
            raise ValidationError({"unit_code": _("Write the unit the person works in, so that the person can be found.")})
        if not self.in_scope(unit.pk):
            raise ValidationError({"unit_code": _("You may not import evaluations of this unit.")})
        try:
            born = DayMonthYearWidget().clean(row.get("Ngày sinh"))
        except ValueError as error:
            raise ValidationError({"born": str(error)})
        people = Staff.objects.filter(unit__path__startswith=unit.path).select_related("unit")
        if born:
            people = people.filter(date_of_birth=born)
        found = [p for p in people if fold(p.full_name) == fold(name) and self.in_scope(p.unit_id)]
        named_unit = [] if born else [u for u in self.units.index.find(name) if self.in_scope(u.pk)]
        if len(found) + len(named_unit) > 1:
            who = [_person_label(p) for p in found] + [_("the unit %(unit)s") % {"unit": u.name} for u in named_unit]
            raise ValidationError({"full_name": _("“%(name)s” may mean %(who)s: nothing is guessed; add the date of "
                                                  "birth or the identity number.") % {"name": name, "who": "; ".join(who)}})
        if named_unit:
            return {"staff": None, "unit": named_unit[0]}
        if not found:
            raise ValidationError({"full_name": _("Nobody named “%(name)s”%(born)s works in %(unit)s.") % {
                "name": name, "unit": unit.name,
                "born": _(", born %(date)s,") % {"date": born.strftime("%d/%m/%Y")} if born else ""}})
        return {"staff": found[0], "unit": None}

    def get_instance(self, instance_loader, row):
        try:
            year = int(row.get(YEAR))
        except (TypeError, ValueError):
            return None
        return Evaluation.objects.filter(year=year, **self._subject(row)).first()

    def import_instance(self, instance, row, **kwargs):
        before = instance.get_level_display() if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        for name, value in self._subject(row).items():
            setattr(instance, name, value)
        subject = instance.staff or instance.unit
        after = instance.get_level_display() if instance.level else ""
        self.row_notes[row["__row_number__"]] = {
            "ok": True,
            "label": _person_label(subject) if instance.staff else _("the unit %(unit)s") % {"unit": subject.name},
            "detail": f"{before} → {after}" if before else _("new: %(value)s") % {"value": after},
        }


def _person_label(person):
    """“Name (dd/mm/yyyy, unit)”: who a row was read as, in the words of the list."""
    born = f"{person.date_of_birth:%d/%m/%Y}, " if person.date_of_birth else ""
    return f"{person.full_name} ({born}{person.unit.name})"


# Nominations from a unit's list (danh sách đề nghị khen thưởng) ------------------------------------

BORN, GENDER, POSITION, ACHIEVEMENTS = "Ngày sinh", "Giới tính", "Chức vụ", "Tóm tắt thành tích"


class NominationResource(SetWiseResource):
    """The list a unit sends the Office (STT, họ và tên, giới tính, ngày sinh, chức vụ, đơn vị, hình thức /
    danh hiệu đề nghị), read into draft nominations of one round.

    Each row names a person, found by name + date of birth within the unit written on the row (or by
    identity number when the list has one), or — for a collective award — a unit. A person found twice
    or not at all is listed, never guessed; people and units outside the importer's units read as not
    found. A row already proposed in this round is left unchanged, so importing the list exported from
    the round changes nothing. The preview shows each row's eligibility verdict (awards.eligibility);
    confirming keeps the uploaded file in each new nomination's dossier and writes the import on its
    timeline (the "import" transition).

    Set-wise (issue 25): the people named, the nominations already proposed in the round's year and the
    verdicts are read for the whole file (`prefetch`, `after_import`: awards.eligibility.judge_all), so a
    preview costs the same number of queries for one row as for a thousand; the new drafts are written
    in bulk."""

    required_columns = (NAME, AWARD)
    merged_columns = (AWARD,)
    column_synonyms = {NAME: ["Tên tập thể, cá nhân", "Họ và tên / tên tập thể", "Tập thể, cá nhân", "Tên cá nhân, tập thể"]}
    notes_title = gettext_lazy("Conditions")

    full_name = fields.Field(attribute=None, column_name=NAME, readonly=True)
    gender = fields.Field(attribute=None, column_name=GENDER, readonly=True)
    born = fields.Field(attribute=None, column_name=BORN, readonly=True)
    position = fields.Field(attribute=None, column_name=POSITION, readonly=True)
    unit_name = fields.Field(attribute=None, column_name=UNIT, readonly=True)
    identity = fields.Field(attribute=None, column_name=IDENTITY, readonly=True)
    award_type = fields.Field("award_type", AWARD, widget=AwardTypeWidget())
    achievements = fields.Field("achievements", ACHIEVEMENTS, widget=TextWidget())

    class Meta:
        model = Nomination
        fields = ("full_name", "gender", "born", "position", "unit_name", "identity", "award_type", "achievements")
        clean_model_instances = True
        use_transactions = True
        skip_diff = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, allowed_units=None, round=None, **kwargs):
        super().__init__(allowed_units, **kwargs)
        self.round = round
        self.run_kind = f"nominations:{round.pk}" if round else "nominations"
        self.fields["award_type"].widget = AwardTypeWidget(AwardType.objects.filter(active=True))
        self.units = UnitCodeWidget(self.agency_id)
        self.row_notes = {}
        self.source_name, self.source_data, self.import_run = "", b"", None
        self._numbered, self._named = {}, {}  # identity number → person; folded name → people (with their unit)
        self._outside_numbered, self._outside_named = {}, {}  # the register of outside nominees, the same way
        self._live = {}  # (award pk, subject) → the live nomination of the round's year
        self._seen = {}  # (award pk, subject) → the data row of this file that proposes it
        self._new = []  # (data row number, new nomination), in the order of the file

    def coded_columns(self):
        """The unit column, read in `_subject`, takes part in the value mappings too."""
        return {UNIT: self.units}

    # Export: the columns of the office's list.
    def get_queryset(self):
        return Nomination.objects.with_related()

    def dehydrate_full_name(self, nomination):
        return nomination.nominee_name

    def dehydrate_gender(self, nomination):
        return nomination.staff.get_gender_display() if nomination.staff_id and nomination.staff.gender else ""

    def dehydrate_born(self, nomination):
        born = nomination.staff.date_of_birth if nomination.staff_id else None
        return born.strftime("%d/%m/%Y") if born else ""

    def dehydrate_position(self, nomination):
        return nomination.staff.position if nomination.staff_id else ""

    def dehydrate_unit_name(self, nomination):
        return nomination.holder_unit.name

    def dehydrate_identity(self, nomination):
        if nomination.outsider_id:  # read back by the import: the register's entry
            return nomination.outsider.tax_code or nomination.outsider.id_number
        return (nomination.staff.identity_number or "") if nomination.staff_id else ""

    # Import.
    def prefetch(self, dataset):
        """One query (per 2,000 values) for the people of the file (by identity number, by name) and one
        for the live nominations of the round's year of those people and of the agency's units."""
        numbers = {str(value or "").strip() for value in self.cells(dataset, IDENTITY)} - {""}
        names = {fold(value) for value in self.cells(dataset, NAME)} - {""}
        people = Staff.objects.select_related("unit")
        if self.agency_id:
            people = people.filter(unit__agency_id=self.agency_id)
        for chunk in _chunks(numbers):
            for person in people.filter(identity_number__in=chunk):
                self._numbered[person.identity_number] = person
        for chunk in _chunks(names):
            for person in people.filter(search_text__in=chunk, active=True):
                self._named.setdefault(person.search_text, []).append(person)
        found = {p.pk for p in self._numbered.values()} | {p.pk for same in self._named.values() for p in same}
        # Outside nominees (awards.Outsider) of the agency's register, by tax code or identity number, or by
        # name ("Hộ gia đình ông (bà) …" or the head's name): the register is read once for the file (it
        # holds the agency's outsiders, hundreds, not the province's people).
        outsiders = Outsider.objects.filter(agency_id=self.agency_id) if self.agency_id else Outsider.objects.all()
        for outsider in outsiders:
            for number in (outsider.tax_code, outsider.id_number):
                if number in numbers:
                    self._outside_numbered[number] = outsider
            for folded in {fold(outsider.name), fold(outsider.display_name)} & names:
                self._outside_named.setdefault(folded, []).append(outsider)
        known = {o.pk for o in self._outside_numbered.values()} | {o.pk for same in self._outside_named.values() for o in same}
        live = Nomination.objects.filter(year=self.round.year).exclude(status=Nomination.Status.REJECTED)
        units = live.filter(nominee_unit__isnull=False)
        if self.agency_id:
            units = units.filter(nominee_unit__agency_id=self.agency_id)
        for nomination in [*units.select_related("round"),
                           *(n for chunk in _chunks(found) for n in live.filter(staff__in=chunk).select_related("round")),
                           *(n for chunk in _chunks(known) for n in live.filter(outsider__in=chunk).select_related("round"))]:
            subject = (("outsider", nomination.outsider_id) if nomination.outsider_id else
                       ("staff", nomination.staff_id) if nomination.staff_id else ("unit", nomination.nominee_unit_id))
            self._live[(nomination.award_type_id, subject)] = nomination

    def before_import_row(self, row, row_number=None, **kwargs):
        row["__row_number__"] = row_number

    def _subject(self, row):
        """{"staff": person} or {"nominee_unit": unit} for the row; ValidationError naming the column."""
        unit_text, name = row.get(UNIT), nfc(row.get(NAME) or "")
        person_like = bool(row.get(BORN) or row.get(IDENTITY) or row.get(GENDER))
        try:  # errors reported on the award column
            award = self.fields["award_type"].widget.clean(
                row.get(AWARD), subject=AwardType.Subject.INDIVIDUAL if person_like else None)
        except ValueError as error:
            raise ValidationError({"award_type": str(error)})
        try:
            unit = self.units.clean(unit_text)
        except ValueError as error:
            raise ValidationError({"unit_name": str(error)})
        outsider = self._outsider(row, name)
        if outsider is not None:
            return award, self._outside_subject(award, outsider, unit)
        if award.collective:
            if unit is None:
                try:
                    unit = self.units.clean(name)
                except ValueError as error:
                    raise ValidationError({"full_name": str(error)})
            if unit is None:
                raise ValidationError({"unit_name": _("Write the collective proposed for this award.")})
            if not self.in_scope(unit.pk):
                raise ValidationError({"unit_name": _("You may not propose awards for this unit.")})
            return award, {"nominee_unit": unit}
        return award, {"staff": self._person(row, name, unit)}

    def _outsider(self, row, name):
        """The register's outside nominee the row names (by tax code or identity number, or by a name that
        is nobody's of the agency's staff), or None; several of the same name are refused, never guessed."""
        number = str(row.get(IDENTITY) or "").strip()
        if number and number in self._outside_numbered and number not in self._numbered:
            return self._outside_numbered[number]
        same = self._outside_named.get(fold(name), []) if name and not number else []
        if len(same) > 1:
            raise ValidationError({"full_name": _("Several outside nominees of the register are named “%(name)s”: write "
                                                  "the tax code or the identity number.") % {"name": name}})
        return same[0] if same and not self._named.get(fold(name)) else None

    def _outside_subject(self, award, outsider, unit):
        """{"outsider", "unit"}: the outside nominee and the unit that proposes it (the row's unit, or the
        importer's own); the award must be a form of commendation for the nominee's kind (awards.forms)."""
        if award.category != AwardType.Category.FORM:
            raise ValidationError({"award_type": _("An outside nominee can be proposed for a form of commendation "
                                                   "(Giấy khen, Bằng khen), not for an emulation title.")})
        if award.subject != outsider.subject:
            raise ValidationError({"award_type": _("This award is for a collective: choose the version for an individual.")
                                   if outsider.individual else
                                   _("This award is for an individual: choose the collective's version.")})
        unit = unit or (self.user.unit if self.user is not None else None)
        if unit is None or not self.in_scope(unit.pk):
            raise ValidationError({"unit_name": _("Write the unit that proposes this outside nominee.")})
        return {"outsider": outsider, "unit": unit}

    def _person(self, row, name, unit):
        number = str(row.get(IDENTITY) or "").strip()
        if number:
            person = self._numbered.get(number)
            if person is None or not self.in_scope(person.unit_id):
                raise ValidationError({"identity": _("Nobody in the units you manage has the identity number %(number)s.")
                                       % {"number": number}})
            return person
        if not name:
            raise ValidationError({"full_name": _("This cell is required.")})
        if unit is None:
            raise ValidationError({"unit_name": _("Write the person's unit, so that the person can be found.")})
        if not self.in_scope(unit.pk):
            raise ValidationError({"unit_name": _("You may not propose awards for people of this unit.")})
        try:
            born = DayMonthYearWidget().clean(row.get(BORN))
        except ValueError as error:
            raise ValidationError({"born": str(error)})
        found = [p for p in self._named.get(fold(name), []) if p.unit.path.startswith(unit.path)
                 and (born is None or p.date_of_birth == born) and self.in_scope(p.unit_id)]
        if not found:
            raise ValidationError({"full_name": _("Nobody named “%(name)s”%(born)s works in %(unit)s.") % {
                "name": name, "unit": unit.name,
                "born": _(", born %(date)s,") % {"date": born.strftime("%d/%m/%Y")} if born else ""}})
        if len(found) > 1:
            raise ValidationError({"full_name": _("Several people match “%(name)s” in %(unit)s (%(who)s): nothing is "
                                                  "guessed; add the date of birth or the identity number.") % {
                "name": name, "unit": unit.name,
                "who": "; ".join(f"{p.full_name}, {p.unit.name}, {p.date_of_birth:%d/%m/%Y}" if p.date_of_birth
                                 else f"{p.full_name}, {p.unit.name}" for p in found)}})
        return found[0]

    def get_instance(self, instance_loader, row):
        """The nomination already proposed in this round for the same subject and award, if any."""
        award, subject = self._subject(row)
        row["__subject__"], row["__award__"] = subject, award
        key = (award.pk, ("outsider", subject["outsider"].pk) if "outsider" in subject else
               ("staff", subject["staff"].pk) if "staff" in subject else ("unit", subject["nominee_unit"].pk))
        row["__key__"] = key
        first = self._seen.setdefault(key, row["__row_number__"])
        if first != row["__row_number__"]:
            raise ValidationError({"full_name": _("Already proposed for this award on row %(row)s of this file.")
                                   % {"row": self.excel_row(first)}})
        existing = self._live.get(key)
        return existing if existing is not None and existing.round_id == self.round.pk else None

    def after_init_instance(self, instance, new, row, **kwargs):
        """Nothing of a nomination already in the round is compared: it is left as it is (`skip_row`)."""

    def import_instance(self, instance, row, **kwargs):
        if instance.pk:
            return  # already in the round: left as it is (skip_row)
        super().import_instance(instance, row, **kwargs)
        subject, award = row["__subject__"], row["__award__"]
        number = row["__row_number__"]
        instance.round, instance.award_type, instance.status = self.round, award, Nomination.Status.DRAFT
        instance.year = self.round.year
        user = kwargs.get("user")
        instance.created_by = user if user is not None and user.is_authenticated else None
        instance.staff, instance.nominee_unit = subject.get("staff"), subject.get("nominee_unit")
        instance.outsider = subject.get("outsider")
        if instance.outsider is not None:
            instance.unit = subject["unit"]
        else:
            instance.unit = instance.staff.unit if instance.staff else instance.nominee_unit
        if not instance.achievements:
            instance.achievements = _("As in the list %(file)s, row %(row)s.") % {
                "file": self.source_name, "row": self.excel_row(number)}
        earlier = self._live.get(row["__key__"])
        if earlier:
            raise ValidationError({"award_type": _("Already proposed for this award in %(year)s (round “%(round)s”).")
                                   % {"year": self.round.year, "round": earlier.round.name}})

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return bool(instance.pk) and not import_validation_errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field checks per row without a query per row: the round, the award, the person and the units
        come from what was read once for the file, and a nomination already proposed in the year was
        refused by `import_instance`, so neither the foreign keys nor the table's constraints are looked up
        again."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "round", "award_type", "unit", "staff", "nominee_unit", "outsider", "created_by",
                                         "initiatives", "reports"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.search_text = fold(instance.nominee_name)  # as Nomination.save, which bulk_create skips

    def after_save_instance(self, instance, row, **kwargs):
        self._new.append((row["__row_number__"], instance))  # a new draft: a row already in the round is skipped

    def after_import(self, dataset, result, **kwargs):
        """Each new row's eligibility verdict, judged for the whole file at once."""
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        for (number, _nomination), verdict in zip(self._new, judge_all([n for _number, n in self._new])):
            self.row_notes[number] = {
                "ok": verdict.eligible,
                "label": _("Meets the conditions") if verdict.eligible else _("Conditions not met"),
                "detail": "; ".join([str(c.requirement) for c in verdict.failed] + [str(w) for w in verdict.warnings]),
            }

    def write_new(self, nominations, batch_size):
        """The drafts in bulk, the uploaded file once in each one's dossier, and the import on each one's
        timeline (the "import" transition of awards.workflow)."""
        Nomination.objects.bulk_create(nominations, batch_size=batch_size)
        stored = default_storage.save(
            f"awards/dossiers/imports/{uuid.uuid4().hex}{Path(self.source_name).suffix.lower()}",
            ContentFile(self.source_data))
        DossierFile.objects.bulk_create([DossierFile(nomination=n, name=self.source_name, file=stored,
                                                     uploaded_by=self.user) for n in nominations], batch_size=batch_size)
        rows = {id(n): number for number, n in self._new}
        for nomination in nominations:
            row = self.excel_row(rows[id(nomination)])
            act(nomination, "import", actor=self.user, note=_("Row %(row)s of %(file)s") % {"row": row, "file": self.source_name},
                data={"file": self.source_name, "row": row, "import": self.import_run.pk if self.import_run else None})


# Initiatives and research topics (sáng kiến, đề tài) -------------------------------------------------

TITLE, AUTHORS, LEVEL, KIND = "Tên sáng kiến, đề tài", "Tác giả", "Cấp công nhận", "Loại"
DECISION_NUMBER, DECISION_DATE, APPLIED_IN = "Số quyết định công nhận", "Ngày quyết định", "Phạm vi áp dụng"
# One author: an identity number, or a full name with the date of birth in brackets when two people share it.
_AUTHOR = re.compile(r"^(?P<name>[^()]*?)\s*(?:\((?P<born>[^()]*)\))?$")
_IDENTITY = re.compile(r"^\d{9,12}$")


class InitiativeLevelWidget(ChoiceLabelWidget):
    """The level as its label or the way offices write it: “cơ sở”, “cấp Sở”, “tỉnh”, “toàn quốc”, “Nhà
    nước”, with or without “cấp”."""

    SHORT = {"co so": Initiative.Level.BASE, "so": Initiative.Level.BASE, "nganh": Initiative.Level.BASE,
             "tinh": Initiative.Level.PROVINCE, "toan quoc": Initiative.Level.NATIONAL,
             "nha nuoc": Initiative.Level.NATIONAL, "quoc gia": Initiative.Level.NATIONAL}

    def __init__(self):
        super().__init__(Initiative.Level, required=True)

    def clean(self, value, row=None, **kwargs):
        text = fold(value)
        return self.SHORT.get(text.removeprefix("cap ").strip()) or super().clean(value, row, **kwargs)


class InitiativeKindWidget(ChoiceLabelWidget):
    """“Sáng kiến” or “Đề tài” (“đề tài khoa học”, “đề tài nghiên cứu khoa học”…); empty: an initiative."""

    def __init__(self):
        super().__init__(Initiative.Kind)

    def clean(self, value, row=None, **kwargs):
        text = fold(value)
        if text.startswith("de tai"):
            return Initiative.Kind.RESEARCH
        if text.startswith("sang kien"):
            return Initiative.Kind.INITIATIVE
        return super().clean(value, row, **kwargs) or Initiative.Kind.INITIATIVE


class InitiativeResource(SetWiseResource):
    """Initiatives and research topics, set-wise like the award history: the authors (people of the
    importer's units, by identity number or by name, with the date of birth in brackets when needed,
    several separated by “;” or “,”) and the initiatives already recorded in the file's years are read
    once for the file. A row is the initiative of the same title and year in the importer's units when
    there is one (updated, or left unchanged when nothing differs, so importing the same file again
    changes nothing), a new one otherwise; its unit is its first author's. Authors outside the importer's
    units read as not found."""

    required_columns = (TITLE, AUTHORS, YEAR)
    column_synonyms = {
        TITLE: ["Tên sáng kiến", "Tên đề tài", "Tên sáng kiến/đề tài", "Tên sáng kiến, đề tài khoa học",
                "Tên đề tài, sáng kiến", "Tên sáng kiến, giải pháp"],
        AUTHORS: ["Tác giả, đồng tác giả", "Tác giả/đồng tác giả", "Chủ nhiệm đề tài", "Họ và tên tác giả",
                  "Tác giả sáng kiến"],
        LEVEL: ["Cấp", "Cấp độ", "Phạm vi công nhận", "Cấp công nhận sáng kiến"],
        KIND: ["Loại sáng kiến, đề tài", "Sáng kiến/đề tài"],
        DECISION_NUMBER: ["Số quyết định", "Quyết định công nhận", "Số QĐ"],
        DECISION_DATE: ["Ngày quyết định công nhận", "Ngày QĐ", "Ngày ký"],
        APPLIED_IN: ["Nơi áp dụng", "Đơn vị áp dụng", "Phạm vi ảnh hưởng", "Phạm vi ảnh hưởng, áp dụng"],
        YEAR: ["Năm công nhận"],
    }

    title = fields.Field("title", TITLE, widget=TextWidget())
    kind = fields.Field("kind", KIND, widget=InitiativeKindWidget())
    authors = fields.Field(attribute=None, column_name=AUTHORS, readonly=True)
    level = fields.Field("level", LEVEL, widget=InitiativeLevelWidget())
    year = fields.Field("year", YEAR, widget=widgets.IntegerWidget())
    decision_number = fields.Field("decision_number", DECISION_NUMBER, widget=TextWidget())
    decision_date = fields.Field("decision_date", DECISION_DATE, widget=DayMonthYearWidget())
    applied_in = fields.Field("applied_in", APPLIED_IN, widget=TextWidget())

    compared = ("kind", "title", "level", "year", "decision_number", "decision_date", "applied_in", "unit_id")

    class Meta:
        model = Initiative
        fields = ("title", "kind", "authors", "level", "year", "decision_number", "decision_date", "applied_in")
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        skip_diff = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, allowed_units=None, **kwargs):
        super().__init__(allowed_units, **kwargs)
        self._numbered, self._named = {}, {}  # identity number → person; folded name → people
        self._existing, self._authors_of = {}, {}  # (folded title, year) → initiative; its pk → author pks
        self._seen = {}  # (folded title, year) → the data row of this file that has it

    def get_queryset(self):
        return Initiative.objects.select_related("unit").prefetch_related("authors")

    def dehydrate_authors(self, initiative):
        return "; ".join(f"{p.full_name} ({p.date_of_birth:%d/%m/%Y})" if p.date_of_birth else p.full_name
                         for p in initiative.authors.all())

    @staticmethod
    def _parts(value):
        return [part.strip() for part in re.split(r"[;,\n]", nfc(str(value or ""))) if part.strip()]

    def prefetch(self, dataset):
        """One query (per 2,000 values) for each kind of lookup: the people by identity number and by
        name, the initiatives already recorded in the file's years, and their authors."""
        numbers, names = set(), set()
        for cell in self.cells(dataset, AUTHORS):
            for part in self._parts(cell):
                if _IDENTITY.match(part):
                    numbers.add(part)
                else:
                    match = _AUTHOR.match(part)
                    names.add(fold(match.group("name") if match else part))
        people = Staff.objects.only("pk", "unit_id", "full_name", "date_of_birth", "identity_number", "search_text")
        if self.agency_id:
            people = people.filter(unit__agency_id=self.agency_id)
        for chunk in _chunks(numbers):
            for person in people.filter(identity_number__in=chunk):
                self._numbered[person.identity_number] = person
        for chunk in _chunks(names - {""}):
            for person in people.filter(search_text__in=chunk, active=True):
                self._named.setdefault(person.search_text, []).append(person)
        years = set()
        for value in self.cells(dataset, YEAR):
            try:
                years.add(int(value))
            except (TypeError, ValueError):
                continue
        recorded = Initiative.objects.filter(year__in=years)
        if self.agency_id:
            recorded = recorded.filter(unit__agency_id=self.agency_id)
        for initiative in recorded:
            if self.in_scope(initiative.unit_id):
                self._existing.setdefault((fold(initiative.title), initiative.year), initiative)
        through = Initiative.authors.through
        for chunk in _chunks({i.pk for i in self._existing.values()}):
            for initiative, person in through.objects.filter(initiative_id__in=chunk).values_list("initiative_id", "staff_id"):
                self._authors_of.setdefault(initiative, set()).add(person)

    def _author(self, part):
        """The person `part` names among the importer's units; the same words whether nobody has that name
        or only someone outside them."""
        if _IDENTITY.match(part):
            person = self._numbered.get(part)
            if person is None or not self.in_scope(person.unit_id):
                raise ValidationError({"authors": _("Nobody in the units you manage has the identity number %(number)s.")
                                       % {"number": part}})
            return person
        match = _AUTHOR.match(part)
        name, born_text = (match.group("name"), match.group("born")) if match else (part, None)
        try:
            born = DayMonthYearWidget().clean(born_text)
        except ValueError as error:
            raise ValidationError({"authors": str(error)})
        found = [p for p in self._named.get(fold(name), [])
                 if self.in_scope(p.unit_id) and (born is None or p.date_of_birth == born)]
        if not found:
            raise ValidationError({"authors": _("Nobody named “%(name)s”%(born)s works in the units you manage.") % {
                "name": name, "born": _(", born %(date)s,") % {"date": born.strftime("%d/%m/%Y")} if born else ""}})
        if len(found) > 1:
            raise ValidationError({"authors": _("Several people of the units you manage are named “%(name)s”: nothing is "
                                                "guessed; write the date of birth in brackets, as “%(name)s (dd/mm/yyyy)”, "
                                                "or the identity number.") % {"name": name}})
        return found[0]

    def before_import_row(self, row, row_number=None, **kwargs):
        row["__row_number__"] = row_number

    def get_instance(self, instance_loader, row):
        try:
            year = int(row.get(YEAR))
        except (TypeError, ValueError):
            return None  # the cell's own error is reported
        title = fold(row.get(TITLE))
        first = self._seen.setdefault((title, year), row["__row_number__"])
        if title and first != row["__row_number__"]:
            raise ValidationError({"title": _("This initiative of %(year)s already appears on row %(row)s of this file.")
                                   % {"year": year, "row": self.excel_row(first)}})
        return self._existing.get((title, year))

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        authors = []
        for part in self._parts(row.get(AUTHORS)):
            person = self._author(part)
            if person not in authors:
                authors.append(person)
        if not authors:
            raise ValidationError({"authors": _("This cell is required.")})
        instance._authors = authors
        instance.unit_id = authors[0].unit_id

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: the same values and the same authors."""
        return (super().skip_row(instance, original, row, import_validation_errors)
                and {p.pk for p in instance._authors} == self._authors_of.get(instance.pk, set()))

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field checks per row without a query per row: the unit is the first author's, read once."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "unit", "authors"], validate_unique=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _write_authors(self, initiatives, batch_size):
        through = Initiative.authors.through
        through.objects.bulk_create([through(initiative_id=i.pk, staff_id=p.pk) for i in initiatives for p in i._authors],
                                    batch_size=batch_size)

    def write_new(self, initiatives, batch_size):
        """The initiatives in bulk, then their authors (one insert for the batch)."""
        super().write_new(initiatives, batch_size)
        self._write_authors(initiatives, batch_size)

    def get_bulk_update_fields(self):
        return [*(f.attribute for f in self.get_import_fields() if f.attribute), "unit"]

    def write_changed(self, initiatives, fields, batch_size):
        """In bulk; their authors replaced by the file's."""
        super().write_changed(initiatives, fields, batch_size)
        Initiative.authors.through.objects.filter(initiative_id__in=[i.pk for i in initiatives]).delete()
        self._write_authors(initiatives, batch_size)

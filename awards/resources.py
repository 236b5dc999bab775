"""Excel import and export of award history (django-import-export), in the columns a clerk reads.

A row is a person's award (identity number, or full name within the unit) or, without a person, the
unit's own award. Importing the same person, award and year again updates that row instead of adding
a second one. Imports are all-or-nothing through emulation.imports.run_import.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from awards.models import AwardKind, AwardRecord, AwardType, Evaluation
from emulation.models import Staff
from emulation.resources import (
    ChoiceLabelWidget, DayMonthYearWidget, ScopedResource, TextWidget, UnitCodeWidget,
)
from emulation.columns import award_keys, key
from emulation.text import fold, nfc

NAME, IDENTITY, UNIT, AWARD, YEAR = "Họ và tên", "Số định danh cá nhân", "Mã đơn vị", "Danh hiệu, hình thức", "Năm"


class AwardTypeWidget(widgets.Widget):
    """An award type written as its code, its catalogue name or a common short form ("LĐTT", "CSTĐ cơ
    sở", "Chiến sĩ thi đua cơ sở" without "Danh hiệu"), accents and case ignored. `choices`: a queryset
    narrowing the catalogue (e.g. to what a round may propose). Read once per file."""

    def __init__(self, choices=None):
        super().__init__()
        self.choices = choices
        self.index = None

    def clean(self, value, row=None, **kwargs):
        if not fold(value):
            raise ValueError(_("This cell is required."))
        if self.index is None:
            self.index = {}
            for award in (self.choices if self.choices is not None else AwardType.objects.all()):
                for k in award_keys(award):
                    self.index.setdefault(k, {})[award.pk] = award
        folded = key(value)
        for candidate in (folded, key(str(value).replace("CSTĐ", "chiến sĩ thi đua").replace("LĐTT", "lao động tiên tiến"))):
            found = list(self.index.get(candidate, {}).values())
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise ValueError(_("“%(value)s” may mean several awards (%(awards)s): write the name as in the catalogue.")
                                 % {"value": value, "awards": "; ".join(a.name for a in found)})
        raise ValueError(_("There is no award “%(value)s” in the catalogue.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class AwardKindWidget(ChoiceLabelWidget):
    """The kind written as its label or a common short form (“thường xuyên”, “công trạng”); empty: annual."""

    SHORT = {"thuong xuyen": AwardKind.REGULAR, "cong trang": AwardKind.REGULAR, "theo dot": AwardKind.THEMATIC}

    def __init__(self):
        super().__init__(AwardKind)

    def clean(self, value, row=None, **kwargs):
        return self.SHORT.get(fold(value)) or super().clean(value, row, **kwargs) or AwardKind.REGULAR


class PeopleScopedResource(ScopedResource):
    """Rows name a person by identity number; only people of the importer's units can be named, and one
    message covers "nobody has it" and "someone outside your units has it"."""

    def person_numbered(self, number):
        person = Staff.objects.filter(identity_number=number).first()
        if person is None or not self.in_scope(person.unit_id):
            raise ValidationError({"staff": _("Nobody in the units you manage has the identity number %(number)s.")
                                   % {"number": number}})
        return person


class AwardRecordResource(PeopleScopedResource):
    required_columns = (AWARD, YEAR)
    full_name = fields.Field(attribute=None, column_name=NAME, readonly=True)
    identity = fields.Field(attribute=None, column_name=IDENTITY, readonly=True)
    holder_unit = fields.Field("holder_unit", UNIT, widget=UnitCodeWidget())
    award_type = fields.Field("award_type", AWARD, widget=AwardTypeWidget())
    year = fields.Field("year", YEAR, widget=widgets.IntegerWidget())
    kind = fields.Field("kind", "Loại hình", widget=AwardKindWidget())
    decision_number = fields.Field("decision_number", "Số quyết định", widget=TextWidget())
    decision_date = fields.Field("decision_date", "Ngày quyết định", widget=DayMonthYearWidget())
    issuing_authority = fields.Field("issuing_authority", "Cơ quan ban hành", widget=TextWidget())

    class Meta:
        model = AwardRecord
        fields = ("full_name", "identity", "holder_unit", "award_type", "year", "kind", "decision_number",
                  "decision_date", "issuing_authority")
        clean_model_instances = True
        use_transactions = True

    def dehydrate_full_name(self, record):
        return record.staff.full_name if record.staff_id else ""

    def dehydrate_identity(self, record):
        return (record.staff.identity_number or "") if record.staff_id else ""

    def _person(self, row):
        number = str(row.get(IDENTITY) or "").strip()
        name = nfc(row.get(NAME) or "")
        if number:
            return self.person_numbered(number)
        if not name:
            return None
        code = str(row.get(UNIT) or "").strip().upper()
        people = [p for p in Staff.objects.filter(full_name=name, unit__code=code)[:2] if self.in_scope(p.unit_id)]
        if len(people) != 1:
            raise ValidationError({"staff": _("“%(name)s” is not found once in unit %(code)s; give the identity number.") % {
                "name": name, "code": code,
            }})
        return people[0]

    def get_instance(self, instance_loader, row):
        return None

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        instance.staff = self._person(row)
        instance.source = AwardRecord.Source.IMPORTED
        if not instance.holder_unit_id:
            raise ValidationError({"holder_unit": _("The unit code is required.")})
        if instance.staff is None:
            instance.unit = instance.holder_unit
        if self.allowed_units is not None and not self.allowed_units.filter(pk=instance.holder_unit_id).exists():
            raise ValidationError({"holder_unit": _("You may not import awards of this unit.")})
        duplicate = AwardRecord.objects.filter(
            award_type=instance.award_type, year=instance.year, staff=instance.staff,
            unit=instance.unit if instance.staff is None else None,
        )
        if duplicate.exists():
            raise ValidationError({"year": _("This award of %(year)s is already recorded.") % {"year": instance.year}})


class EvaluationResource(PeopleScopedResource):
    """Yearly evaluations: a person by identity number, or a unit by code when no identity number is given.
    Importing the same person (or unit) and year again updates the level."""

    required_columns = (YEAR, "Mức độ hoàn thành nhiệm vụ")
    column_synonyms = {"Mức độ hoàn thành nhiệm vụ": ["Xếp loại", "Mức xếp loại", "Kết quả đánh giá", "Xếp loại chất lượng"]}

    identity = fields.Field(attribute=None, column_name=IDENTITY, readonly=True)
    unit_code = fields.Field(attribute=None, column_name=UNIT, readonly=True)
    year = fields.Field("year", YEAR, widget=widgets.IntegerWidget())
    level = fields.Field("level", "Mức độ hoàn thành nhiệm vụ", widget=ChoiceLabelWidget(Evaluation.Level, required=True))

    class Meta:
        model = Evaluation
        fields = ("identity", "unit_code", "year", "level")
        clean_model_instances = True
        use_transactions = True

    def dehydrate_identity(self, evaluation):
        return (evaluation.staff.identity_number or "") if evaluation.staff_id else ""

    def dehydrate_unit_code(self, evaluation):
        return evaluation.unit.code if evaluation.unit_id else evaluation.staff.unit.code

    def _subject(self, row):
        number = str(row.get(IDENTITY) or "").strip()
        if number:
            return {"staff": self.person_numbered(number), "unit": None}
        unit = UnitCodeWidget().clean(row.get(UNIT))
        if unit is None:
            raise ValidationError({"unit": _("Give an identity number or a unit code.")})
        if not self.in_scope(unit.pk):
            raise ValidationError({"unit": _("You may not import evaluations of this unit.")})
        return {"staff": None, "unit": unit}

    def get_instance(self, instance_loader, row):
        try:
            year = int(row.get(YEAR))
        except (TypeError, ValueError):
            return None
        return Evaluation.objects.filter(year=year, **self._subject(row)).first()

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        for name, value in self._subject(row).items():
            setattr(instance, name, value)

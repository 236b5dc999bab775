"""The catalogue and the rules are edited here by the administrator: the law changes."""
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from awards.models import (
    AwardRecord, AwardRound, AwardType, CouncilMember, Discipline, Evaluation, Initiative,
    ReviewFlag, Rule, RuleSet,
)
from awards.catalogue import rule_set_saved
from awards.resources import AwardRecordResource


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "level", "subject", "authority", "vote_threshold", "ballot_required", "active")
    list_filter = ("category", "level", "subject", "authority")


class RuleInline(admin.TabularInline):
    model = Rule
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """Every save of a rule set or of its rules leaves a row on the rule set's timeline."""

    list_display = ("name", "valid_from", "valid_to")
    inlines = [RuleInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        fields = list(form.changed_data) + [f"rules.{name}" for formset in formsets for name in
                                            {n for f in formset.forms for n in f.changed_data}]
        rule_set_saved(form.instance, actor=request.user, created=not change, fields=fields)


@admin.register(AwardRecord)
class AwardRecordAdmin(ImportExportModelAdmin):
    resource_classes = [AwardRecordResource]
    list_display = ("year", "award_type", "staff", "unit", "decision_number", "source")
    list_filter = ("award_type", "source", "year")
    list_select_related = ("award_type", "staff", "unit")
    search_fields = ("search_text",)
    raw_id_fields = ("staff", "unit", "holder_unit", "decision", "nomination")


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("year", "staff", "unit", "level")
    list_filter = ("year", "level")
    raw_id_fields = ("staff", "unit")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "level", "unit")
    filter_horizontal = ("authors",)


admin.site.register([AwardRound, CouncilMember, Discipline, ReviewFlag])

"""The Office's form for the movements' statistical data (biểu 0601.N). These are not part of the plan's
text, so they may be set after the plan is issued; nothing else of the plan can be changed here."""
from django import forms

from campaigns.models import Plan


class MovementForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["movement_level", "movement_scope", "movement_duration", "movement_method"]


MovementFormSet = forms.modelformset_factory(Plan, form=MovementForm, extra=0, can_delete=False)

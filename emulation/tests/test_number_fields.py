"""Letters typed in a number field reach the server and are answered (issue 26 item 8): no form and no page
shows a browser's type=number input, which drops them silently and sends an empty value."""
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from campaigns.forms.plans import TargetForm
from campaigns.models import ContentItem, Target
from emulation.forms import NumberText
from emulation.tests.test_date_picker import _project_forms


def test_every_number_field_of_every_form_is_typed_as_text_with_the_number_keyboard():
    number_fields = {
        f"{form.__module__}.{form.__name__}.{name}": field.widget
        for form in _project_forms() for name, field in form.base_fields.items()
        if isinstance(field, (forms.IntegerField, forms.DecimalField))
        and not isinstance(field.widget, (forms.HiddenInput, forms.Select))  # a choice cannot take letters
    }
    assert len(number_fields) > 25  # years, vote counts, targets, thresholds, orders …
    assert [name for name, widget in number_fields.items() if not isinstance(widget, NumberText)] == []
    assert {widget.attrs["inputmode"] for widget in number_fields.values()} == {"numeric", "decimal"}


def test_no_template_writes_a_number_input_by_hand():
    written = [str(path.relative_to(settings.BASE_DIR)) for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html")
               if 'type="number"' in path.read_text(encoding="utf-8")]
    written += [str(path.relative_to(settings.BASE_DIR)) for path in (Path(settings.BASE_DIR) / "templates").glob("**/*.html")
                if 'type="number"' in path.read_text(encoding="utf-8")]
    assert written == []


@pytest.mark.django_db
def test_letters_in_a_plan_target_are_answered_with_what_to_type(issued_plan):
    form = TargetForm({"indicator": "Tỷ lệ hồ sơ đúng hạn", "target_value": "chín mươi", "item": ContentItem.objects.filter(plan=issued_plan).first().pk},
                      plan=issued_plan, instance=Target(plan=issued_plan))
    assert form.errors["target_value"] == ["Hãy nhập một số, chỉ gồm chữ số, ví dụ 75."]
    assert 'type="text" name="target_value" value="chín mươi"' in str(form["target_value"])


@pytest.mark.django_db
def test_letters_in_a_year_filter_are_answered_and_the_current_year_shown(office_client):
    year = timezone.localdate().year
    response = office_client.get(reverse("reports:statistics") + "?year=hai nghìn", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"“hai nghìn” không phải là một năm: hãy nhập bằng chữ số, ví dụ {year}. Trang đang hiển thị năm {year}."]
    assert response.context["year"] == year

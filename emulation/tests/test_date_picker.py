"""One date widget (emulation.forms.DateInput) on every date field of every form: a text input that shows
and accepts dd/mm/yyyy, with a small calendar (static/js/datepicker.js) to pick a day."""
import datetime
import importlib
import json
import pkgutil

import pytest
from django import forms
from django.utils import timezone, translation

from emulation.forms import DateInput
from reports.archive import ArchiveSearchForm

APPS = ("emulation", "awards", "campaigns", "reports")


def _project_forms():
    for app in APPS:
        for module in pkgutil.walk_packages(importlib.import_module(app).__path__, f"{app}."):
            if not any(part in module.name for part in (".tests", ".migrations", ".management")):
                importlib.import_module(module.name)
    pending, found = [forms.BaseForm], []
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in APPS:
                found.append(subclass)
    return found


def test_every_date_field_of_every_form_uses_the_one_date_widget():
    date_fields = {
        f"{form.__module__}.{form.__name__}.{name}": isinstance(field.widget, DateInput)
        for form in _project_forms() for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField)
    }
    assert len(date_fields) > 20  # plans, periods, rounds, councils, decisions, staff, archive, verification …
    assert [name for name, uses_it in date_fields.items() if not uses_it] == []


def test_a_form_accepts_dd_mm_yyyy_and_shows_its_dates_that_way():
    form = ArchiveSearchForm({"date_from": "05/03/2026", "date_to": "2026-03-31"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["date_from"], form.cleaned_data["date_to"]) == (datetime.date(2026, 3, 5), datetime.date(2026, 3, 31))
    with translation.override("vi"):
        html = str(ArchiveSearchForm(initial={"date_from": datetime.date(2026, 3, 5)})["date_from"])
    assert 'value="05/03/2026"' in html and 'placeholder="dd/mm/yyyy"' in html and 'type="text"' in html
    labels = json.loads(html.split('data-datepicker="')[1].split('"')[0].replace("&quot;", '"'))
    assert labels["months"][2] == "Tháng 3" and labels["days"] == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    assert (labels["open"], labels["today"]) == ("Chọn ngày", "Hôm nay")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_picks_a_day_in_the_calendar_and_the_form_keeps_it_as_dd_mm_yyyy(page, login, office_user):
    page.set_viewport_size({"width": 390, "height": 844})
    login(office_user.username)
    page.goto("/reports/archive/")
    field = page.get_by_label("Ban hành từ ngày")
    field.fill("05/03/2026")  # typing by hand still works; the calendar opens on that month
    page.get_by_role("button", name="Chọn ngày").first.click()
    dialog = page.get_by_role("dialog")
    assert dialog.locator(".datepicker-title").inner_text() == "Tháng 3 2026"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    dialog.get_by_role("button", name="Tháng sau").click()
    dialog.get_by_role("button", name="14/04/2026", exact=True).click()
    assert field.input_value() == "14/04/2026"
    assert page.get_by_role("dialog").count() == 0
    page.get_by_role("button", name="Chọn ngày").nth(1).click()
    today = timezone.localdate()
    page.get_by_role("dialog").get_by_role("button", name="Hôm nay").click()
    assert page.get_by_label("Ban hành đến ngày").input_value() == today.strftime("%d/%m/%Y")
    field.press("Enter")  # the search form submits; the server reads and shows the dates as dd/mm/yyyy
    page.wait_for_url("**date_from=14%2F04%2F2026**")
    assert page.get_by_label("Ban hành từ ngày").input_value() == "14/04/2026"

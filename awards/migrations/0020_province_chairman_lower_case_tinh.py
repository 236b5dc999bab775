"""Award records decided by a province in this system before issue 31 §10 read “Chủ tịch Ủy ban nhân dân Tỉnh
Quảng Ngãi” (a capital T from str.title()): written again as a sentence writes it."""
from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace

WRONG, RIGHT = "Chủ tịch Ủy ban nhân dân Tỉnh ", "Chủ tịch Ủy ban nhân dân tỉnh "


def lower_case_tinh(apps, schema_editor):
    AwardRecord = apps.get_model("awards", "AwardRecord")
    AwardRecord.objects.filter(issuing_authority__startswith=WRONG).update(
        issuing_authority=Replace("issuing_authority", Value(WRONG), Value(RIGHT)))


class Migration(migrations.Migration):
    dependencies = [("awards", "0019_quota_rounding_rule")]
    operations = [migrations.RunPython(lower_case_tinh, migrations.RunPython.noop)]

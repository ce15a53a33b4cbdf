from django.db import migrations

CODES = ["young", "staff", "residents", "business", "civil_society"]


def add_target_groups(apps, schema_editor):
    TargetGroup = apps.get_model("actions", "TargetGroup")
    for code in CODES:
        TargetGroup.objects.get_or_create(code=code)


def remove_target_groups(apps, schema_editor):
    apps.get_model("actions", "TargetGroup").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("actions", "0001_initial")]

    operations = [migrations.RunPython(add_target_groups, remove_target_groups)]

"""The seven default document types of the seeds (DESIGN §2.2).

Names are the Swedish words the documents use; they are reference data, not
interface text. Each kommun starts with these and may make its own list.
"""

from django.db import migrations

# A frozen copy of strategies.models.documents.DEFAULT_DOCUMENT_TYPES.
DEFAULT_TYPES = [
    # (name, order, is_action_plan)
    ("Program", 10, False),
    ("Policy", 20, False),
    ("Strategi", 30, False),
    ("Plan", 40, False),
    ("Handlingsplan", 50, True),
    ("Riktlinjer", 60, False),
    ("Regler", 70, False),
]


def create_default_types(apps, schema_editor):
    document_type = apps.get_model("strategies", "DocumentType")
    for name, order, is_action_plan in DEFAULT_TYPES:
        document_type.objects.get_or_create(
            kommun=None,
            name=name,
            defaults={"order": order, "is_action_plan": is_action_plan},
        )


def remove_default_types(apps, schema_editor):
    document_type = apps.get_model("strategies", "DocumentType")
    names = [name for name, _order, _plan in DEFAULT_TYPES]
    document_type.objects.filter(kommun=None, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("strategies", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_default_types, remove_default_types),
    ]

"""The table of the shared cache (settings.CACHES), so that ``migrate`` is all a
new installation or a test database needs (``createcachetable`` skips a table
that exists)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intkommun", "0005_organisation_population_source"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]

"""The stored, indexed search columns (intkommun/search_columns.py)."""

import django.contrib.postgres.search
import intkommun.search_columns
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('strategies', '0008_stored_search_columns'),
        ('actions', '0008_add_status_term'),
    ]

    operations = [
        migrations.AddField(
            model_name='action',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('title', 'description', 'participants_text', 'responsible_text', 'timing_text'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='action',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('title', 'description', 'participants_text', 'responsible_text', 'timing_text'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        intkommun.search_columns.search_indexes('actions.Action'),
    ]

"""The stored, indexed search columns (intkommun/search_columns.py)."""

import django.contrib.postgres.search
import intkommun.search_columns
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('strategies', '0007_goal_kind_vision'),
    ]

    operations = [
        # For the trigram indexes of search_text.
        intkommun.search_columns.TrigramExtensionOnPostgreSQL(),
        migrations.AddField(
            model_name='goal',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('text'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='goal',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('text'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='strategy',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('title', 'purpose', 'diary_number', 'document_owner', 'prepared_by', 'applies_to_text'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='strategy',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('title', 'purpose', 'diary_number', 'document_owner', 'prepared_by', 'applies_to_text'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        intkommun.search_columns.search_indexes('strategies.Goal', 'strategies.Strategy'),
    ]

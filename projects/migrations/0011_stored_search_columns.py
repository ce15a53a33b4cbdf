"""The stored, indexed search columns (intkommun/search_columns.py)."""

import django.contrib.postgres.search
import intkommun.search_columns
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('strategies', '0008_stored_search_columns'),
        ('projects', '0010_remove_partnership_since_year_city_country'),
    ]

    operations = [
        migrations.AddField(
            model_name='fundapplication',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('purpose', 'decision_comment'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='fundapplication',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('purpose', 'decision_comment'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='partnership',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('name', 'description'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='partnership',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('name', 'description'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='partnershipactivity',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('purpose', 'participants_text'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='partnershipactivity',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('purpose', 'participants_text'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='partnertown',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('name'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='partnertown',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('name'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='project',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('title', 'acronym', 'description', 'results', 'call', 'reference_number'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='project',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('title', 'acronym', 'description', 'results', 'call', 'reference_number'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='projectpartner',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.LowerSearchText('name', 'city'), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='projectpartner',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=intkommun.search_columns.SwedishSearchVector('name', 'city'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        intkommun.search_columns.search_indexes('projects.FundApplication', 'projects.Partnership', 'projects.PartnershipActivity', 'projects.PartnerTown', 'projects.Project', 'projects.ProjectPartner'),
    ]

"""The start and the partner towns are now the one place of the facts moved by
0008."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("projects", "0009_partnership_since_year_and_place_moved")]

    operations = [
        migrations.RemoveField(model_name="historicalpartnership", name="city"),
        migrations.RemoveField(model_name="historicalpartnership", name="country"),
        migrations.RemoveField(model_name="historicalpartnership", name="since_year"),
        migrations.RemoveField(model_name="partnership", name="city"),
        migrations.RemoveField(model_name="partnership", name="country"),
        migrations.RemoveField(model_name="partnership", name="since_year"),
    ]

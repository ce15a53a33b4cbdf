"""The year a partnership began becomes the start of its period (known by year),
and its one city and country become its first partner town."""

import datetime

from django.db import migrations


def forwards(apps, schema_editor):
    Partnership = apps.get_model("projects", "Partnership")
    PartnerTown = apps.get_model("projects", "PartnerTown")
    for partnership in Partnership.objects.all().iterator():
        if partnership.since_year and partnership.starts_on is None:
            partnership.starts_on = datetime.date(partnership.since_year, 1, 1)
            partnership.starts_on_precision = "year"
            partnership.save(update_fields=["starts_on", "starts_on_precision"])
        if partnership.city or partnership.country:
            PartnerTown.objects.create(
                partnership=partnership,
                name=partnership.city,
                country=partnership.country,
            )


def backwards(apps, schema_editor):
    Partnership = apps.get_model("projects", "Partnership")
    for partnership in Partnership.objects.all().iterator():
        town = partnership.towns.order_by("pk").first()
        partnership.since_year = (
            partnership.starts_on.year if partnership.starts_on else None
        )
        partnership.city = town.name if town else ""
        partnership.country = town.country if town else ""
        partnership.save(update_fields=["since_year", "city", "country"])


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_partnership_period_towns_funding_recurrence")]

    operations = [migrations.RunPython(forwards, backwards)]

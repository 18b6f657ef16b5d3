# Rows that exist when this runs get the time it runs as both stamps: the register kept no
# earlier record of when they were made or changed.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0004_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="mandateperiod",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="skapad"),
        ),
        migrations.AddField(
            model_name="mandateperiod",
            name="modified_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="ändrad"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="committee",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="skapad"),
        ),
        migrations.AddField(
            model_name="committee",
            name="modified_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="ändrad"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="party",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="skapad"),
        ),
        migrations.AddField(
            model_name="party",
            name="modified_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="ändrad"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="politician",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="skapad"),
        ),
        migrations.AddField(
            model_name="politician",
            name="modified_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="ändrad"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="membership",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="skapad"),
        ),
        migrations.AddField(
            model_name="membership",
            name="modified_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="ändrad"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="unit",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="skapad"),
        ),
        migrations.AddField(
            model_name="unit",
            name="modified_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="ändrad"),
            preserve_default=False,
        ),
    ]

"""Adds the index first.

The RemoveField for `legacy_token` ships in the next release (second stage).
"""
from django.db import migrations, models


class Migration(migrations.Migration):
    # migrations.RemoveField(model_name="team", name="legacy_token")  <- next release
    operations = [
        migrations.AddIndex(model_name="event", index=models.Index(fields=["team_id"], name="event_team_idx")),
    ]

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("posthog", "0301_previous")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE posthog_team ADD COLUMN flags jsonb",
            reverse_sql="ALTER TABLE posthog_team DROP COLUMN flags",
        ),
    ]

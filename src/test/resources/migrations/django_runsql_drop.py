from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.RunSQL(
            "ALTER TABLE posthog_person DROP COLUMN is_user_id",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]

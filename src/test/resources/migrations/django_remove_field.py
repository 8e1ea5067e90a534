from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("posthog", "0301_previous")]

    operations = [
        migrations.RemoveField(model_name="team", name="legacy_token"),
    ]

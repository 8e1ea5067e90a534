from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("posthog", "0300_previous")]

    operations = [
        migrations.AddField(
            model_name="team",
            name="session_recording_opt_in",
            field=models.BooleanField(default=False),
        ),
    ]

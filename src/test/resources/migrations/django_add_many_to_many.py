from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("posthog", "0301_previous")]

    operations = [
        migrations.AddField(
            model_name="team",
            name="members",
            field=models.ManyToManyField(to="posthog.user"),
        ),
    ]

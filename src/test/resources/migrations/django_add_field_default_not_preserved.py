from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("posthog", "0301_previous")]

    operations = [
        migrations.AddField(
            model_name="team",
            name="billing_plan",
            field=models.CharField(default="free", max_length=32),
            preserve_default=False,
        ),
    ]

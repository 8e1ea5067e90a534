from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("posthog", "0302_previous")]
    operations = [
        migrations.DeleteModel(name="OldFunnel"),
    ]

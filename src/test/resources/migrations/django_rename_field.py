from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.RenameField(model_name="person", old_name="properties", new_name="props"),
    ]

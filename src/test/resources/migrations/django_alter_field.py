from django.db import migrations, models


class Migration(migrations.Migration):
    operations = [
        migrations.AlterField(model_name="team", name="name", field=models.CharField(max_length=400)),
    ]

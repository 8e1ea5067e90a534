package dev.releasetrain.migrations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An AlterField judged against the field's definition in the app's earlier migrations. */
class AlterFieldTest {
    private static final List<String> HISTORY = List.of(
            """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                initial = True
                operations = [
                    migrations.CreateModel(
                        name='User',
                        fields=[
                            ('id', models.AutoField(primary_key=True)),
                            ('email', models.CharField(max_length=100, null=True, help_text='where, (if anywhere), we write')),
                            ('age', models.IntegerField(null=True)),
                            ('bio', models.CharField(max_length=200, choices=[('a', 'A'), ('b', 'B')])),
                            ('gone', models.TextField(null=True)),
                        ],
                        options={'ordering': ('email',)},
                    ),
                ]
            """,
            """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                operations = [
                    migrations.AddField(model_name='user', name='nickname', field=models.CharField(max_length=50, null=True)),
                    # migrations.AlterField(model_name='user', name='nickname', field=models.IntegerField()) -- only a comment
                ]
            """,
            """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                operations = [
                    migrations.RenameField(model_name='user', old_name='bio', new_name='about'),
                    migrations.RemoveField(model_name='user', name='gone'),
                ]
            """);

    private static String alter(String name, String field) {
        return "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    operations = [\n"
                + "        migrations.AlterField(\n            model_name='user',\n            name='" + name + "',\n            field=" + field + ",\n"
                + "        ),\n    ]\n";
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            email    | models.CharField(max_length=100)                   | set-not-null
            email    | models.CharField(max_length=200, null=True)        | none
            email    | models.CharField(max_length=50, null=True)         | change-type
            email    | models.TextField(null=True)                        | none
            email    | models.IntegerField()                              | change-type set-not-null
            age      | models.BigIntegerField(null=True)                  | change-type
            nickname | models.CharField(max_length=50, null=True, help_text='the name friends use') | none
            about    | models.CharField(max_length=200, db_comment='renamed from bio') | none
            bio      | models.CharField(max_length=200)                   | alter-field
            gone     | models.TextField()                                 | alter-field
            """)
    void judgesTheChangeAgainstTheEarlierDefinition(String field, String definition, String expected) throws Exception {
        List<SqlRules.Issue> issues = FrameworkRules.django(alter(field, definition), new SqlRules("postgresql"),
                "users/migrations/0004_alter.py", path -> Optional.of(HISTORY));
        assertEquals(expected.equals("none") ? List.of() : List.of(expected.split(" ")), issues.stream().map(SqlRules.Issue::rule).toList());
        issues.forEach(i -> assertEquals(5, i.line(), "the AlterField's line"));
        if (expected.contains("change-type") || expected.contains("set-not-null")) {
            assertTrue(issues.stream().allMatch(SqlRules.Issue::destructive), issues.toString());
            assertTrue(issues.get(0).message().contains("user." + field), issues.get(0).message());
        }
    }

    @ParameterizedTest
    @CsvSource({"0004_alter.py, '0001_initial.py,0002_nickname.py,0003_rename.py'", "0002_nickname.py, 0001_initial.py"})
    void onlyTheMigrationsBeforeCount(String file, String expected) {
        List<String> names = List.of("__init__.py", "0003_rename.py", "0001_initial.py", "0002_nickname.py", "0004_alter.py", "0005_later.py", "README.md");
        assertEquals(List.of(expected.split(",")), EarlierMigrations.predecessors(names, file));
    }

    @org.junit.jupiter.api.Test
    void withoutTheEarlierMigrationsItIsAWarningToCheckByHand() throws Exception {
        List<SqlRules.Issue> issues = FrameworkRules.django(alter("email", "models.IntegerField()"), new SqlRules("postgresql"),
                "users/migrations/0004_alter.py", EarlierMigrations.UNKNOWN);
        assertEquals(List.of("alter-field"), issues.stream().map(SqlRules.Issue::rule).toList());
        assertTrue(issues.get(0).message().contains("could not be read"), issues.get(0).message());
    }
}

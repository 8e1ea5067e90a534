package dev.releasetrain.migrations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rails and Django operations on strong_migrations' and django-migration-linter's lists: which rule each meets. */
class FrameworkRulesTest {
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            // engine    ; statement (one line of a migration's change / operations)                       ; rules found, space-separated
            "postgresql  ; add_column :users, :age, :integer                                            ;",
            "postgresql  ; add_column :users, :plan, :string, null: false                                  ; not-null-without-default",
            "postgresql  ; add_column :users, :plan, :string, null: false, default: 'free'                 ;",
            "postgresql  ; add_index :users, :email                                                        ; index-without-concurrently",
            "postgresql  ; add_index :users, :email, algorithm: :concurrently                              ;",
            "mysql       ; add_index :users, :email                                                        ;",
            "postgresql  ; remove_index :users, :email                                                     ; index-without-concurrently",
            "postgresql  ; add_reference :orders, :user                                                    ; index-without-concurrently",
            "postgresql  ; add_reference :orders, :user, index: {algorithm: :concurrently}                 ;",
            "postgresql  ; add_reference :orders, :user, index: false                                      ;",
            "postgresql  ; add_foreign_key :orders, :users                                                 ; validates-constraint",
            "postgresql  ; add_foreign_key :orders, :users, validate: false                                ;",
            "sqlite      ; add_check_constraint :users, 'age > 0', name: 'age_positive'                    ; validates-constraint",
            "postgresql  ; change_table(:users) { |t| t.remove :nickname }                                  ; drop-column",
            "postgresql  ; change_table(:users) { |t| t.rename :nick, :nickname }                           ; rename",
            "mysql       ; create_table :users, force: :cascade do |t| end                                   ; drop-table",
            "postgresql  ; create_table :users do |t| end                                                    ;",
            // strong_migrations lists both as unsafe: two columns dropped, every table of a schema renamed
            "postgresql  ; remove_timestamps :users                                                        ; drop-column",
            "mysql       ; remove_timestamps :users, null: true                                            ; drop-column",
            "postgresql  ; rename_schema :analytics, :reporting                                            ; rename-table",
            "postgresql  ; change_column_null :users, :email, false                                        ; set-not-null",
            "postgresql  ; change_column_null :users, :email, true                                         ;",
    })
    void rails(String engine, String statement, String rules) {
        String source = "class M < ActiveRecord::Migration[7.1]\n  def change\n    " + statement + "\n  end\nend\n";
        assertEquals(rules == null ? List.of() : List.of(rules.split(" ")),
                FrameworkRules.rails(source, new SqlRules(engine)).stream().map(SqlRules.Issue::rule).toList(), statement);
    }

    /** A table created in the same migration is used by nobody yet: indexing or constraining it locks nothing. */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '~', value = {
            "postgresql  ~ create_table(:users) { |t| t.string :email }; add_index :users, :email          ~",
            "postgresql  ~ create_table(\"users\") { |t| t.string :email }; add_index(\"users\", :email)     ~",
            "postgresql  ~ create_table(:orders) { |t| t.bigint :user_id }; add_foreign_key :orders, :users ~",
            "postgresql  ~ create_table(:orders) { |t| t.bigint :user_id }; add_reference :orders, :shop    ~",
            "postgresql  ~ create_table(:users) { |t| t.string :email }; add_index :accounts, :email       ~ index-without-concurrently",
            "postgresql  ~ create_table(:users, if_not_exists: true) { |t| }; add_index :users, :email      ~ index-without-concurrently",
            "postgresql  ~ create_table(:users) { |t| }; execute 'CREATE INDEX users_email ON users (email)' ~",
            "postgresql  ~ create_table(:users) { |t| }; remove_column :users, :email                     ~ drop-column",
            // an option counts in its own statement only: each call on a line judged by what follows it up to a ;
            "postgresql  ~ add_column :a, :x, :int, null: false; add_column :a, :y, :int, default: 0, null: false ~ not-null-without-default",
            "postgresql  ~ add_column :a, :x, :int, default: 0, null: false; add_column :a, :y, :int, null: false ~ not-null-without-default",
            "postgresql  ~ add_index :a, :x, algorithm: :concurrently; add_index :a, :y                    ~ index-without-concurrently",
            "postgresql  ~ add_index :a, :x; add_index :a, :y, algorithm: :concurrently                    ~ index-without-concurrently",
    })
    void railsTablesCreatedInTheSameMigration(String engine, String statements, String rules) {
        rails(engine, statements, rules);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "postgresql | migrations.AddIndex(model_name='user', index=models.Index(fields=['email'], name='email_idx')) | index-without-concurrently",
            "sqlite     | migrations.AddIndex(model_name='user', index=models.Index(fields=['email'], name='email_idx')) |",
            "postgresql | AddIndexConcurrently(model_name='user', index=models.Index(fields=['email'], name='email_idx')) |",
            "mysql      | migrations.AddConstraint(model_name='user', constraint=models.CheckConstraint(check=models.Q(age__gte=0), name='age')) | validates-constraint",
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9)) | not-null-without-default",
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9, default='free')) |",
            "postgresql | migrations.AddField(model_name='user', name='code', field=models.CharField(max_length=9, null=True, unique=True)) | index-without-concurrently",
            "mysql      | migrations.AddField(model_name='user', name='code', field=models.CharField(max_length=9, null=True, db_index=True)) |",
            // Django 5's db_default: the database fills old rows and the running release's inserts
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9, db_default='free')) |",
            "postgresql | migrations.AddField(model_name='user', name='n', field=models.IntegerField(db_default=Value(0))) |",
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9, db_default=None)) | not-null-without-default",
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9, default=None)) | not-null-without-default",
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9, help_text='default=x')) | not-null-without-default",
            // django-add-default-value keeps a database default in the same migration
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9)), AddDefaultValue(model_name='user', name='plan', value='free') |",
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9)), AddDefaultValue(model_name='user', name='tier', value='free') | not-null-without-default",
            // a model created in the same migration: its table is new, nothing locks
            "postgresql | migrations.CreateModel(name='Invite', fields=[('id', models.AutoField(primary_key=True))]), migrations.AddIndex(model_name='invite', index=models.Index(fields=['id'], name='i')) |",
            "postgresql | migrations.CreateModel(name='Invite', fields=[]), migrations.AddConstraint(model_name='invite', constraint=models.CheckConstraint(check=models.Q(n__gte=0), name='n')) |",
            "postgresql | migrations.CreateModel(name='Invite', fields=[]), migrations.AddField(model_name='invite', name='code', field=models.CharField(max_length=9, null=True, unique=True)) |",
            "postgresql | migrations.CreateModel(name='Invite', fields=[]), migrations.AddIndex(model_name='user', index=models.Index(fields=['email'], name='e')) | index-without-concurrently",
            "postgresql | migrations.CreateModel(name='Invite', fields=[]), migrations.RunSQL('CREATE INDEX i ON app_user (email)') | index-without-concurrently",
            "postgresql | migrations.RunSQL('CREATE TABLE app_tag (id int); CREATE INDEX app_tag_id ON app_tag (id)') |",
            // brackets that do not balance: Python would refuse the file, and what is not read is never passed
            "postgresql | migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9, null=True) | unreadable",
            "postgresql | migrations.RemoveField(model_name='user', name='plan')) | unreadable",
            "postgresql | migrations.RunSQL(sql=[')', '('], reverse_sql=['(']) |",
    })
    void django(String engine, String operation, String rules) throws Exception {
        String source = "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        "
                + operation + ",\n    ]\n";
        assertEquals(rules == null ? List.of() : List.of(rules.split(" ")),
                FrameworkRules.django(source, new SqlRules(engine), "app/migrations/0002_x.py", EarlierMigrations.UNKNOWN).stream().map(SqlRules.Issue::rule).toList(), operation);
    }

    /** An AlterField to NOT NULL is safe when the same migration keeps a database default for the field. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "AddDefaultValue(model_name='user', name='plan', value='free') |",
            "AddDefaultValue(model_name='user', name='tier', value='free') | set-not-null",
            "migrations.RunPython(noop)                                    | set-not-null",
    })
    void notNullWithADatabaseDefault(String operation, String rules) throws Exception {
        String earlier = "operations = [migrations.AddField(model_name='user', name='plan', field=models.CharField(max_length=9, null=True))]";
        String source = "operations = [\n    migrations.AlterField(model_name='user', name='plan', field=models.CharField(max_length=9)),\n    "
                + operation + ",\n]\n";
        EarlierMigrations before = path -> java.util.Optional.of(List.of(earlier));
        assertEquals(rules == null ? List.of() : List.of(rules.split(" ")),
                FrameworkRules.django(source, new SqlRules("postgresql"), "app/migrations/0003_x.py", before).stream().map(SqlRules.Issue::rule).toList());
    }
}

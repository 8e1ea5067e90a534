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
    })
    void rails(String engine, String statement, String rules) {
        String source = "class M < ActiveRecord::Migration[7.1]\n  def change\n    " + statement + "\n  end\nend\n";
        assertEquals(rules == null ? List.of() : List.of(rules.split(" ")),
                FrameworkRules.rails(source, new SqlRules(engine)).stream().map(SqlRules.Issue::rule).toList(), statement);
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
    })
    void django(String engine, String operation, String rules) throws Exception {
        String source = "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        "
                + operation + ",\n    ]\n";
        assertEquals(rules == null ? List.of() : List.of(rules.split(" ")),
                FrameworkRules.django(source, new SqlRules(engine), "app/migrations/0002_x.py", EarlierMigrations.UNKNOWN).stream().map(SqlRules.Issue::rule).toList(), operation);
    }
}

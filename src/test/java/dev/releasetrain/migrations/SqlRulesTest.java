package dev.releasetrain.migrations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plain SQL held against squawk's and strong_migrations' rules, engine by engine (cases written here). */
class SqlRulesTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgresql | DROP SCHEMA analytics CASCADE                                                   | drop-table!
            mysql      | DROP DATABASE analytics                                                         | drop-table!
            postgresql | DROP INDEX idx_events_team                                                      | index-without-concurrently
            postgresql | DROP INDEX CONCURRENTLY idx_events_team                                         | none
            sqlite     | DROP INDEX idx_events_team                                                      | none
            postgresql | ALTER TABLE events ADD CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id) | validates-constraint
            postgresql | ALTER TABLE events ADD CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID | none
            postgresql | ALTER TABLE events VALIDATE CONSTRAINT fk_team                                  | none
            postgresql | ALTER TABLE events ADD CONSTRAINT positive CHECK (amount > 0)                   | validates-constraint
            postgresql | ALTER TABLE events ADD CONSTRAINT positive CHECK (amount > 0) NOT VALID         | none
            postgresql | ALTER TABLE users ADD CONSTRAINT users_email UNIQUE (email)                     | index-without-concurrently
            postgresql | ALTER TABLE users ADD CONSTRAINT users_email UNIQUE USING INDEX users_email_idx | none
            postgresql | ALTER TABLE users ADD COLUMN n bigserial                                         | default-rewrites-table
            postgresql | ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY               | default-rewrites-table
            postgresql | ALTER TABLE users ADD COLUMN total int GENERATED ALWAYS AS (a + b) STORED        | default-rewrites-table
            mysql      | ALTER TABLE users ADD COLUMN n int NOT NULL AUTO_INCREMENT, ADD KEY (n)           | default-rewrites-table
            postgresql | ALTER TABLE users ADD COLUMN nickname text                                        | none
            mysql      | ALTER TABLE users ADD CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id) | none
            postgresql | ALTER TABLE users ADD COLUMN tags int[] NOT NULL DEFAULT CAST('{}' AS int[])     | none
            postgresql | ALTER TABLE users ADD COLUMN tags text[] DEFAULT ARRAY[]::text[]                  | none
            postgresql | ALTER TABLE users ADD COLUMN meta jsonb NOT NULL DEFAULT jsonb_build_object()    | none
            postgresql | ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT pg_catalog.now()           | none
            postgresql | ALTER TABLE users ADD COLUMN a int DEFAULT 0, ADD COLUMN b uuid DEFAULT gen_random_uuid() | default-rewrites-table
            postgresql | ALTER TABLE users ADD COLUMN n int DEFAULT (random() * 10)::int                  | default-rewrites-table
            postgresql | ALTER TABLE users ADD COLUMN n int DEFAULT next_ticket()                          | default-rewrites-table
            mysql      | ALTER TABLE users ADD COLUMN tags json DEFAULT (JSON_ARRAY())                     | default-rewrites-table
            """)
    void eachRuleAndItsEngine(String engine, String sql, String expected) {
        assertRules(engine, sql, expected);
    }

    /** A table the migration creates is used by nobody yet: a warning only where a table that exists already locks. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgresql | CREATE TABLE events (id int); CREATE INDEX events_id ON events (id)                              | none
            postgresql | CREATE TABLE Events (id int); CREATE UNIQUE INDEX IF NOT EXISTS e ON public.events (id)          | none
            postgresql | CREATE UNLOGGED TABLE events (id int); ALTER TABLE events ADD CONSTRAINT u UNIQUE (id)           | none
            postgresql | CREATE TABLE events (t int); ALTER TABLE ONLY events ADD FOREIGN KEY (t) REFERENCES teams (id)  | none
            postgresql | CREATE TABLE events (id int); INSERT INTO events SELECT id FROM old_events                      | none
            postgresql | CREATE TABLE events (id int); ALTER TABLE events ADD COLUMN n bigserial                         | none
            postgresql | CREATE TABLE events (id int); CREATE INDEX teams_id ON teams (id)                               | index-without-concurrently
            postgresql | CREATE TABLE IF NOT EXISTS events (id int); CREATE INDEX events_id ON events (id)               | index-without-concurrently
            postgresql | CREATE TABLE events (id int); ALTER TABLE events DROP COLUMN id                                 | drop-column!
            """)
    void tablesCreatedInTheSameMigration(String engine, String sql, String expected) {
        assertRules(engine, sql, expected);
    }

    /** A stranger's migration of the largest size a check reads, built to make a rule rescan: judged in one pass. */
    @org.junit.jupiter.api.Test
    void aMegabyteStatementOfDropsIsJudgedInOnePass() {
        String sql = "ALTER TABLE t " + "DROP CONSTRAINT k, ".repeat(60_000) + "DROP x;";
        List<SqlRules.Issue> issues = new SqlRules("postgresql").check(sql, 1);
        assertEquals(List.of("drop-column"), issues.stream().map(SqlRules.Issue::rule).toList());
        String ruby = "class M < ActiveRecord::Migration[7.1]\n  def change\n" + "    execute 'SELECT 1'\n".repeat(40_000) + "  end\nend\n";
        assertEquals(List.of(), FrameworkRules.rails(ruby, new SqlRules("postgresql")));
    }

    private static void assertRules(String engine, String sql, String expected) {
        List<SqlRules.Issue> issues = new SqlRules(engine).check(sql + ";", 1);
        assertEquals(expected.equals("none") ? List.of() : List.of(expected.replace("!", "")), issues.stream().map(SqlRules.Issue::rule).toList(), sql);
        issues.forEach(i -> assertEquals(expected.endsWith("!"), i.destructive(), "destructive: " + i));
    }
}

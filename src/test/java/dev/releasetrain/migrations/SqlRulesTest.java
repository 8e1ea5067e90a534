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
            """)
    void eachRuleAndItsEngine(String engine, String sql, String expected) {
        List<SqlRules.Issue> issues = new SqlRules(engine).check(sql + ";", 1);
        assertEquals(expected.equals("none") ? List.of() : List.of(expected.replace("!", "")), issues.stream().map(SqlRules.Issue::rule).toList(), sql);
        issues.forEach(i -> assertEquals(expected.endsWith("!"), i.destructive(), "destructive: " + i));
    }
}

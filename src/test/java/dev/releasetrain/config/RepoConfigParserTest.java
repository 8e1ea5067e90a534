package dev.releasetrain.config;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepoConfigParserTest {
    private final RepoConfigParser parser = new RepoConfigParser();

    @Test
    void anEmptyFileMeansTheDefaults() throws Exception {
        RepoConfig c = parser.parse("");
        assertEquals(1, c.integer("review.required-approvals"));
        assertEquals("size/L", c.string("size.comment-from"));
        assertEquals(List.of("**/migrations/**", "**/migrate/**", "**/*.sql"), c.strings("migrations.paths"));
    }

    @Test
    void theFileIsMergedOverTheDefaultsKeyByKey() throws Exception {
        RepoConfig c = parser.parse("""
                review:
                  required-approvals: 2
                  exempt-authors: ['dependabot[bot]']
                size:
                  thresholds:
                    XS: 5
                """);
        assertEquals(2, c.integer("review.required-approvals"));
        assertEquals(List.of("dependabot[bot]"), c.strings("review.exempt-authors"));
        assertEquals(5, c.integer("size.thresholds.XS"));
        assertEquals(30, c.integer("size.thresholds.S"), "siblings keep their defaults");
        assertTrue(c.bool("review.enabled"));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse("""
                review:
                  required-approvals: 2
                  requried-reviewers: 3
                """));
        assertEquals("review.requried-reviewers", e.key());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(".github/release-train.yml line 3: unknown key \"review.requried-reviewers\""), e.getMessage());
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse("""
                # comment
                size:
                  enabled: "sometimes"
                """));
        assertEquals("size.enabled", e.key());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("size.enabled must be a true/false value, not a string"), e.getMessage());
        ConfigException item = assertThrows(ConfigException.class, () -> parser.parse("""
                notes:
                  categories:
                    - title: Features
                      labels: [feature]
                    - title: Docs
                      colour: blue
                """));
        assertEquals(6, item.line());
        assertTrue(item.getMessage().contains("notes.categories[1].colour"), item.getMessage());
    }

    @Test
    void brokenYamlSaysWhere() {
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse("review:\n  required-approvals: [1\nsize: {}\n"));
        assertTrue(e.line() >= 2, "line " + e.line());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertThrows(ConfigException.class, () -> parser.parse("- just\n- a list\n"));
        assertThrows(ConfigException.class, () -> parser.parse("review: {}\nreview: {}\n"), "duplicate keys");
    }

    @Test
    void aBillionLaughsFileIsRefusedWithoutExpandingIt() {
        // nine levels of nine aliases (a billion strings if expanded), under a key that exists
        StringBuilder bomb = new StringBuilder("size:\n  exclude:\n    - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String previous = "*" + (char) (c - 1);
            bomb.append("    - &").append(c).append(" [").append(String.join(", ", Collections.nCopies(9, previous))).append("]\n");
        }
        long started = System.nanoTime();
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(bomb.toString()));
        assertTrue(e.getMessage().startsWith(".github/release-train.yml"), e.getMessage());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused without expanding");
    }
}

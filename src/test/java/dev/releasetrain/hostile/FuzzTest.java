package dev.releasetrain.hostile;

import dev.releasetrain.testing.NeedsSharedFixtures;
import dev.releasetrain.cherrypick.CherryPickCommand;
import dev.releasetrain.config.ConfigException;
import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.delivery.MalformedPayloadException;
import dev.releasetrain.delivery.PayloadSummary;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.release.ReleaseCommands;
import dev.releasetrain.release.Version;
import dev.releasetrain.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutation fuzzing of what takes input from outside: the signature check, the payload summary, the command
 * parsers and the config parser. Each runs for a bounded time from a seed (set -Dfuzz.seed=N to replay one; the
 * seed is in every failure's message) on inputs made by flipping, inserting, deleting and splicing bytes of real
 * material. What is checked is what must always hold, not a time.
 */
@NeedsSharedFixtures
class FuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final long MILLIS = Long.getLong("fuzz.millis", 2_000);
    private static final String ALPHABET = "/release start tag --force owner @ 1.30.0 ; $() ` .. \n\r\t>```~~~\u0000\u00ff&|'\"-_:#[]{}*&!%";

    /** Runs {@code check} on mutants of the seeds until the time is up; a failure names the seed and the input. */
    private static void fuzz(String name, List<byte[]> seeds, Consumer<byte[]> check) {
        Random random = new Random(SEED ^ name.hashCode());
        long end = System.currentTimeMillis() + MILLIS;
        int runs = 0;
        while (System.currentTimeMillis() < end) {
            byte[] input = mutate(random, seeds.get(random.nextInt(seeds.size())), seeds);
            try {
                check.accept(input);
            } catch (Throwable t) {
                throw new AssertionError(name + " failed (seed " + SEED + ", run " + runs + ") on: "
                        + new String(input, 0, Math.min(input.length, 300), StandardCharsets.UTF_8), t);
            }
            runs++;
        }
        System.out.println("fuzzed " + name + ": " + runs + " inputs in " + MILLIS + " ms (seed " + SEED + ")");
        assertTrue(runs > 100, name + " ran too few inputs to mean anything: " + runs);
    }

    static byte[] mutate(Random r, byte[] seed, List<byte[]> all) {
        StringBuilder b = new StringBuilder(new String(seed, StandardCharsets.ISO_8859_1));
        int edits = 1 + r.nextInt(8);
        for (int i = 0; i < edits; i++) {
            int at = b.length() == 0 ? 0 : r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0 -> b.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (b.length() > 0) {
                        b.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (b.length() > 0) {
                        b.setCharAt(at, (char) r.nextInt(256));
                    }
                }
                case 3 -> { // splice a piece of another seed in
                    String other = new String(all.get(r.nextInt(all.size())), StandardCharsets.ISO_8859_1);
                    int from = other.isEmpty() ? 0 : r.nextInt(other.length());
                    b.insert(at, other, from, Math.min(other.length(), from + r.nextInt(40)));
                }
                default -> { // repeat a piece: deep nesting, long lines
                    int len = Math.min(b.length() - at, 1 + r.nextInt(8));
                    String piece = b.substring(at, at + len);
                    b.insert(at, piece.repeat(1 + r.nextInt(50)));
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSignatureCheckAcceptsExactlyTheRightSignature() {
        SignatureVerifier verifier = new SignatureVerifier(List.of("fuzz-secret"));
        byte[] body = Fixtures.webhook("pull_request", "opened.payload.json");
        String right = SignatureVerifier.sign("fuzz-secret", body);
        fuzz("signature", List.of(right.getBytes(StandardCharsets.ISO_8859_1), "sha256=".getBytes()), header -> {
            String h = new String(header, StandardCharsets.ISO_8859_1);
            // the hex digits are a number: upper or lower case is the same MAC, anything else is not
            assertEquals(h.startsWith("sha256=") && h.substring(7).equalsIgnoreCase(right.substring(7)), verifier.verify(body, h));
        });
        fuzz("signed body", List.of(body, "{}".getBytes()), b -> assertEquals(java.util.Arrays.equals(b, body), verifier.verify(b, right)));
    }

    @Test
    void thePayloadSummaryEitherReadsOrRefuses() {
        fuzz("payload summary", List.of(Fixtures.webhook("pull_request", "opened.payload.json"), Fixtures.webhook("issue_comment",
                "created.with-installation.payload.json"), Fixtures.webhook("check_run", "completed.payload.json")), body -> {
            try {
                PayloadSummary s = PayloadSummary.parse(body);
                assertTrue(s.repository() == null || s.repository().matches("[A-Za-z0-9-]+/[A-Za-z0-9._-]+"), s.repository());
            } catch (MalformedPayloadException refused) {
                assertFalse(refused.getMessage().isBlank());
            }
        });
    }

    @Test
    void commandParsersNeverThrowAndNeverPassAnUnsafeArgument() {
        List<byte[]> seeds = List.of("/release start 1.30.0".getBytes(), "/release tag --force\n/release owner @alice".getBytes(),
                "text\n> /release start\n```\n/release bump\n```\n/release sync".getBytes(), "/cherry-pick release-1.30.0 release-1.29.0".getBytes(),
                "/backport release-1.30.0".getBytes());
        fuzz("command parsers", seeds, raw -> {
            String body = new String(raw, StandardCharsets.UTF_8);
            ReleaseCommands.Parsed parsed = ReleaseCommands.parse(body);
            for (ReleaseCommands.Command c : parsed.commands()) {
                c.version().ifPresent(v -> assertEquals(Version.parse(v.toString()).orElseThrow(), v));
                c.user().ifPresent(u -> assertTrue(u.matches("[A-Za-z0-9][A-Za-z0-9-]{0,38}"), u));
            }
            parsed.problems().forEach(p -> assertFalse(p.message().isBlank()));
            List<String> targets = CherryPickCommand.targets(body);
            if (targets != null) {
                targets.stream().filter(CherryPickCommand::validBranch).forEach(t -> {
                    assertFalse(t.contains("..") || t.startsWith("-") || t.matches(".*[\\s;$`|&<>\\\\].*"), t);
                });
            }
        });
    }

    @Test
    void theConfigParserAnswersEveryFileWithAConfigOrALineNumberedError() {
        RepoConfigParser parser = new RepoConfigParser();
        List<byte[]> seeds = List.of("size:\n  thresholds:\n    XS: 5\n  exclude: ['docs/**']\n".getBytes(),
                "release:\n  managers: [alice]\n  version-files:\n    - path: a.py\n      pattern: 'V = \"(.*)\"'\n".getBytes(),
                "a: &a [x, x]\nb: &b [*a, *a]\nreview: *b\n".getBytes(), "notes:\n  categories:\n    - title: Fixes\n      labels: [bug]\n".getBytes());
        fuzz("config parser", seeds, raw -> {
            try {
                parser.parse(new String(raw, StandardCharsets.UTF_8));
            } catch (ConfigException e) {
                assertTrue(e.line() >= 0, e.getMessage());
                assertFalse(e.getMessage().isBlank());
            }
        });
    }
}

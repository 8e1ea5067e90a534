package dev.releasetrain.release;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseCommandsTest {
    @Test
    void severalCommandsPerCommentOutsideCodeAndQuotes() {
        ReleaseCommands.Parsed p = ReleaseCommands.parse("""
                Freezing now.
                /release start 1.30.0
                > /release cancel   (quoted from last month)
                ```
                /release tag
                ```
                /release owner @octo-cat
                /release tag --force
                /release sync --force
                """);
        assertEquals(List.of(ReleaseCommands.Verb.START, ReleaseCommands.Verb.OWNER, ReleaseCommands.Verb.TAG, ReleaseCommands.Verb.SYNC),
                p.commands().stream().map(ReleaseCommands.Command::verb).toList());
        assertTrue(p.commands().get(3).force());
        assertEquals("1.30.0", p.commands().get(0).version().orElseThrow().toString());
        assertEquals("octo-cat", p.commands().get(1).user().orElseThrow());
        assertTrue(p.commands().get(2).force());
        assertEquals(List.of(), p.problems());
    }

    @Test
    void badInputGetsAPlainAnswer() {
        ReleaseCommands.Parsed p = ReleaseCommands.parse("""
                /release deploy
                /release start 1.2.3; rm -rf /
                /release start ../../etc
                /release owner
                /release tag now
                /release sync later
                /release
                /releases start
                """);
        assertEquals(List.of(), p.commands());
        assertEquals(7, p.problems().size(), p.problems().toString());
        assertEquals("`/release sync` takes only `--force`.", p.problems().get(5).message());
        assertTrue(p.problems().get(0).message().startsWith("`deploy` is not a release command. Valid: `/release start [X.Y.Z]`"));
        assertTrue(p.problems().get(1).message().contains("is not a version"));
        assertTrue(p.problems().get(3).message().contains("@user"));
        assertTrue(p.problems().get(6).message().startsWith("A verb is missing"));
    }

    @Test
    void startWithoutAVersionMeansTheNextMinor() {
        ReleaseCommands.Command c = ReleaseCommands.parse("/release start").commands().get(0);
        assertTrue(c.version().isEmpty());
        assertTrue(ReleaseCommands.Verb.START.writes && !ReleaseCommands.Verb.STATUS.writes && !ReleaseCommands.Verb.HELP.writes);
    }
}

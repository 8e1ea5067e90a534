package dev.releasetrain.cherrypick;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** git's three-way merge of one file as the draft pick writes it, and the markers the conflicts check finds. */
class ConflictTextTest {
    private static byte[] lines(String csv) {
        return csv == null ? new byte[0] : (csv.replace(';', '\n') + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                           | base     | ours (release) | theirs (fix) | conflicts | merged (; is a line break)
            "only the fix changed             | a;b;c    | a;b;c          | a;B;c        | 0 | a;B;c;",
            "both, in different places        | a;b;c;d  | A;b;c;d        | a;b;c;D      | 0 | A;b;c;D;",
            "both, the same way               | a;b;c    | a;B;c          | a;B;c        | 0 | a;B;c;",
            "both, the same line              | a;b;c    | a;X;c          | a;Y;c        | 1 | a;<<<<<<< release-1.30.0;X;=======;Y;>>>>>>> abc1234 (Fix);c;",
            "two conflicts, one clean hunk    | a;b;c;d;e;f;g | a;X;c;d;e;P;g | a;Y;c;D;e;Q;g | 2 | a;<<<<<<< release-1.30.0;X;=======;Y;>>>>>>> abc1234 (Fix);c;D;e;<<<<<<< release-1.30.0;P;=======;Q;>>>>>>> abc1234 (Fix);g;",
            "added on both sides differently  |          | x              | y            | 1 | <<<<<<< release-1.30.0;x;=======;y;>>>>>>> abc1234 (Fix);",
            "deleted by the fix, changed here | a;b      | a;B            |              | 1 | <<<<<<< release-1.30.0;a;B;=======;>>>>>>> abc1234 (Fix);",
    })
    void mergesAsGitDoes(String name, String base, String ours, String theirs, int conflicts, String merged) {
        ThreeWayText.Merged m = ThreeWayText.merge(lines(base), lines(ours), lines(theirs), "release-1.30.0", "abc1234 (Fix)");
        assertEquals(merged.replace(';', '\n'), m.text(), name);
        assertEquals(conflicts, m.conflicts(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', value = {
            // case                                 ¦ text (; is a line break)                                   ¦ marker lines
            "none                                   ¦ a;b;c                                                      ¦",
            "one conflict                           ¦ a;<<<<<<< release;x;=======;y;>>>>>>> abc (Fix);c          ¦ 2 4 6",
            "diff3 style                            ¦ <<<<<<< ours;x;||||||| base;b;=======;y;>>>>>>> theirs      ¦ 1 3 5 7",
            "a heading underline is no marker       ¦ Title;=======;text                                         ¦",
            "eight of them are no marker            ¦ <<<<<<<< not;>>>>>>>> either                               ¦",
            "a label needs its space                ¦ <<<<<<<x;>>>>>>>y                                          ¦",
            "a lone end marker left behind          ¦ a;>>>>>>> abc (Fix)                                        ¦ 2",
            "CRLF lines                             ¦ a\r;<<<<<<< ours\r;x\r;=======\r;y\r;>>>>>>> theirs\r;z      ¦ 2 4 6",
    })
    void findsMarkers(String name, String text, String expected) {
        List<Integer> want = expected == null ? List.of() : Arrays.stream(expected.trim().split(" ")).map(Integer::valueOf).sorted().toList();
        assertEquals(want, ConflictMarkers.lines(text.replace(';', '\n')).stream().sorted().toList(), name);
    }
}

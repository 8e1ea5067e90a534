package dev.releasetrain.cherrypick;

import dev.releasetrain.github.GitCommit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which commits a pick takes from how the pull request merged, with the base branch's history in memory. */
class CommitsToPickTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param base     the base branch's first-parent history, oldest first, as sha:message (the last is the merged commit)
     * @param messages the pull request's commit messages, oldest first
     * @param picked   the commits expected, oldest first
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "squash of one commit                  | a:base c1:fix it                     | fix                  | c1      | 0",
            "squash of three commits               | a:base c1:Fix the bug (#7)           | one two three        | c1      | 0",
            "rebase of three commits               | a:base r1:one r2:two r3:three        | one two three        | r1 r2 r3 | 2",
            "rebase whose first commit differs     | a:base r1:uno r2:two r3:three        | one two three        | r3      | 2",
            "rebase of two atop an equal message   | a:two r1:one r2:two                  | one two              | r1 r2   | 1",
    })
    void takesWhatTheMergeLeftOnTheBase(String name, String base, String messages, String picked, int walked) throws Exception {
        Map<String, GitCommit> commits = new HashMap<>();
        String parent = null;
        String merged = null;
        for (String c : base.split(" (?=\\w+:)")) {
            String sha = c.substring(0, c.indexOf(':'));
            commits.put(sha, new GitCommit(sha, c.substring(c.indexOf(':') + 1), "tree-" + sha, parent == null ? List.of() : List.of(parent),
                    null, null));
            parent = sha;
            merged = sha;
        }
        List<String> reads = new ArrayList<>();
        CommitsToPick.Picks picks = CommitsToPick.onBase(sha -> {
            reads.add(sha);
            return commits.get(sha);
        }, merged, commits.get(merged), List.of(messages.split(" ")));
        assertEquals(List.of(picked.split(" ")), picks.commits(), name);
        assertEquals(walked, reads.size(), name + ": commits read walking back");
    }
}

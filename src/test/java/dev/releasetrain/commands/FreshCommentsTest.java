package dev.releasetrain.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.github.OfflineModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kohsuke.github.GHIssueComment;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which comments' commands run: those GitHub could still be delivering (made in the last three days). */
class FreshCommentsTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "made a minute ago                  | 2026-11-25T08:59:00Z | true",
            "made three days ago, to the second | 2026-11-22T09:00:00Z | true",
            "made a little over three days ago  | 2026-11-22T08:59:59Z | false",
            "made in 2019 (a captured payload)  | 2019-05-15T15:20:21Z | false",
            "no time at all                     |                      | false",
    })
    void fresh(String name, String createdAt, boolean fresh) throws Exception {
        var json = new ObjectMapper().createObjectNode().put("id", 1).put("body", "/release tag");
        if (createdAt != null) {
            json.put("created_at", createdAt);
        }
        assertEquals(fresh, FreshComments.fresh(OfflineModel.read(json, GHIssueComment.class), NOW), name);
    }
}

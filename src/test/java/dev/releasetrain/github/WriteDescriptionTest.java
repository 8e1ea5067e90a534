package dev.releasetrain.github;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A dry run's line for each kind of write: what a person needs to see, no more. */
class WriteDescriptionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "check run | POST | https://api.github.com/repos/o/r/check-runs | {\"name\":\"release-train/size\",\"head_sha\":\"abc\",\"status\":\"completed\",\"conclusion\":\"neutral\",\"output\":{\"title\":\"size/S: 12 lines\",\"summary\":\"...\"}} | POST /repos/o/r/check-runs name=\"release-train/size\" status=\"completed\" conclusion=\"neutral\" title=\"size/S: 12 lines\"",
            "labels    | POST | https://api.github.com/repos/o/r/issues/7/labels | {\"labels\":[\"size/L\",\"bug\"]} | POST /repos/o/r/issues/7/labels labels=[size/L, bug]",
            "comment   | POST | https://api.github.com/repos/o/r/issues/7/comments | {\"body\":\"<!-- release-train:size -->\\nThis pull request is large.\\nMore.\"} | POST /repos/o/r/issues/7/comments body=\"This pull request is large.\"",
            "ref       | PATCH | https://api.github.com/repos/o/r/git/refs/heads/release-1.30.0 | {\"sha\":\"abc123\",\"force\":false} | PATCH /repos/o/r/git/refs/heads/release-1.30.0 sha=\"abc123\" force=false",
            "no body   | DELETE | https://api.github.com/repos/o/r/issues/7/labels/size%2FL?x=1 | | DELETE /repos/o/r/issues/7/labels/size%2FL",
    })
    void oneLinePerWrite(String kind, String method, String url, String body, String expected) {
        assertEquals(expected, WriteDescription.of(method, url, body == null ? null : body.getBytes(StandardCharsets.UTF_8)), kind);
    }
}

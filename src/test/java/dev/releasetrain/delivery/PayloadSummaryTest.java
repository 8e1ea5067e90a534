package dev.releasetrain.delivery;

import dev.releasetrain.testing.NeedsSharedFixtures;
import dev.releasetrain.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@NeedsSharedFixtures
class PayloadSummaryTest {
    @Test
    void readsTheFieldsThatOrderAPullRequestDelivery() throws Exception {
        PayloadSummary s = PayloadSummary.parse(Fixtures.webhook("pull_request", "opened.with-organization.payload.json"));
        assertEquals("opened", s.action());
        assertEquals("Codertocat/Hello-World", s.repository());
        assertEquals("Codertocat/Hello-World#2", s.orderingKey());
        assertEquals(1L, s.installationId());
    }

    @Test
    void ordersCommentsByTheirIssueAndCheckRunsByTheirPullRequest() throws Exception {
        PayloadSummary comment = PayloadSummary.parse(Fixtures.webhook("issue_comment", "created.with-installation.payload.json"));
        assertEquals("Codertocat/Hello-World#1", comment.orderingKey());
        assertEquals(1L, comment.installationId());
        PayloadSummary check = PayloadSummary.parse(Fixtures.webhook("check_run", "created.payload.json"));
        assertEquals("Codertocat/Hello-World#2", check.orderingKey());
    }

    @Test
    void leavesDeliveriesWithoutAnIssueUnordered() throws Exception {
        PayloadSummary push = PayloadSummary.parse(Fixtures.webhook("push", "payload.json"));
        assertNull(push.orderingKey());
        assertEquals("Codertocat/Hello-World", push.repository());
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String body : new String[] {"", "[]", "{\"a\":", "{} {}", "{\"a\":1}x", "\"text\"", "{'a':1}"}) {
            assertThrows(MalformedPayloadException.class, () -> PayloadSummary.parse(body.getBytes(StandardCharsets.UTF_8)), body);
        }
        String deep = "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertThrows(MalformedPayloadException.class, () -> PayloadSummary.parse(deep.getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.NeedsSharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kohsuke.github.GHEventPayload;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which subscriptions take GitHub's real payloads: by event, action and a test on the typed payload, read once per delivery. */
@NeedsSharedFixtures
class EventRouterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventHandler handler(String name, List<Subscription<?>> subscriptions) {
        return new EventHandler(name, subscriptions);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
            // event             | payload file                  | action edit     | handlers that ran
            "pull_request        | opened.payload.json           |                 | opened-or-labeled any-pull-request",
            "pull_request        | labeled.payload.json          |                 | opened-or-labeled label-bug any-pull-request",
            "pull_request        | closed.payload.json           |                 | any-pull-request",
            "pull_request        | opened.payload.json           | pull_request=   | ",
            "issue_comment       | created.with-installation.payload.json |        | comment",
            "check_run           | rerequested.payload.json      |                 | ",
            "merge_group         | checks_requested.payload.json |                 | group",
    })
    void routesGitHubsPayloads(String event, String file, String edit, String expected) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook(event, file));
        payload.putObject("installation").put("id", 1);
        if (edit != null) { // a payload missing what GitHub always sends is read by nobody, and fails nothing
            payload.remove(edit.substring(0, edit.indexOf('=')));
        }
        List<String> ran = new ArrayList<>();
        List<EventHandler> handlers = List.of(
                handler("a", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of("opened", "labeled"),
                        (e, ctx) -> ran.add("opened-or-labeled")))),
                handler("b", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of("labeled"),
                        e -> "bug".equals(e.getLabel().getName()), (e, ctx) -> ran.add("label-bug")))),
                // the first subscription of a handler that takes the delivery is the one that runs
                handler("c", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of(), (e, ctx) -> ran.add("any-pull-request")),
                        Subscription.on(GHEventPayload.PullRequest.class, Set.of("opened"), (e, ctx) -> ran.add("never second")))),
                handler("d", List.of(Subscription.on(GHEventPayload.IssueComment.class, Set.of("created"), e -> !e.getIssue().isPullRequest(),
                        (e, ctx) -> ran.add("comment")))),
                handler("e", List.of(Subscription.on(GHEventPayload.CheckRun.class, Set.of("rerequested"),
                        e -> "release-train/size".equals(e.getCheckRun().getName()), (e, ctx) -> ran.add("rerun")))),
                handler("f", List.of(Subscription.own("merge_group", Set.of("checks_requested"), JsonNode.class,
                        e -> e.payload().path("merge_group"), (g, ctx) -> ran.add(g.path("head_sha").asText().isEmpty() ? "no head" : "group")))));
        EventRouter router = new EventRouter(2, 60_000);
        router.install(handlers, new EventContext.Resolver(null, null, null));
        String repository = payload.path("repository").path("full_name").asText(null);
        boolean taken = router.route(new WebhookEvent("d1", event, payload.path("action").asText(null), 1L, repository, payload, 1));

        List<String> wanted = expected == null ? List.of() : List.of(expected.split(" "));
        assertEquals(wanted.stream().sorted().toList(), ran.stream().sorted().toList(), event + "/" + file);
        assertEquals(!wanted.isEmpty(), taken, "taken");
    }

    @org.junit.jupiter.api.Test
    void aDeliveryPastItsBudgetIsStoppedAndFailsAndTheWorkerCarriesOn() throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        payload.putObject("installation").put("id", 1);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventRouter router = new EventRouter(2, 300);
        router.install(List.of(
                handler("stuck inline", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of(), (e, ctx) -> {
                    Thread.sleep(60_000); // a handler that never returns on its own
                    ran.add("never");
                }))),
                handler("stuck beside", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of(), (e, ctx) -> {
                    Thread.sleep(60_000);
                    ran.add("never");
                }))),
                handler("quick", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of(), (e, ctx) -> ran.add("quick"))))),
                new EventContext.Resolver(null, null, null));
        WebhookEvent event = new WebhookEvent("d2", "pull_request", "opened", 1L, "Codertocat/Hello-World", payload, 1);
        org.junit.jupiter.api.Assertions.assertThrows(EventRouter.OverBudgetException.class, () -> router.route(event));
        assertEquals(List.of("quick"), ran, "the handlers that ran over were stopped; the others finished");
        assertEquals(false, Thread.currentThread().isInterrupted(), "the worker is not left interrupted");
        router.install(List.of(handler("next", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of(), (e, ctx) -> ran.add("next"))))),
                new EventContext.Resolver(null, null, null));
        assertEquals(true, router.route(event), "the same worker takes the next delivery");
    }

    @org.junit.jupiter.api.Test
    void handlersFailingWithOneSharedExceptionFailTheDeliveryWithIt() throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        payload.putObject("installation").put("id", 1);
        // two handlers waiting on one read (SingleFlight) are handed the same exception when it fails
        java.io.IOException shared = new java.io.IOException("GitHub answered 404");
        EventRouter router = new EventRouter(2, 60_000);
        router.install(List.of(
                handler("one", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of(), (e, ctx) -> {
                    throw shared;
                }))),
                handler("two", List.of(Subscription.on(GHEventPayload.PullRequest.class, Set.of(), (e, ctx) -> {
                    throw shared;
                })))), new EventContext.Resolver(null, null, null));
        WebhookEvent event = new WebhookEvent("d3", "pull_request", "opened", 1L, "Codertocat/Hello-World", payload, 1);
        assertEquals(shared, org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> router.route(event)));
    }
}

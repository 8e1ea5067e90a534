package dev.releasetrain.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** Answers chosen requests with a fault first (5xx, reset, rate limit); everything else is served normally. */
final class FaultInjector implements ResponseDefinitionTransformerV2 {
    private record Planned(String method, Pattern path, Deque<ResponseDefinition> answers) {
    }

    private final List<Planned> planned = new ArrayList<>();
    /** Paths answered 502 every time: a repository on which every GitHub call fails. */
    private final List<Pattern> broken = new ArrayList<>();
    private java.util.Random random;
    private double rate;
    private int injected;

    /** From now on a share {@code rate} of repository calls fail, chosen by a seeded random sequence. */
    synchronized void randomly(double rate, long seed) {
        this.rate = rate;
        this.random = new java.util.Random(seed);
    }

    synchronized void always(String pathRegex) {
        broken.add(Pattern.compile(pathRegex));
    }

    synchronized int injected() {
        return injected;
    }

    synchronized void add(String method, String pathRegex, ResponseDefinitionBuilder... answers) {
        Deque<ResponseDefinition> queue = new ArrayDeque<>();
        for (ResponseDefinitionBuilder a : answers) {
            queue.add(a.build());
        }
        planned.add(new Planned(method, Pattern.compile(pathRegex), queue));
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String path = event.getRequest().getUrl().split("\\?", 2)[0];
        for (Planned p : planned) {
            if (p.method().equals(method) && p.path().matcher(path).matches() && !p.answers().isEmpty()) {
                return p.answers().poll();
            }
        }
        if (broken.stream().anyMatch(b -> b.matcher(path).matches())) {
            injected++;
            return ResponseDefinitionBuilder.responseDefinition().withStatus(502).withBody("Bad Gateway").build();
        }
        if (random != null && path.startsWith("/repos/") && random.nextDouble() < rate) {
            injected++;
            // GitHub's bad days: a 500, a 502 from its edge, a reset connection, a secondary rate limit
            return switch (random.nextInt(4)) {
                case 0 -> ResponseDefinitionBuilder.responseDefinition().withStatus(500).withBody("{\"message\":\"Server Error\"}").build();
                case 1 -> ResponseDefinitionBuilder.responseDefinition().withStatus(502).withBody("Bad Gateway").build();
                case 2 -> ResponseDefinitionBuilder.responseDefinition().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
                default -> ResponseDefinitionBuilder.responseDefinition().withStatus(403).withHeader("Retry-After", "1")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}").build();
            };
        }
        return event.getResponseDefinition();
    }

    @Override
    public String getName() {
        return "fault-injector";
    }
}

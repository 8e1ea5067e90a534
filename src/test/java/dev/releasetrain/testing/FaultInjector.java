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
        return event.getResponseDefinition();
    }

    @Override
    public String getName() {
        return "fault-injector";
    }
}

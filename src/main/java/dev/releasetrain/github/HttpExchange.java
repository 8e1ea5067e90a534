package dev.releasetrain.github;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request to GitHub and, once sent, its response, as the transport sends and counts it. */
public final class HttpExchange {
    private HttpExchange() {
    }

    public record Request(String method, String url, Map<String, List<String>> headers, byte[] body) {
        public boolean isWrite() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        /**
         * Whether sending it twice has the effect of sending it once (HTTP's idempotent methods: GitHub's DELETEs
         * answer 404 or 422 once the thing is gone, its PUTs set a state), so a failure may be retried at once.
         */
        public boolean idempotent() {
            return !isWrite() || method.equals("PUT") || method.equals("DELETE");
        }
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                        && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }
}

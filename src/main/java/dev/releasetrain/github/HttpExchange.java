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

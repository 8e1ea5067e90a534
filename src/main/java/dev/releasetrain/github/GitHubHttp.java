package dev.releasetrain.github;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request to GitHub and, once sent, its response, as the transport sends and counts it. */
public final class GitHubHttp {
    private GitHubHttp() {
    }

    public record Request(String method, String url, Map<String, List<String>> headers, byte[] body) {
        private static final java.util.regex.Pattern GIT_OBJECT = java.util.regex.Pattern.compile(".*/repos/[^/]+/[^/]+/git/(commits|trees|tags|blobs)");
        private static final java.util.regex.Pattern GIT_REF = java.util.regex.Pattern.compile(".*/repos/[^/]+/[^/]+/git/refs/.+");

        public boolean isWrite() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        /**
         * Whether sending it twice has the effect of sending it once, so a failure may be retried at once: HTTP's
         * idempotent methods (GitHub's DELETEs answer 404 or 422 once the thing is gone, its PUTs set a state);
         * git objects, which are content (a second commit, tree or tag object is an unreferenced twin, never a second
         * effect); and moving a ref to a commit, which leaves it there however often it is done.
         */
        public boolean idempotent() {
            if (!isWrite() || method.equals("PUT") || method.equals("DELETE")) {
                return true;
            }
            String path = java.net.URI.create(url).getRawPath();
            return method.equals("POST") && GIT_OBJECT.matcher(path).matches() || method.equals("PATCH") && GIT_REF.matcher(path).matches();
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

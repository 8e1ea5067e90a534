package dev.releasetrain.github;

import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lets hub4j's GitHub client send through our transport, so its calls are counted, paced and retried like ours. */
final class Hub4jConnector implements GitHubConnector {
    private final GitHubTransport transport;
    private final GitHubTransport.Caller caller;
    private final GitHubTransport.Reauthorize reauthorize;

    Hub4jConnector(GitHubTransport transport, GitHubTransport.Caller caller, GitHubTransport.Reauthorize reauthorize) {
        this.transport = transport;
        this.caller = caller;
        this.reauthorize = reauthorize;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        Map<String, List<String>> headers = new HashMap<>(request.allHeaders());
        if (request.hasBody() && request.contentType() != null) {
            headers.put("Content-Type", List.of(request.contentType()));
        }
        byte[] body = new byte[0];
        if (request.hasBody()) {
            try (InputStream in = request.body()) {
                body = in.readAllBytes();
            }
        }
        HttpExchange.Response r = transport.send(
                new HttpExchange.Request(request.method(), request.url().toString(), headers, body), caller, reauthorize);
        return new Response(request, r);
    }

    private static final class Response extends GitHubConnectorResponse {
        private final byte[] body;

        Response(GitHubConnectorRequest request, HttpExchange.Response r) {
            super(request, r.status(), caseInsensitive(r.headers()));
            this.body = r.body();
        }

        private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
            Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((k, v) -> {
                if (k != null) {
                    out.put(k, v);
                }
            });
            return out;
        }

        @Override
        public InputStream bodyStream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
            // the body is in memory; nothing to release
        }
    }
}

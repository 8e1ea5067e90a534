package dev.releasetrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Local development the Probot way: deliveries reach a laptop through a smee.io-style channel (WEBHOOK_PROXY_URL).
 * It is read as Server-Sent Events; each message's data is a JSON object of the delivery's headers (lower case) and
 * its {@code body}, which goes through this server's own door exactly as GitHub's request would (signature, dedupe,
 * store). A dropped stream is opened again, waiting longer after each failure (up to 30 s).
 */
public final class WebhookProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookProxy.class);
    /**
     * Writes a body back as smee-client forwards it, JSON.stringify's bytes, which are the bytes GitHub signed: an
     * emoji as its four UTF-8 bytes (not two escaped surrogates) and control characters as lower-case escapes.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();
    /** Header values as GitHub sends them: printable ASCII, nothing that would split a header. */
    private static final java.util.regex.Pattern HEADER_VALUE = java.util.regex.Pattern.compile("[\\x20-\\x7e]{1,512}");
    /** The headers a delivery is made of; smee passes on every header, of which these matter. */
    private static final List<String> HEADERS = List.of("x-github-event", "x-github-delivery", "x-hub-signature-256", "x-hub-signature");
    private static final long MAX_BACKOFF_MS = 30_000;

    private final URI channel;
    private final URI door;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream current;

    private WebhookProxy(URI channel, int localPort) {
        this.channel = channel;
        this.door = URI.create("http://127.0.0.1:" + localPort + "/webhook");
        this.thread = new Thread(this::run, "webhook-proxy");
        this.thread.setDaemon(true);
    }

    /** Listens to {@code channel} and hands each delivery to the door on {@code localPort}. */
    public static WebhookProxy start(URI channel, int localPort) {
        WebhookProxy proxy = new WebhookProxy(channel, localPort);
        proxy.thread.start();
        return proxy;
    }

    private void run() {
        long backoff = 1_000;
        while (!closed) {
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(channel).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    throw new IOException("the channel answered " + r.statusCode());
                }
                log.info("listening for deliveries on the webhook proxy {}", channel);
                backoff = 1_000;
                current = r.body();
                read(r.body());
                if (!closed) {
                    log.info("the webhook proxy closed the stream; connecting again");
                }
            } catch (IOException e) {
                if (!closed) {
                    log.warn("webhook proxy {}: {}; trying again in {} s", channel, e.getMessage(), backoff / 1000);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** Server-Sent Events: "data:" lines gather until a blank line ends the event. */
    private void read(InputStream in) throws IOException, InterruptedException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    deliver(data.toString());
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
    }

    /** One message: a delivery when it has a body and GitHub's headers; smee's own "ready" and "ping" are not. */
    private void deliver(String data) throws InterruptedException {
        try {
            forward(data);
        } catch (RuntimeException unexpected) { // whatever one message holds, the next is still read
            log.warn("webhook proxy: a message could not be handed on ({}); skipped", unexpected.getClass().getSimpleName());
        }
    }

    private void forward(String data) throws InterruptedException {
        JsonNode message;
        try {
            message = JSON.readTree(data);
        } catch (IOException e) {
            log.warn("webhook proxy: a message that is not JSON was skipped");
            return;
        }
        if (message == null || !message.isObject() || !message.has("body") || !message.has("x-github-event")) {
            return;
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(door).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        for (String h : HEADERS) {
            if (message.hasNonNull(h)) {
                String value = message.path(h).asText();
                if (!HEADER_VALUE.matcher(value).matches()) { // a newline would split the header; such a message is no delivery
                    log.warn("webhook proxy: a message whose {} is not a header value was skipped", h);
                    return;
                }
                post.header(h, value);
            }
        }
        String id = message.path("x-github-delivery").asText("(no id)");
        try {
            // smee parsed the body; GitHub's JSON is compact, so writing it back compactly gives the bytes GitHub signed
            byte[] body = JSON.writeValueAsBytes(message.get("body"));
            HttpResponse<String> answer = http.send(post.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            log.info("webhook proxy: delivery {} ({}) answered {}", id, message.path("x-github-event").asText(), answer.statusCode());
        } catch (IOException e) {
            log.warn("webhook proxy: delivery {} could not be handed to the door: {}", id, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
    }
}

package dev.releasetrain.web;

import dev.releasetrain.delivery.Delivery;
import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.delivery.IngestOutcome;
import dev.releasetrain.delivery.MalformedPayloadException;
import dev.releasetrain.delivery.PayloadSummary;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.metrics.Metrics;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The front door: checks a delivery, commits it to the store and only then answers 202. Nothing here talks to
 * GitHub or runs a feature; that is the workers' job, after the answer.
 *
 * <p>A Jetty handler placed ahead of Javalin's servlet: deliveries are the one request that comes by the thousand,
 * and the servlet layer, Javalin's context and its async completion cost more CPU per delivery than the checks
 * themselves ({@code bench/ingest} prints the CPU by thread). Every other path falls through to Javalin.
 */
public final class WebhookDoor extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(WebhookDoor.class);
    /** Ours, and Probot's, so an app moved from Probot keeps its webhook URL; with a trailing slash, as Javalin allows. */
    private static final Set<String> PATHS = Set.of("/webhook", "/webhook/", "/api/github/webhooks", "/api/github/webhooks/");

    private static final String TOO_LARGE = "The body is over GitHub's 25 MB payload limit.";

    private final DeliveryStore store;
    private final Metrics metrics;
    private final RefusalLog refusals = new RefusalLog(System::nanoTime, log::info);
    /** Null until the app is registered: nothing can be verified before. */
    private volatile SignatureVerifier signatures;

    public WebhookDoor(DeliveryStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Deliveries are verified with these secrets from now on. */
    public void register(SignatureVerifier verifier) {
        this.signatures = verifier;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"POST".equals(request.getMethod()) || !PATHS.contains(Request.getPathInContext(request))) {
            return false;
        }
        Exchange exchange = new Exchange(request, response, callback);
        if (signatures == null) {
            exchange.refuse(503, "not_registered", "Release Train is not registered with GitHub yet; open / on this server to set it up.");
            return true;
        }
        long declared = request.getLength();
        if (declared > Delivery.MAX_PAYLOAD_BYTES) {
            exchange.refuse(413, "too_large", TOO_LARGE);
            return true;
        }
        // read (not parse) the body before any other refusal, so the client's connection stays usable for the answer
        exchange.body = new byte[declared >= 0 ? (int) declared : 16 * 1024];
        exchange.run();
        return true;
    }

    /** One delivery: its body read as it arrives, then checked, stored and answered. */
    private final class Exchange implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private byte[] body;
        private int size;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        /** Reads what has arrived; asks Jetty to call again when more does. */
        @Override
        public void run() {
            try {
                while (true) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        callback.failed(chunk.getFailure());
                        return;
                    }
                    boolean fits = append(chunk.getByteBuffer());
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (!fits) {
                        refuse(413, "too_large", TOO_LARGE);
                        return;
                    }
                    if (last) {
                        admit(size == body.length ? body : Arrays.copyOf(body, size));
                        return;
                    }
                }
            } catch (RuntimeException | Error unexpected) {
                log.error("unexpected error on a delivery", unexpected);
                answer(500, "Internal error; the server is still running.");
            }
        }

        /** False once the body passes the limit. A declared length fills its exact array; a chunked body grows one. */
        private boolean append(ByteBuffer chunk) {
            int n = chunk.remaining();
            if ((long) size + n > Delivery.MAX_PAYLOAD_BYTES) {
                return false;
            }
            if (size + n > body.length) {
                if (request.getLength() >= 0) {
                    return false; // more than its Content-Length: Jetty refuses that before us, but never store it
                }
                body = Arrays.copyOf(body, Math.min(Math.max(body.length * 2, size + n), Delivery.MAX_PAYLOAD_BYTES));
            }
            chunk.get(body, size, n);
            size += n;
            return true;
        }

        private void admit(byte[] payload) {
            HttpFields headers = request.getHeaders();
            String contentType = headers.get(HttpHeader.CONTENT_TYPE);
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                refuse(415, "content_type", "Deliveries must be sent as application/json (set the webhook's content type to JSON).");
                return;
            }
            String event = headers.get("X-GitHub-Event");
            String id = headers.get("X-GitHub-Delivery");
            String signature = headers.get("X-Hub-Signature-256");
            if (blank(event) || blank(id)) {
                refuse(400, "missing_header", "X-GitHub-Event and X-GitHub-Delivery headers are required.");
                return;
            }
            if (blank(signature)) {
                refuse(400, "missing_signature", "The X-Hub-Signature-256 header is required; set a webhook secret.");
                return;
            }
            if (id.length() > 100 || event.length() > 100) {
                refuse(400, "bad_header", "X-GitHub-Event or X-GitHub-Delivery is too long to be GitHub's.");
                return;
            }
            if (!signatures.verify(payload, signature)) {
                refuse(401, "bad_signature", "The signature does not match the body; check the webhook secret.");
                return;
            }
            PayloadSummary summary;
            try {
                summary = PayloadSummary.parse(payload);
            } catch (MalformedPayloadException e) {
                refuse(400, "malformed_json", "The body is not a JSON object: " + e.getMessage());
                return;
            }
            if (event.equals("ping")) {
                metrics.delivery(event, "ping");
                answer(200, "pong");
                return;
            }
            Delivery delivery = new Delivery(id, event, summary, payload, System.currentTimeMillis());
            store.intake().ingest(delivery).whenComplete((outcome, error) -> {
                if (error != null) {
                    log.error("could not store delivery {}: {}", id, error.getMessage());
                    metrics.rejection("store_error");
                    answer(503, "The delivery could not be stored; GitHub may redeliver it.");
                    return;
                }
                switch (outcome) {
                    case QUEUED, REQUEUED -> {
                        store.queue().announceWork();
                        metrics.delivery(event, "accepted");
                        answer(202, outcome == IngestOutcome.QUEUED ? "Accepted." : "Accepted again (redelivery of a failed delivery).");
                    }
                    case ALREADY_QUEUED -> {
                        metrics.delivery(event, "duplicate");
                        answer(202, "Already queued.");
                    }
                    case ALREADY_DONE -> {
                        metrics.delivery(event, "duplicate");
                        answer(200, "Already processed; not processed again.");
                    }
                }
            });
        }

        private void refuse(int status, String reason, String message) {
            metrics.rejection(reason);
            refusals.refused(status, reason, request.getHeaders().get("X-GitHub-Delivery"), message);
            answer(status, message);
        }

        /** The answer is a line of text; writing it completes the exchange. */
        private void answer(int status, String message) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            Content.Sink.write(response, true, message, callback);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

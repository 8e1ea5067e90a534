package dev.releasetrain.web;

import dev.releasetrain.delivery.Delivery;
import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.delivery.IngestOutcome;
import dev.releasetrain.delivery.MalformedPayloadException;
import dev.releasetrain.delivery.PayloadSummary;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.metrics.Metrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The front door: checks a delivery, commits it to the store and only then answers 202. Nothing here talks to
 * GitHub or runs a feature; that is the workers' job, after the answer.
 */
public final class WebhookRoute implements Handler {
    private static final Logger log = LoggerFactory.getLogger(WebhookRoute.class);
    /** GitHub caps payloads at 25 MB. */

    private final DeliveryStore store;
    private final Metrics metrics;
    private final RefusalLog refusals = new RefusalLog(System::nanoTime, log::info);
    /** Null until the app is registered: nothing can be verified before. */
    private volatile SignatureVerifier signatures;

    public WebhookRoute(DeliveryStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Deliveries are verified with these secrets from now on. */
    public void register(SignatureVerifier verifier) {
        this.signatures = verifier;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        SignatureVerifier signatures = this.signatures;
        if (signatures == null) {
            refuse(ctx, 503, "not_registered", "Release Train is not registered with GitHub yet; open / on this server to set it up.");
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > Delivery.MAX_PAYLOAD_BYTES) {
            refuse(ctx, 413, "too_large", "The body is over GitHub's 25 MB payload limit.");
            return;
        }
        // read (not parse) the body before any refusal, so the client's connection stays usable for the answer
        byte[] body = readBounded(ctx.req().getInputStream(), declared);
        if (body == null) {
            refuse(ctx, 413, "too_large", "The body is over GitHub's 25 MB payload limit.");
            return;
        }
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            refuse(ctx, 415, "content_type", "Deliveries must be sent as application/json (set the webhook's content type to JSON).");
            return;
        }
        String event = ctx.header("X-GitHub-Event");
        String id = ctx.header("X-GitHub-Delivery");
        String signature = ctx.header("X-Hub-Signature-256");
        if (blank(event) || blank(id)) {
            refuse(ctx, 400, "missing_header", "X-GitHub-Event and X-GitHub-Delivery headers are required.");
            return;
        }
        if (blank(signature)) {
            refuse(ctx, 400, "missing_signature", "The X-Hub-Signature-256 header is required; set a webhook secret.");
            return;
        }
        if (id.length() > 100 || event.length() > 100) {
            refuse(ctx, 400, "bad_header", "X-GitHub-Event or X-GitHub-Delivery is too long to be GitHub's.");
            return;
        }
        if (!signatures.verify(body, signature)) {
            refuse(ctx, 401, "bad_signature", "The signature does not match the body; check the webhook secret.");
            return;
        }
        PayloadSummary summary;
        try {
            summary = PayloadSummary.parse(body);
        } catch (MalformedPayloadException e) {
            refuse(ctx, 400, "malformed_json", "The body is not a JSON object: " + e.getMessage());
            return;
        }
        if (event.equals("ping")) {
            metrics.delivery(event, "ping");
            ctx.status(200).result("pong");
            return;
        }
        Delivery delivery = new Delivery(id, event, summary, body, System.currentTimeMillis());
        CompletableFuture<?> answered = store.ingest(delivery).handle((outcome, error) -> {
            if (error != null) {
                log.error("could not store delivery {}: {}", id, error.getMessage());
                metrics.rejection("store_error");
                ctx.status(503).result("The delivery could not be stored; GitHub may redeliver it.");
                return null;
            }
            switch (outcome) {
                case QUEUED, REQUEUED -> {
                    store.announceWork();
                    metrics.delivery(event, "accepted");
                    ctx.status(202).result(outcome == IngestOutcome.QUEUED ? "Accepted." : "Accepted again (redelivery of a failed delivery).");
                }
                case ALREADY_QUEUED -> {
                    metrics.delivery(event, "duplicate");
                    ctx.status(202).result("Already queued.");
                }
                case ALREADY_DONE -> {
                    metrics.delivery(event, "duplicate");
                    ctx.status(200).result("Already processed; not processed again.");
                }
            }
            return null;
        });
        ctx.future(() -> answered);
    }

    /**
     * The whole body, or null as soon as it passes the limit. A declared length (checked against the limit already)
     * is read straight into one array; a chunked body, which has no length up front, grows a buffer.
     */
    static byte[] readBounded(InputStream in, long declared) throws IOException {
        if (declared >= 0) {
            byte[] body = new byte[(int) declared]; // one exact array: readNBytes would go through chunk copies
            int off = 0;
            while (off < body.length) {
                int n = in.read(body, off, body.length - off);
                if (n < 0) {
                    throw new java.io.EOFException("the body ended before its Content-Length");
                }
                off += n;
            }
            return in.read() == -1 ? body : null;
        }
        byte[] buffer = new byte[16 * 1024];
        int size = 0;
        int n;
        while ((n = in.read(buffer, size, buffer.length - size)) != -1) {
            size += n;
            if (size > Delivery.MAX_PAYLOAD_BYTES) {
                return null;
            }
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, Delivery.MAX_PAYLOAD_BYTES + 1));
            }
        }
        return Arrays.copyOf(buffer, size);
    }

    private void refuse(Context ctx, int status, String reason, String message) {
        metrics.rejection(reason);
        refusals.refused(status, reason, ctx.header("X-GitHub-Delivery"), message);
        ctx.status(status).result(message);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

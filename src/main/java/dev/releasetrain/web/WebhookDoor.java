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
import java.util.regex.Pattern;

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
    /** A buffer starts at most this large and doubles as bytes arrive: an announced length is a claim, not bytes. */
    private static final int FIRST_BUFFER = 64 * 1024;
    /** A refused body up to this size is read and dropped before the answer; larger ones are answered at once. */
    private static final long DRAINED = 256 * 1024;
    /** GitHub's event names: lower case and underscores. */
    private static final Pattern EVENT = Pattern.compile("[a-z_]{1,64}");
    /** GitHub's delivery ids are UUIDs (a redelivery keeps its id). */
    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SIGNATURE = Pattern.compile("sha256=[0-9a-fA-F]{64}");

    private final DeliveryStore store;
    private final Metrics metrics;
    private final BodyBudget budget;
    private final RefusalLog refusals = new RefusalLog(System::nanoTime, log::info);
    /** A registered app's secrets, and which app they are: null until the app is registered, when nothing can be verified. */
    private record Registration(SignatureVerifier signatures, long appId) {
    }

    private volatile Registration registration;

    /** @param bodyBudget the bytes of bodies held at once across all requests being read ({@code DELIVERY_BUFFER_MB}) */
    public WebhookDoor(DeliveryStore store, Metrics metrics, long bodyBudget) {
        this.store = store;
        this.metrics = metrics;
        this.budget = new BodyBudget(bodyBudget);
        metrics.doorBodyBytes(budget::held);
    }

    /** Deliveries are verified with these secrets from now on, and stored as {@code appId}'s to run. */
    public void register(SignatureVerifier verifier, long appId) {
        this.registration = new Registration(verifier, appId);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"POST".equals(request.getMethod()) || !PATHS.contains(Request.getPathInContext(request))) {
            return false;
        }
        Exchange exchange = new Exchange(request, response, callback, registration);
        if (exchange.registered == null) {
            exchange.refuse(503, "not_registered", "Release Train is not registered with GitHub yet; open / on this server to set it up.");
            return true;
        }
        // everything the headers can say is checked before a byte of the body is kept or a byte of memory given to it
        Refusal refused = exchange.refusalByHeaders();
        if (refused != null) {
            exchange.refuseAfterDraining(refused);
            return true;
        }
        long declared = request.getLength();
        int first = (int) (declared >= 0 ? Math.min(declared, FIRST_BUFFER) : 16 * 1024);
        if (!exchange.grow(first)) {
            return true;
        }
        exchange.run();
        return true;
    }

    /** One delivery: its body read as it arrives, then checked, stored and answered. */
    private final class Exchange implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private byte[] body = new byte[0];
        private int size;
        /** Bytes of the budget this exchange holds; given back once it is answered or fails. */
        private long reserved;
        private boolean finished;
        /** The registration this delivery is checked against: read once, so a registration midway changes nothing. */
        private final Registration registered;

        Exchange(Request request, Response response, Callback callback, Registration registered) {
            this.registered = registered;
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
                    if (Content.Chunk.isFailure(chunk)) { // the sender hung up, stalled past the idle timeout or sent too slowly
                        finish();
                        callback.failed(chunk.getFailure());
                        return;
                    }
                    Fit fit = append(chunk.getByteBuffer());
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (fit == Fit.TOO_LARGE) {
                        refuse(413, "too_large", TOO_LARGE);
                        return;
                    }
                    if (fit == Fit.NO_ROOM) {
                        busy();
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

        /**
         * What the headers alone decide, or null: a JSON content type, GitHub's event name and delivery id in
         * GitHub's shapes, a signature, a length within GitHub's limit.
         */
        Refusal refusalByHeaders() {
            HttpFields headers = request.getHeaders();
            String contentType = headers.get(HttpHeader.CONTENT_TYPE);
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                return new Refusal(415, "content_type", "Deliveries must be sent as application/json (set the webhook's content type to JSON).");
            }
            String event = headers.get("X-GitHub-Event");
            String id = headers.get("X-GitHub-Delivery");
            String signature = headers.get("X-Hub-Signature-256");
            if (blank(event) || blank(id)) {
                return new Refusal(400, "missing_header", "X-GitHub-Event and X-GitHub-Delivery headers are required.");
            }
            if (blank(signature)) {
                return new Refusal(400, "missing_signature", "The X-Hub-Signature-256 header is required; set a webhook secret.");
            }
            if (!EVENT.matcher(event).matches() || !DELIVERY_ID.matcher(id).matches()) {
                return new Refusal(400, "bad_header", "X-GitHub-Event or X-GitHub-Delivery is not in GitHub's shape (an event name, a UUID).");
            }
            if (!SIGNATURE.matcher(signature).matches()) {
                return new Refusal(401, "bad_signature", "The signature is not an HMAC-SHA256 (sha256=<64 hex digits>); check the webhook secret.");
            }
            if (request.getLength() > Delivery.MAX_PAYLOAD_BYTES) {
                return new Refusal(413, "too_large", TOO_LARGE);
            }
            return null;
        }

        /**
         * A small body is read and dropped (kept nowhere) before the refusal, so that a sender still writing it
         * reads the answer instead of a reset connection; a large one, or one of unknown length, is answered at once.
         */
        void refuseAfterDraining(Refusal refusal) {
            long length = request.getLength();
            if (length < 0 || length > DRAINED) {
                refuse(refusal.status(), refusal.reason(), refusal.message());
                return;
            }
            Runnable drain = new Runnable() {
                @Override
                public void run() {
                    while (true) {
                        Content.Chunk chunk = request.read();
                        if (chunk == null) {
                            request.demand(this);
                            return;
                        }
                        boolean done = chunk.isLast() || Content.Chunk.isFailure(chunk);
                        chunk.release();
                        if (done) {
                            refuse(refusal.status(), refusal.reason(), refusal.message());
                            return;
                        }
                    }
                }
            };
            drain.run();
        }

        /** Grows the buffer to {@code capacity}, reserving the bytes first; false (and answered busy) when there is no room. */
        boolean grow(int capacity) {
            int more = capacity - body.length;
            if (!budget.reserve(more)) {
                busy();
                return false;
            }
            reserved += more;
            body = Arrays.copyOf(body, capacity);
            return true;
        }

        private enum Fit { FITS, TOO_LARGE, NO_ROOM }

        /** A chunk appended, the buffer doubling as needed up to the declared length (or GitHub's limit, for a chunked body). */
        private Fit append(ByteBuffer chunk) {
            int n = chunk.remaining();
            long declared = request.getLength();
            long most = declared >= 0 ? declared : Delivery.MAX_PAYLOAD_BYTES;
            if ((long) size + n > most) {
                return Fit.TOO_LARGE; // more than its Content-Length (Jetty refuses that first) or than GitHub sends
            }
            if (size + n > body.length) {
                int capacity = (int) Math.min(Math.max((long) body.length * 2, size + n), most);
                int more = capacity - body.length;
                if (!budget.reserve(more)) {
                    return Fit.NO_ROOM;
                }
                reserved += more;
                body = Arrays.copyOf(body, capacity);
            }
            chunk.get(body, size, n);
            size += n;
            return Fit.FITS;
        }

        private void admit(byte[] payload) {
            HttpFields headers = request.getHeaders();
            String event = headers.get("X-GitHub-Event");
            String id = headers.get("X-GitHub-Delivery");
            String signature = headers.get("X-Hub-Signature-256");
            if (!registered.signatures().verify(payload, signature)) {
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
            Delivery delivery = new Delivery(id, event, summary, payload, System.currentTimeMillis(),
                    Delivery.carriesSaySo(event, summary.action()) ? signature.toLowerCase(Locale.ROOT) : null, registered.appId());
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
                    case REPLAYED -> {
                        metrics.delivery(event, "replayed");
                        refusals.refused(200, "replayed", id, "the same signed body was received under another delivery id");
                        answer(200, "This body was received before under another delivery id; it is not run again.");
                    }
                }
            });
        }

        private void refuse(int status, String reason, String message) {
            metrics.rejection(reason);
            refusals.refused(status, reason, request.getHeaders().get("X-GitHub-Delivery"), message);
            answer(status, message);
        }

        /** Too many bodies in flight: GitHub (or the sender) may try again shortly; nothing was read into memory beyond the budget. */
        private void busy() {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            refuse(503, "busy", "Too many deliveries are being received at once; try again in a second.");
        }

        /** The budget this exchange held goes back, once. */
        private void finish() {
            if (!finished) {
                finished = true;
                budget.release(reserved);
                body = null;
            }
        }

        /** The answer is a line of text; writing it completes the exchange. */
        private void answer(int status, String message) {
            finish();
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            Content.Sink.write(response, true, message, callback);
        }
    }

    /** A refusal the headers decide. */
    private record Refusal(int status, String reason, String message) {
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package dev.releasetrain.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.LongSupplier;

/** The server's Prometheus metrics, in a registry of its own so that several servers can live in one JVM (tests). */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter deliveries = Counter.builder().name("releasetrain_deliveries_total")
            .help("Deliveries by event and outcome (accepted, duplicate, done, ignored, retried, dead)")
            .labelNames("event", "outcome").register(registry);
    private final Counter rejections = Counter.builder().name("releasetrain_webhook_rejections_total")
            .help("Webhook requests refused, by reason").labelNames("reason").register(registry);
    private final Histogram processing = Histogram.builder().name("releasetrain_delivery_processing_seconds")
            .help("Time a worker spent on one delivery").labelNames("event")
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
    private final Counter githubCalls = Counter.builder().name("releasetrain_github_calls_total")
            .help("Calls to the GitHub API by route and HTTP status").labelNames("method", "route", "status").register(registry);
    private final Gauge rateLimitRemaining = Gauge.builder().name("releasetrain_github_rate_limit_remaining")
            .help("x-ratelimit-remaining last seen, per installation").labelNames("installation").register(registry);

    private final Counter fetchedBack = Counter.builder().name("releasetrain_reconcile_deliveries_total")
            .help("Fetching back what GitHub failed to deliver: deliveries seen in GitHub's log, redeliveries requested, requests that failed")
            .labelNames("outcome").register(registry);

    public void delivery(String event, String outcome) {
        deliveries.labelValues(event, outcome).inc();
    }

    /** @param outcome seen, requested or failed */
    public void fetchedBack(String outcome, int n) {
        fetchedBack.labelValues(outcome).inc(n);
    }

    public void rejection(String reason) {
        rejections.labelValues(reason).inc();
    }

    public void processed(String event, long nanos) {
        processing.labelValues(event).observe(nanos / 1e9);
    }

    public void githubCall(String method, String route, int status) {
        githubCalls.labelValues(method, route, Integer.toString(status)).inc();
    }

    public void rateLimitRemaining(String installation, long remaining) {
        rateLimitRemaining.labelValues(installation).set(remaining);
    }

    public void queueDepth(LongSupplier depth) {
        GaugeWithCallback.builder().name("releasetrain_queue_depth").help("Deliveries waiting or running")
                .callback(cb -> cb.call(depth.getAsLong())).register(registry);
    }

    /** The bytes of delivery bodies the door holds at once (its budget is {@code DELIVERY_BUFFER_MB}). */
    public void doorBodyBytes(LongSupplier held) {
        GaugeWithCallback.builder().name("releasetrain_door_body_bytes").help("Bytes of delivery bodies the door holds while reading them")
                .callback(cb -> cb.call(held.getAsLong())).register(registry);
    }

    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}

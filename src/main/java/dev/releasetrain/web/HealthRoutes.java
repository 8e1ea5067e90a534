package dev.releasetrain.web;

import dev.releasetrain.delivery.WorkerPool;
import dev.releasetrain.metrics.Metrics;
import dev.releasetrain.store.Database;
import io.javalin.http.Context;

/** Liveness, readiness and metrics for whoever runs the server. */
public final class HealthRoutes {
    private final Database db;
    private final WorkerPool workers;
    private final Metrics metrics;

    public HealthRoutes(Database db, WorkerPool workers, Metrics metrics) {
        this.db = db;
        this.workers = workers;
        this.metrics = metrics;
    }

    public void alive(Context ctx) {
        ctx.result("ok");
    }

    public void ready(Context ctx) {
        java.util.Optional<String> trouble = db.trouble();
        if (trouble.isPresent()) {
            ctx.status(503).result("not ready: " + trouble.get());
        } else if (!workers.running()) {
            ctx.status(503).result("not ready: the workers are not running (they start once the app is registered)");
        } else {
            ctx.result("ready");
        }
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}

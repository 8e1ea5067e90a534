package dev.releasetrain.web;

import dev.releasetrain.delivery.Delivery;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side: the webhook door (at our path and Probot's), health, metrics and the setup pages. */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private final Javalin app;

    public WebServer(WebhookRoute webhook, HealthRoutes health, SetupRoutes setup) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // the door enforces GitHub's 25 MB itself while reading; Javalin's own limit must not be lower
            config.http.maxRequestSize = Delivery.MAX_PAYLOAD_BYTES + 1L;
            // Javalin copies each result through a buffer this size; our answers are a line, so keep it small
            config.http.responseBufferSize = 4096;
            // our answers are a line or a metrics page: nothing worth the per-request look at Accept-Encoding
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            config.routes.post("/webhook", webhook);
            config.routes.post("/api/github/webhooks", webhook);
            config.routes.get("/healthz", health::alive);
            config.routes.get("/readyz", health::ready);
            config.routes.get("/metrics", health::metrics);
            config.routes.get("/", setup::home);
            config.routes.get("/setup/callback", setup::callback);
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).result("Internal error; the server is still running.");
            });
        });
    }

    public WebServer start(int port) {
        app.start(port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}

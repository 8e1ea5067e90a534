package dev.releasetrain.web;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side: the webhook door (at our path and Probot's), health, metrics and the setup pages. */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** GitHub sends a delivery in one go; a body arriving slower than this comes from something else. */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 32 * 1024;
    static final long IDLE_TIMEOUT_MILLIS = 20_000;
    private final Javalin app;

    public WebServer(WebhookDoor webhook, HealthRoutes health, SetupRoutes setup) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // the door sees every request first and answers deliveries itself; Javalin adds its servlet after it
            config.jetty.modifyServer(server -> {
                server.setHandler(new Handler.Sequence(webhook));
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (Connector connector : server.getConnectors()) {
                            HttpConnectionFactory http1 = connector.getConnectionFactory(HttpConnectionFactory.class);
                            if (http1 != null) {
                                // a delivery is ~28 KB: one or two reads from the socket, not one per 8 KB (Jetty's default)
                                http1.setInputBufferSize(64 * 1024);
                                // a sender slower than this is dropped: a stranger's trickle must not hold a connection
                                http1.getHttpConfiguration().setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
                            }
                            if (connector instanceof ServerConnector sc) {
                                sc.setIdleTimeout(IDLE_TIMEOUT_MILLIS); // and one that sends nothing, after this long
                            }
                        }
                    }
                });
            });
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

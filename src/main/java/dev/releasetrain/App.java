package dev.releasetrain;

import dev.releasetrain.checks.CheckRunPublisher;
import dev.releasetrain.config.RepoConfigLoader;
import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.StoredFollowUps;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.EventRouter;
import dev.releasetrain.delivery.RetryPolicy;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.delivery.WorkerPool;
import dev.releasetrain.github.AppDeliveryLog;
import dev.releasetrain.github.AppJwt;
import dev.releasetrain.github.GitHubGateway;
import dev.releasetrain.github.RepositoryClients;
import dev.releasetrain.github.GitHubTransport;
import dev.releasetrain.github.InstallationTokens;
import dev.releasetrain.github.IssueLabels;
import dev.releasetrain.github.PullRequestFiles;
import dev.releasetrain.github.RepoFiles;
import dev.releasetrain.github.SharedWritePacing;
import dev.releasetrain.github.StickyComments;
import dev.releasetrain.github.WritePacing;
import dev.releasetrain.metrics.Metrics;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.reconcile.FetchBackMissedDeliveries;
import dev.releasetrain.store.Database;
import dev.releasetrain.store.FleetJobs;
import dev.releasetrain.web.HealthRoutes;
import dev.releasetrain.web.SetupRoutes;
import dev.releasetrain.web.WebServer;
import dev.releasetrain.web.WebhookProxy;
import dev.releasetrain.web.WebhookDoor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** The running application: store, workers, GitHub gateway and, when serving, the HTTP door. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    private final Database db;
    private final DeliveryStore store;
    private final WorkerPool workers;
    private final Metrics metrics;
    private final EventRouter router;
    private final GitHubTransport transport;
    private final Function<Features.Wiring, List<EventHandler>> features;
    private final Clock clock;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });
    /** How long one delivery's handlers may run: minutes of GitHub calls, far beyond any real delivery's. */
    private static final long DELIVERY_BUDGET_MILLIS = 5 * 60_000;
    /** The first pass waits for the door to listen: GitHub sends what it is asked for to the webhook URL. */
    private static final long FETCH_BACK_DELAY_MILLIS = 1_000;
    private boolean fetchBackScheduled;
    private WebServer web;
    private WebhookDoor door;
    private WebhookProxy proxy;

    private App(Database db, DeliveryStore store, WorkerPool workers, Metrics metrics, EventRouter router, GitHubTransport transport,
                Function<Features.Wiring, List<EventHandler>> features, Clock clock) {
        this.db = db;
        this.store = store;
        this.workers = workers;
        this.metrics = metrics;
        this.router = router;
        this.transport = transport;
        this.features = features;
        this.clock = clock;
    }

    /** Forgets finished deliveries past the retention, hourly; failures only log (the next hour tries again). */
    private void scheduleRetention(int retentionDays) {
        housekeeping.scheduleWithFixedDelay(() -> store.history().prune(System.currentTimeMillis() - Duration.ofDays(retentionDays).toMillis())
                .whenComplete((n, e) -> {
                    if (e != null) {
                        log.warn("pruning old deliveries failed: {}", e.getMessage());
                    } else if (n > 0) {
                        log.info("pruned {} deliveries older than {} days", n, retentionDays);
                    }
                }), 1, 60, TimeUnit.MINUTES);
    }

    /**
     * Starts the store and the workers (resuming what a previous run left), and the HTTP door when {@code serve}.
     * Features are only built once the app is registered: before that no delivery can be verified.
     */
    public static App start(ServerSettings settings, Function<Features.Wiring, List<EventHandler>> features, boolean serve) throws SQLException {
        return start(settings, features, serve, Clock.systemUTC());
    }

    /** As above, with the clock features read the date from (tests set it to a release's freeze day). */
    public static App start(ServerSettings settings, Function<Features.Wiring, List<EventHandler>> features, boolean serve, Clock clock)
            throws SQLException {
        return start(settings, features, serve, clock, w -> log.info("dry run: not sending {}", w));
    }

    /** As above, telling a dry run's writes to {@code dryRunWrites}, one line each ({@code replay} prints them). */
    public static App start(ServerSettings settings, Function<Features.Wiring, List<EventHandler>> features, boolean serve, Clock clock,
                            java.util.function.Consumer<String> dryRunWrites) throws SQLException {
        Database db = Database.open(settings.database());
        Metrics metrics = new Metrics();
        // one process paces its writes in memory; a fleet shares each installation's budget through the database
        WritePacing pacing = db.dialect().singleProcess() ? WritePacing.inMemory(settings.writesPerMinute())
                : new SharedWritePacing(db, settings.writesPerMinute());
        GitHubTransport transport = new GitHubTransport(settings.githubApiUrl(), metrics, settings.dryRun(),
                pacing, Math.min(settings.retryBaseMillis(), 500), dryRunWrites);
        DeliveryStore store = new DeliveryStore(db, settings.maxAttempts());
        EventRouter router = new EventRouter(2 * settings.workers(), DELIVERY_BUDGET_MILLIS);
        RetryPolicy retries = new RetryPolicy(settings.maxAttempts(), settings.retryBaseMillis(), 15 * 60_000);
        WorkerPool workers = new WorkerPool(store.queue(), router, metrics, retries, settings.workers(), WorkerPool.Leases.of(settings.replicaId()));
        App app = new App(db, store, workers, metrics, router, transport, features, clock);
        // a replica without credentials runs nothing: with no features wired it would finish deliveries unrun
        if (settings.registered()) {
            app.wire(settings);
            workers.start(settings.appId().orElseThrow());
        }
        app.scheduleRetention(settings.retentionDays());
        if (serve) {
            app.door = new WebhookDoor(store, metrics, settings.deliveryBufferBytes());
            if (settings.registered()) {
                app.door.register(new SignatureVerifier(settings.webhookSecrets()), settings.appId().orElseThrow());
            }
            app.web = new WebServer(app.door, new HealthRoutes(db, workers, metrics), new SetupRoutes(settings, transport, app::register))
                    .start(settings.port());
            settings.webhookProxyUrl().ifPresent(url -> app.proxy = WebhookProxy.start(url, app.web.port()));
        }
        return app;
    }

    /** The features, built on a registered app's credentials, take the deliveries from now on. */
    private void wire(ServerSettings settings) {
        AppJwt jwt = new AppJwt(settings.appId().orElseThrow(), settings.privateKey().orElseThrow(), Clock.systemUTC());
        GitHubGateway github = new GitHubGateway(transport, new InstallationTokens(jwt, transport, Clock.systemUTC()),
                new RepositoryClients.Shared(new RepoFiles(), new PullRequestFiles(), new IssueLabels(), new StickyComments(db)));
        CheckRunPublisher checks = new CheckRunPublisher(db);
        EventContext.Resolver resolver = new EventContext.Resolver(github, new RepoConfigLoader(new RepoConfigParser()), checks);
        router.install(features.apply(new Features.Wiring(settings, db, checks, new StoredFollowUps(store, settings.appId().orElseThrow()), clock)), resolver);
        scheduleFetchBack(settings, jwt);
    }

    /**
     * At start and every {@code RECONCILE_MINUTES}, one replica at a time asks GitHub again for what it failed to
     * deliver (a dry run sends nothing to GitHub, so it fetches nothing back either).
     */
    private void scheduleFetchBack(ServerSettings settings, AppJwt jwt) {
        if (settings.reconcileMinutes() == 0 || settings.dryRun() || fetchBackScheduled) {
            return;
        }
        fetchBackScheduled = true;
        FetchBackMissedDeliveries fetchBack = new FetchBackMissedDeliveries(new AppDeliveryLog(transport, jwt), store, new FleetJobs(db), metrics);
        housekeeping.scheduleWithFixedDelay(() -> fetchBack.runIfFree(settings.replicaId(), java.time.Instant.now()),
                FETCH_BACK_DELAY_MILLIS, TimeUnit.MINUTES.toMillis(settings.reconcileMinutes()), TimeUnit.MILLISECONDS);
    }

    /** Registration finished while the server runs (the manifest flow's callback): no restart needed. */
    private synchronized void register(ServerSettings registered) {
        wire(registered);
        try {
            workers.start(registered.appId().orElseThrow());
        } catch (SQLException e) {
            throw new IllegalStateException("the workers could not start: " + e.getMessage(), e);
        }
        door.register(new SignatureVerifier(registered.webhookSecrets()), registered.appId().orElseThrow());
    }

    /** One delivery through the features, once, outside the queue: what {@code replay} runs. */
    public boolean routeOnce(WebhookEvent event) throws Exception {
        return router.route(event);
    }

    public DeliveryStore store() {
        return store;
    }

    public WorkerPool workers() {
        return workers;
    }

    public Metrics metrics() {
        return metrics;
    }

    public int port() {
        return web.port();
    }

    /** Stops taking deliveries, finishes those in hand, then closes the store: what SIGTERM does. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        if (proxy != null) {
            proxy.close();
        }
        if (web != null) {
            web.close();
        }
        workers.close();
        db.close();
    }
}

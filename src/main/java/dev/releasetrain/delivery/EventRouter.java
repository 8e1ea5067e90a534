package dev.releasetrain.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands a delivery to every handler one of whose subscriptions takes it, with one context resolved for all of them;
 * a delivery no handler wants is ignored, not an error. The handlers of one delivery are independent (each looks
 * before it writes), so they run side by side: a push's three checks wait for GitHub at the same time, not one after
 * another.
 */
public final class EventRouter {
    /** Events about an account, not a repository: the only ones a handler may get without a repository named. */
    private static final Set<String> ACCOUNT_EVENTS = Set.of("installation", "installation_repositories");

    /** The handlers and what their contexts are made from; none until the app is registered. */
    private record Routes(List<EventHandler> handlers, EventContext.Resolver resolver) {
    }

    /** A handler's subscription that took the delivery, with its typed payload. */
    private record Taken<T>(Subscription<T> subscription, T payload) {
        void run(EventContext context) throws Exception {
            subscription.run().run(payload, context);
        }
    }

    private volatile Routes routes = new Routes(List.of(), null);
    private final ExecutorService parallel;
    private final long budgetMillis;
    /** Interrupts the handlers of a delivery past its budget. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** A delivery's handlers ran past the budget: they are interrupted and the delivery fails (and is tried again). */
    public static final class OverBudgetException extends Exception {
        OverBudgetException(long millis) {
            super("the delivery's handlers ran longer than " + millis / 1000 + " s and were stopped");
        }
    }

    /**
     * @param threads      how many handlers may run beside the worker threads' own (each delivery runs one inline)
     * @param budgetMillis how long one delivery's handlers may run (a pull request a stranger made must not hold a
     *                     worker for ever)
     */
    public EventRouter(int threads, long budgetMillis) {
        this.parallel = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "handler");
            t.setDaemon(true);
            return t;
        });
        this.budgetMillis = budgetMillis;
    }

    /** From now on deliveries go to these handlers (at start-up, or when registration finishes while running). */
    public void install(List<EventHandler> handlers, EventContext.Resolver resolver) {
        routes = new Routes(List.copyOf(handlers), resolver);
    }

    /** @return whether any handler took the delivery */
    public boolean route(WebhookEvent event) throws Exception {
        // every feature acts on a repository through an installation; a payload that names neither has nothing to act on
        if (event.installationId() == null || event.repository() == null && !ACCOUNT_EVENTS.contains(event.event())) {
            return false;
        }
        Routes current = routes;
        if (current.resolver() == null) {
            return false;
        }
        if (event.event().equals("push") && event.repository() != null) {
            current.resolver().github().pushed(event.repository(), event.payload());
        }
        EventContext context = current.resolver().resolve(event);
        List<Taken<?>> wanting = new ArrayList<>();
        for (EventHandler h : current.handlers()) {
            for (Subscription<?> s : h.subscriptions()) {
                Taken<?> taken = take(s, context);
                if (taken != null) {
                    wanting.add(taken);
                    break;
                }
            }
        }
        if (wanting.isEmpty()) {
            return false;
        }
        List<Future<?>> others = new ArrayList<>();
        for (Taken<?> t : wanting.subList(1, wanting.size())) {
            others.add(parallel.submit(() -> {
                t.run(context);
                return null;
            }));
        }
        Thread worker = Thread.currentThread();
        AtomicBoolean overBudget = new AtomicBoolean();
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            overBudget.set(true);
            others.forEach(f -> f.cancel(true));
            worker.interrupt();
        }, budgetMillis, TimeUnit.MILLISECONDS);
        Exception failure = null;
        try {
            wanting.get(0).run(context);
        } catch (Exception e) {
            failure = e;
        }
        for (Future<?> f : others) { // every handler finishes before the delivery's outcome is known
            try {
                f.get();
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (cause != failure) { // handlers sharing one read (SingleFlight) fail with one exception
                    failure.addSuppressed(cause);
                }
            } catch (CancellationException | InterruptedException stopped) {
                // stopped by the watchdog: the budget's failure below says so
            }
        }
        if (!deadline.cancel(false)) { // the watchdog ran (or runs now): wait for it, then clear what it set
            try {
                deadline.get();
            } catch (ExecutionException | CancellationException | InterruptedException ignored) {
                // it only sets flags
            }
            Thread.interrupted(); // the worker carries on with the next delivery, uninterrupted
        }
        if (overBudget.get()) {
            OverBudgetException over = new OverBudgetException(budgetMillis);
            if (failure != null) {
                over.addSuppressed(failure);
            }
            throw over;
        }
        if (failure != null) {
            throw failure;
        }
        return true;
    }

    /**
     * The subscription with its typed payload when it takes the delivery. A payload that cannot be read as its type
     * (fields GitHub always sends are missing; the context logs it once) is one no behaviour can act on: it is not taken.
     */
    private static <T> Taken<T> take(Subscription<T> s, EventContext context) {
        if (!s.names(context.event())) {
            return null;
        }
        try {
            T payload = context.payload(s);
            return s.when().test(payload) ? new Taken<>(s, payload) : null;
        } catch (Exception unreadable) {
            return null;
        }
    }
}

package dev.releasetrain.delivery;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides which unfinished delivery runs next. Deliveries sharing an ordering key (one pull request or issue) run
 * one at a time in arrival order, a retry waiting included; all others are free to run side by side. Pure
 * bookkeeping, not thread-safe: the worker pool guards it.
 */
public final class DeliveryScheduler {
    private static final Comparator<Entry> BY_SEQ = Comparator.comparingLong(e -> e.seq);
    private static final Comparator<Entry> BY_DUE = Comparator.<Entry>comparingLong(e -> e.dueAt).thenComparing(BY_SEQ);

    private static final class Entry {
        final long seq;
        final String id;
        final String key;
        long dueAt;
        int attempts;
        boolean running;

        Entry(QueuedDelivery q) {
            this.seq = q.seq();
            this.id = q.id();
            this.key = q.orderingKey();
            this.dueAt = q.nextAttemptAt();
            this.attempts = q.attempts();
        }

        QueuedDelivery view() {
            return new QueuedDelivery(seq, id, key, dueAt, attempts);
        }
    }

    /** The deliveries of one key in arrival order, and the one of them running, if any. */
    private static final class KeyQueue {
        final TreeSet<Entry> entries = new TreeSet<>(BY_SEQ);
        Entry running;
    }

    private final Map<Long, Entry> bySeq = new HashMap<>();
    private final Map<String, KeyQueue> byKey = new HashMap<>();
    /** Entries allowed to run (first of their key, nothing of their key running), soonest first. */
    private final TreeSet<Entry> ready = new TreeSet<>(BY_DUE);

    /** Adds a delivery, or brings a known one forward to its new due time (a redelivery). */
    public void add(QueuedDelivery q) {
        Entry known = bySeq.get(q.seq());
        if (known != null) {
            if (!known.running) {
                ready.remove(known);
                known.dueAt = q.nextAttemptAt();
                refresh(known);
            }
            return;
        }
        Entry e = new Entry(q);
        bySeq.put(e.seq, e);
        if (e.key != null) {
            KeyQueue queue = byKey.computeIfAbsent(e.key, k -> new KeyQueue());
            if (!queue.entries.isEmpty()) {
                ready.remove(queue.entries.first());
            }
            queue.entries.add(e);
        }
        refresh(e);
    }

    /** The next delivery due by {@code now}, marked running; empty when none is. */
    public Optional<QueuedDelivery> take(long now) {
        if (ready.isEmpty() || ready.first().dueAt > now) {
            return Optional.empty();
        }
        Entry e = ready.pollFirst();
        e.running = true;
        if (e.key != null) {
            byKey.get(e.key).running = e;
        }
        e.attempts++;
        return Optional.of(e.view());
    }

    /** When the soonest waiting delivery falls due, if any is allowed to run. */
    public Optional<Long> nextDueAt() {
        return ready.isEmpty() ? Optional.empty() : Optional.of(ready.first().dueAt);
    }

    /** Done or dead: it leaves, and the next delivery of its key may run. */
    public void finish(long seq) {
        Entry e = bySeq.remove(seq);
        if (e == null) {
            return;
        }
        ready.remove(e);
        if (e.key != null) {
            KeyQueue queue = byKey.get(e.key);
            queue.entries.remove(e);
            if (queue.running == e) {
                queue.running = null;
            }
            if (queue.entries.isEmpty()) {
                byKey.remove(e.key);
            } else {
                refresh(queue.entries.first());
            }
        }
    }

    /** Runs again at {@code at}; its key stays blocked behind it until then, which keeps the order. */
    public void retryAt(long seq, long at, boolean countAttempt) {
        Entry e = bySeq.get(seq);
        if (e == null) {
            return;
        }
        e.running = false;
        e.dueAt = at;
        if (e.key != null && byKey.get(e.key).running == e) {
            byKey.get(e.key).running = null;
        }
        if (!countAttempt) {
            e.attempts--;
        }
        refresh(e);
    }

    public int size() {
        return bySeq.size();
    }

    public boolean contains(long seq) {
        return bySeq.containsKey(seq);
    }

    private void refresh(Entry e) {
        if (e.running) {
            return;
        }
        if (e.key == null) {
            ready.add(e);
            return;
        }
        KeyQueue queue = byKey.get(e.key);
        Entry head = queue.entries.first();
        if (head != e) {
            ready.remove(e);
        }
        if (queue.running == null) {
            ready.add(head);
        }
    }
}

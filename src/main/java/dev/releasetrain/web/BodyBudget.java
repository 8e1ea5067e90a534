package dev.releasetrain.web;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of delivery bodies the door holds at once, across every request being read: each request reserves what
 * its buffer grows by before it grows, so strangers announcing large bodies (or sending them slowly) cannot make the
 * server hold more than this, whatever they announce.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Reserves {@code bytes}; false, reserving nothing, when that would pass the limit. */
    boolean reserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }
}

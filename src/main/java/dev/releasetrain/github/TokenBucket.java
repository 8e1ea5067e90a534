package dev.releasetrain.github;

/**
 * One installation's write budget as a token bucket: pure arithmetic; whoever paces keeps the state (in memory for
 * one process, in the database for a fleet).
 *
 * @param tokens    writes that may go out now (negative: owed, each waits its turn)
 * @param updatedAt when the tokens were counted, epoch ms
 */
public record TokenBucket(double tokens, long updatedAt) {

    /** Refill per millisecond and the largest burst. */
    public record Rate(double perMilli, double burst) {
        public static Rate perMinute(int writes) {
            return new Rate(writes / 60_000.0, Math.max(1, Math.min(20, writes / 4.0)));
        }
    }

    /** What taking one write at a moment gives: the bucket after, and how long the write waits. */
    public record Taken(TokenBucket after, long waitMillis) {
    }

    public static TokenBucket full(Rate rate, long now) {
        return new TokenBucket(rate.burst(), now);
    }

    /** Takes one write at {@code now}; a clock behind {@code updatedAt} (another replica's) refills nothing. */
    public Taken take(Rate rate, long now) {
        long at = Math.max(now, updatedAt);
        double left = Math.min(rate.burst(), tokens + (at - updatedAt) * rate.perMilli()) - 1;
        long wait = left >= 0 ? 0 : (long) Math.ceil(-left / rate.perMilli()) + (at - now);
        return new Taken(new TokenBucket(left, at), wait);
    }
}

package dev.releasetrain.delivery;

/** What storing a delivery did, which decides the door's answer. */
public enum IngestOutcome {
    /** First time seen: queued. */
    QUEUED,
    /** Seen before and it had failed or died: queued again (GitHub's redelivery reuses the id). */
    REQUEUED,
    /** Seen before and still waiting or running: nothing to do. */
    ALREADY_QUEUED,
    /** Seen before and processed: not processed again. */
    ALREADY_DONE,
    /** The same signed body stored under another delivery id: a captured payload posted again, not run again. */
    REPLAYED
}

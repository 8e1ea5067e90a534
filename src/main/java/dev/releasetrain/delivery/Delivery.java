package dev.releasetrain.delivery;

/**
 * A verified delivery as the door hands it to the store.
 *
 * @param fingerprint the body's signature (an HMAC of the body) where the body carries a person's say-so: the same
 *                    body under another id is a replay of it; null for everything else and the bot's own follow-ups
 * @param appId       the GitHub App whose secret verified it (or whose bot scheduled it): only that app's replicas run it
 */
public record Delivery(String id, String event, PayloadSummary summary, byte[] payload, long receivedAt, String fingerprint, long appId) {
    /** GitHub caps a webhook payload at 25 MB; nothing larger is read, parsed or stored. */
    public static final int MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

    /**
     * Whether the payload itself is someone's say-so the bot acts on as sent (a comment's commands, a label added or
     * removed): a captured copy posted again must not act twice. Other events only prompt the bot to read GitHub's
     * state, which a copy cannot change.
     */
    public static boolean carriesSaySo(String event, String action) {
        return event.equals("issue_comment") || event.equals("pull_request") && ("labeled".equals(action) || "unlabeled".equals(action));
    }
}

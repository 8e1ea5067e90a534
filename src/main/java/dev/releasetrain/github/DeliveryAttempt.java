package dev.releasetrain.github;

import java.time.Instant;

/**
 * One attempt GitHub made to deliver a webhook, as the app's delivery log lists it. A redelivery is a new attempt
 * with the same {@code guid} (the {@code X-GitHub-Delivery} the store dedupes on).
 *
 * @param statusCode what the app answered; 0 when GitHub got no answer (connection refused, timeout)
 */
public record DeliveryAttempt(long id, String guid, Instant deliveredAt, boolean redelivery, int statusCode, String event) {

    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }

    /**
     * Whether asking again can change the answer: no answer, a timeout, a server error or overload. A 4xx other than
     * those is the door refusing the request on purpose (a bad signature, say) and would be refused again.
     */
    public boolean worthAgain() {
        return statusCode == 0 || statusCode == 408 || statusCode == 429 || statusCode >= 500;
    }
}

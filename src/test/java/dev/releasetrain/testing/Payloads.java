package dev.releasetrain.testing;

import java.nio.charset.StandardCharsets;

/** The smallest payloads the store and the queue take, for tests where no feature reads them. */
public final class Payloads {
    private Payloads() {
    }

    /** A pull request of {@code o/r} opened: enough to be routed, ordered by its number and recorded. */
    public static byte[] pullRequestOpened(long number) {
        return ("{\"action\":\"opened\",\"number\":" + number + ",\"installation\":{\"id\":1},"
                + "\"repository\":{\"full_name\":\"o/r\"},\"pull_request\":{\"number\":" + number + "}}").getBytes(StandardCharsets.UTF_8);
    }
}

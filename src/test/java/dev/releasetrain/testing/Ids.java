package dev.releasetrain.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Delivery ids in GitHub's shape (UUIDs), named for what a test means by them: the same label gives the same id. */
public final class Ids {
    private Ids() {
    }

    public static String id(String label) {
        return UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package dev.releasetrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real GitHub material in ../shared (see its README): webhook payloads, REST routes. */
public final class Fixtures {
    public static final Path SHARED = Path.of("..", "shared").toAbsolutePath().normalize();
    public static final Path WEBHOOKS = SHARED.resolve("fixtures/webhooks");

    private Fixtures() {
    }

    public static byte[] webhook(String event, String file) {
        try {
            return Files.readAllBytes(WEBHOOKS.resolve(event).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded payload, as (event, file) pairs; the folder name is the X-GitHub-Event. */
    public static List<Path> allWebhooks() {
        try (Stream<Path> files = Files.walk(WEBHOOKS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String eventOf(Path webhookFile) {
        return webhookFile.getParent().getFileName().toString();
    }
}

package dev.releasetrain.migrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Earlier migrations read from the working tree, beside the file checked: what {@code check-migrations} compares with. */
public final class EarlierMigrationsOnDisk implements EarlierMigrations {
    @Override
    public Optional<List<String>> before(String path) throws IOException {
        Path file = Path.of(path).toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null) {
            return Optional.empty();
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(dir)) {
            names = entries.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
        List<String> sources = new ArrayList<>();
        for (String name : EarlierMigrations.predecessors(names, file.getFileName().toString())) {
            sources.add(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
        }
        return Optional.of(sources);
    }
}

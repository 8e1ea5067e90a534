package dev.releasetrain.migrations;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The migrations of the same app that come before a given one, oldest first, as they are where the change will
 * land: what an {@code AlterField} is judged against. Empty when they cannot be read.
 */
@FunctionalInterface
public interface EarlierMigrations {
    EarlierMigrations UNKNOWN = path -> Optional.empty();
    /** Django finds the definition in the latest migrations; older ones are not read. */
    int MOST = 50;

    Optional<List<String>> before(String path) throws IOException;

    /** The names in {@code names} that sort before {@code file}'s (Django numbers its migrations), the latest {@link #MOST}. */
    static List<String> predecessors(List<String> names, String file) {
        List<String> earlier = names.stream().filter(n -> n.endsWith(".py") && !n.equals("__init__.py") && n.compareTo(file) < 0)
                .sorted().toList();
        return earlier.subList(Math.max(0, earlier.size() - MOST), earlier.size());
    }
}

package dev.releasetrain.migrations;

import dev.releasetrain.github.Contents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Earlier migrations read from GitHub at the pull request's base (where the change lands), and only when a
 * migration alters a field: a directory listing and the latest files before it.
 */
public record EarlierMigrationsOnGitHub(Contents github, String baseRef) implements EarlierMigrations {
    @Override
    public Optional<List<String>> before(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || baseRef == null || baseRef.isEmpty()) {
            return Optional.empty();
        }
        String dir = path.substring(0, slash);
        List<String> sources = new ArrayList<>();
        for (String name : EarlierMigrations.predecessors(github.listFiles(dir, baseRef), path.substring(slash + 1))) {
            Optional<String> text = github.readFile(dir + "/" + name, baseRef).text();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            sources.add(text.get());
        }
        return Optional.of(sources);
    }
}

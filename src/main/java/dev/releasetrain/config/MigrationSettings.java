package dev.releasetrain.config;

import java.util.List;

/** The {@code migrations} section: where migrations live, which database judges them, how long to wait for a verdict. */
public record MigrationSettings(boolean enabled, String engine, List<String> paths, int timeoutMinutes, String contractLabel) {
    public List<Glob> globs() {
        return paths.stream().map(Glob::of).toList();
    }
}

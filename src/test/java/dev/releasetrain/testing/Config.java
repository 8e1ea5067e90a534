package dev.releasetrain.testing;

import dev.releasetrain.config.ConfigException;
import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.config.RepoSettings;

/** A repository's settings as its config file would give them, for table tests. */
public final class Config {
    private Config() {
    }

    /** @param yaml the file's text; null or blank: the defaults */
    public static RepoSettings of(String yaml) {
        try {
            return yaml == null || yaml.isBlank() ? new RepoConfigParser().defaultSettings() : new RepoConfigParser().settings(yaml);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

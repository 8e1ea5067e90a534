package dev.releasetrain.config;

/** A repository's config as loaded: usable, or broken in a way the checks must show. */
public sealed interface ConfigResult {
    record Valid(RepoSettings settings) implements ConfigResult {
    }

    record Invalid(ConfigException problem) implements ConfigResult {
    }
}

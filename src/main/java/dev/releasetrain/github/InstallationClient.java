package dev.releasetrain.github;

import org.kohsuke.github.GitHub;

/** What a feature uses to act on one installation's repositories: hub4j, and raw REST where hub4j falls short. */
public record InstallationClient(long installationId, GitHub hub, GitHubRest rest) {
}

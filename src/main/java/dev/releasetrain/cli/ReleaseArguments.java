package dev.releasetrain.cli;

import dev.releasetrain.release.Version;

import java.util.List;

/** {@code --repo owner/name --release X.Y.Z [--json]}: which release a command reads, as the release commands take it. */
record ReleaseArguments(String repo, Version version, boolean json) {
    static ReleaseArguments parse(String command, List<String> args, boolean jsonAllowed) {
        String repo = null;
        String version = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--repo" -> repo = DeliveriesCommand.value(args, ++i, "--repo");
                case "--release" -> version = DeliveriesCommand.value(args, ++i, "--release");
                case "--json" -> {
                    if (!jsonAllowed) {
                        throw new UsageException(command + " does not take \"--json\"");
                    }
                    json = true;
                }
                default -> throw new UsageException(command + " does not take \"" + args.get(i) + "\"");
            }
        }
        String given = version;
        Version parsed = version == null ? null : Version.parse(version).orElseThrow(() -> new UsageException(
                command + ": \"" + given + "\" is not a version X.Y.Z"));
        if (repo == null || parsed == null || !repo.matches("[\\w.-]+/[\\w.-]+")) {
            throw new UsageException(command + " needs --repo owner/name and --release X.Y.Z");
        }
        return new ReleaseArguments(repo, parsed, json);
    }
}

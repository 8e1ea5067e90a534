package dev.releasetrain.cli;

import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.notes.ReleaseNotes;
import dev.releasetrain.notes.SqlReleaseNotesStore;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code notes --repo owner/name --release X.Y.Z}: the release's notes in Markdown, from what the server recorded. */
public final class NotesCommand {
    private final ServerSettings settings;

    public NotesCommand(ServerSettings settings) {
        this.settings = settings;
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        String repo = null;
        String version = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--repo" -> repo = DeliveriesCommand.value(args, ++i, "--repo");
                case "--release" -> version = DeliveriesCommand.value(args, ++i, "--release");
                default -> throw new UsageException("notes does not take \"" + args.get(i) + "\"");
            }
        }
        if (repo == null || version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new UsageException("notes needs --repo owner/name and --release X.Y.Z");
        }
        // the categories of the documented defaults: the command line does not read repositories
        RepoSettings defaults = new RepoConfigParser().defaultSettings();
        try (Database db = Database.open(settings.database())) {
            out.print(ReleaseNotes.render(version, new SqlReleaseNotesStore(db).release(repo, version, defaults.release().branchPrefix()),
                    defaults.notes().categories()));
        }
        return 0;
    }
}

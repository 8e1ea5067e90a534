package dev.releasetrain.cli;

import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.notes.ReleaseNotes;
import dev.releasetrain.notes.SqlReleaseNotesStore;
import dev.releasetrain.release.ReleaseFacts;
import dev.releasetrain.release.SqlReleaseLedger;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** {@code notes --repo owner/name --release X.Y.Z}: the release's notes in Markdown, from its ledger. */
public final class NotesCommand {
    private final ServerSettings settings;

    public NotesCommand(ServerSettings settings) {
        this.settings = settings;
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        ReleaseArguments release = ReleaseArguments.parse("notes", args, false);
        try (Database db = Database.open(settings.database())) {
            var ledger = new SqlReleaseLedger(db, Clock.systemUTC()).of(release.repo(), release.version());
            if (ledger.isEmpty()) {
                throw new IllegalStateException(LedgerCommand.unknown(release));
            }
            // the categories of the documented defaults: the command line does not read repositories
            out.print(ReleaseNotes.render(release.version().toString(), ReleaseFacts.pullRequests(new SqlReleaseNotesStore(db), release.repo(), ledger),
                    new RepoConfigParser().defaultSettings().notes().categories()));
        }
        return 0;
    }
}

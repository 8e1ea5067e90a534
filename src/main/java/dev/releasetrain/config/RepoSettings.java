package dev.releasetrain.config;

/** A repository's settings, typed per capability, read and checked once from its config file merged over the defaults. */
public record RepoSettings(boolean fromFile, ReviewSettings review, SizeSettings size, NotesSettings notes, MigrationSettings migrations,
                           CherryPickSettings cherryPick, ReleaseSettings release) {
}

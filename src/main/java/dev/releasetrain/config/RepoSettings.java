package dev.releasetrain.config;

/**
 * A repository's settings, typed per capability, parsed once from its config file merged over the defaults.
 * Sections whose values can be wrong in meaning (a regex that does not compile, a time zone that does not exist)
 * hold the problem instead, and say it when asked for: one broken section does not stop the others.
 */
public final class RepoSettings {
    private final boolean fromFile;
    private final ReviewSettings review;
    private final SizeSettings size;
    private final NotesSettings notes;
    private final MigrationSettings migrations;
    private final Section<CherryPickSettings> cherryPick;
    private final Section<ReleaseSettings> release;

    /** A section as read: its settings, or what is wrong with them in words that name the key. */
    record Section<T>(T value, String problem) {
        T get() {
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return value;
        }
    }

    RepoSettings(boolean fromFile, ReviewSettings review, SizeSettings size, NotesSettings notes, MigrationSettings migrations,
                 Section<CherryPickSettings> cherryPick, Section<ReleaseSettings> release) {
        this.fromFile = fromFile;
        this.review = review;
        this.size = size;
        this.notes = notes;
        this.migrations = migrations;
        this.cherryPick = cherryPick;
        this.release = release;
    }

    /** False when the repository has no config file and the defaults apply. */
    public boolean fromFile() {
        return fromFile;
    }

    public ReviewSettings review() {
        return review;
    }

    public SizeSettings size() {
        return size;
    }

    public NotesSettings notes() {
        return notes;
    }

    public MigrationSettings migrations() {
        return migrations;
    }

    /** @throws IllegalArgumentException naming the key, when the section's values cannot be used */
    public CherryPickSettings cherryPick() {
        return cherryPick.get();
    }

    /** @throws IllegalArgumentException naming the key, when the section's values cannot be used */
    public ReleaseSettings release() {
        return release.get();
    }
}

package dev.releasetrain.config;

/**
 * A repository config file that cannot be used. The message is meant for the people who own the file and is shown
 * in the checks: it names the file, the line and the key.
 */
public final class ConfigException extends Exception {
    private final String key;
    private final int line;

    public ConfigException(String key, int line, String problem) {
        super(RepoConfigParser.PATH + (line > 0 ? " line " + line : "") + ": " + problem);
        this.key = key;
        this.line = line;
    }

    /** The dotted key at fault, or empty when the file as a whole is. */
    public String key() {
        return key;
    }

    public int line() {
        return line;
    }
}

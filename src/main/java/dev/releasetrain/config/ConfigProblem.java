package dev.releasetrain.config;

/**
 * One thing wrong with a config file.
 *
 * @param key  the dotted key at fault, or empty when the file as a whole is
 * @param line 0 when no line can be named
 */
public record ConfigProblem(String key, int line, String message) {
    /** {@code FILE:LINE: message}, the form compilers and editors understand. */
    public String at(String file) {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}

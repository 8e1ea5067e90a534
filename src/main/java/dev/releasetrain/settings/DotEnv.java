package dev.releasetrain.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the {@code .env} file the setup flow leaves beside the jar. Values are single-line, or
 * double-quoted with {@code \n} escapes (a PEM key), as dotenv tools write them.
 */
public final class DotEnv {
    private DotEnv() {
    }

    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) { // named by its number only: the line may be part of a key
                    throw new SettingsException("The file " + file + " has a line that is not NAME=value: line " + number + ".");
                }
                String name = trimmed.substring(0, eq).strip();
                if (name.startsWith("export ")) {
                    name = name.substring("export ".length()).strip();
                }
                values.put(name, unquote(trimmed.substring(eq + 1).strip()));
            }
        } catch (IOException e) {
            throw new SettingsException("The file " + file + " cannot be read: " + e.getMessage());
        }
        return values;
    }

    /**
     * Merges {@code updates} into the file, keeping other lines, readable by the owner only (it holds secrets). The
     * new text goes to a file created 0600 with a fresh name (created exclusively: no window under the umask, no link
     * followed), then renamed over the old one, so a reader sees the old file or the new one, never half of one.
     */
    public static void write(Path file, Map<String, String> updates) throws IOException {
        Map<String, String> values = read(file);
        values.putAll(updates);
        StringBuilder out = new StringBuilder("# Written by Release Train's setup; holds secrets, keep it private.\n");
        values.forEach((k, v) -> out.append(k).append('=').append(quote(v)).append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".env-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            tmp = Files.createTempFile(dir, ".env-", ".tmp");
        }
        try {
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:,@+-]*")) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    static String unquote(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            String inner = raw.substring(1, raw.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    char n = inner.charAt(++i);
                    out.append(n == 'n' ? '\n' : n);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw;
    }
}

package dev.releasetrain.cli;

import dev.releasetrain.config.ConfigProblem;
import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.config.SettingsSchema;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code config check [FILE]}: a repository config checked as the server would read it, before it goes live, each
 * problem as {@code FILE:LINE: message} (exit 1 if any); {@code config defaults}: the commented defaults;
 * {@code config schema}: the JSON Schema editors validate with.
 */
public final class ConfigCommand {
    private final RepoConfigParser parser = new RepoConfigParser();

    public int run(List<String> args, PrintStream out, PrintStream err) {
        String verb = args.isEmpty() ? "" : args.get(0);
        switch (verb) {
            case "check" -> {
                if (args.size() > 2) {
                    throw new UsageException("config check takes one file at most");
                }
                return check(Path.of(args.size() == 2 ? args.get(1) : RepoConfigParser.PATH), out, err);
            }
            case "defaults" -> out.print(parser.defaultsText());
            case "schema" -> out.print(SettingsSchema.json(parser));
            default -> throw new UsageException("config needs check [FILE], defaults or schema");
        }
        return 0;
    }

    private int check(Path file, PrintStream out, PrintStream err) {
        String text;
        try {
            if (Files.size(file) > RepoConfigParser.MAX_BYTES) {
                out.println(file + ": the file is larger than " + RepoConfigParser.MAX_BYTES / 1024 + " KB");
                return 1;
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("release-train: " + file + " does not exist (name the file: config check path/to/release-train.yml)");
            return 2;
        } catch (IOException e) {
            err.println("release-train: " + file + " cannot be read: " + e.getMessage());
            return 2;
        }
        List<ConfigProblem> problems = parser.check(text);
        problems.forEach(p -> out.println(p.at(file.toString())));
        if (problems.isEmpty()) {
            out.println(file + ": ok");
            return 0;
        }
        return 1;
    }
}

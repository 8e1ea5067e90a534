package dev.releasetrain.release;

import dev.releasetrain.commands.SlashCommandLines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release owner's commands: {@code /release <verb> [argument]}, one per line, several per comment, ignored in
 * quotes and code blocks. An unknown verb or a bad argument is an error that lists what is valid.
 */
public final class ReleaseCommands {
    public enum Verb {
        START("start [X.Y.Z]", "cut release-X.Y.Z from the default branch and open its checklist", true),
        OWNER("owner @user", "hand the release to someone else", true),
        STATUS("status", "where the release stands", false),
        NOTES("notes", "regenerate the notes in the checklist", true),
        BUMP("bump", "commit the version change on the release branch", true),
        TAG("tag [--force]", "tag X.Y.Z and publish the GitHub release (once the version files say X.Y.Z)", true),
        SYNC("sync [--force]", "open a pull request bringing the version bump back (once X.Y.Z is tagged)", true),
        CANCEL("cancel", "close the release (nothing is deleted)", true),
        HELP("help", "this list", false);

        public final String usage;
        public final String does;
        /** Whether it changes anything (and so needs write permission, and membership of release.managers). */
        public final boolean writes;

        Verb(String usage, String does, boolean writes) {
            this.usage = usage;
            this.does = does;
            this.writes = writes;
        }
    }

    /** One understood command. */
    public record Command(Verb verb, Optional<Version> version, Optional<String> user, boolean force, String line) {
    }

    /** A line that starts like a command but is not one that can be carried out, and why. */
    public record Problem(String line, String message) {
    }

    public record Parsed(List<Command> commands, List<Problem> problems) {
        /** No command and nothing that looked like one: the comment is not for the bot. */
        public boolean isEmpty() {
            return commands.isEmpty() && problems.isEmpty();
        }
    }

    private static final Pattern LINE = Pattern.compile("^/release(?:\\s+(\\S+))?(?:\\s+(.*))?$");
    private static final Pattern USER = Pattern.compile("@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))");

    private ReleaseCommands() {
    }

    public static Parsed parse(String body) {
        List<Command> commands = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Matcher m : SlashCommandLines.all(body, LINE)) {
            String line = m.group(0);
            String verbText = m.group(1);
            String arg = m.group(2) == null ? "" : m.group(2).strip();
            Optional<Verb> verb = Arrays.stream(Verb.values()).filter(v -> v.name().equalsIgnoreCase(verbText == null ? "" : verbText)).findFirst();
            if (verb.isEmpty()) {
                problems.add(new Problem(line, (verbText == null ? "A verb is missing" : "`" + verbText + "` is not a release command")
                        + ". Valid: " + String.join(", ", Arrays.stream(Verb.values()).map(v -> "`/release " + v.usage + "`").toList()) + "."));
                continue;
            }
            switch (verb.get()) {
                case START -> {
                    if (arg.isEmpty()) {
                        commands.add(new Command(Verb.START, Optional.empty(), Optional.empty(), false, line));
                    } else {
                        Optional<Version> v = Version.parse(arg);
                        if (v.isPresent()) {
                            commands.add(new Command(Verb.START, v, Optional.empty(), false, line));
                        } else {
                            problems.add(new Problem(line, "`" + arg + "` is not a version: give X.Y.Z, such as 1.30.0, or nothing for the next minor."));
                        }
                    }
                }
                case OWNER -> {
                    Matcher u = USER.matcher(arg);
                    if (u.matches()) {
                        commands.add(new Command(Verb.OWNER, Optional.empty(), Optional.of(u.group(1)), false, line));
                    } else {
                        problems.add(new Problem(line, "Name the new owner as `@user`."));
                    }
                }
                case TAG, SYNC -> {
                    if (arg.isEmpty() || arg.equals("--force")) {
                        commands.add(new Command(verb.get(), Optional.empty(), Optional.empty(), arg.equals("--force"), line));
                    } else {
                        problems.add(new Problem(line, "`/release " + verb.get().name().toLowerCase(Locale.ROOT) + "` takes only `--force`."));
                    }
                }
                default -> {
                    if (arg.isEmpty()) {
                        commands.add(new Command(verb.get(), Optional.empty(), Optional.empty(), false, line));
                    } else {
                        problems.add(new Problem(line, "`/release " + verb.get().usage + "` takes no argument."));
                    }
                }
            }
        }
        return new Parsed(commands, problems);
    }
}

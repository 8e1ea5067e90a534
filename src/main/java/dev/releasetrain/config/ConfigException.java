package dev.releasetrain.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A repository config file that cannot be used. The message is meant for the people who own the file and is shown
 * in the checks: each problem with the file, its line and the key.
 */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(String key, int line, String problem) {
        this(List.of(new ConfigProblem(key, line, problem)));
    }

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(p -> RepoConfigParser.PATH + (p.line() > 0 ? " line " + p.line() : "") + ": " + p.message())
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The dotted key at fault (of the first problem), or empty when the file as a whole is. */
    public String key() {
        return problems.get(0).key();
    }

    public int line() {
        return problems.get(0).line();
    }
}

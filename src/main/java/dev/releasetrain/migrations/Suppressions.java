package dev.releasetrain.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings a migration's author has accepted, with a reason, in the file's own comment form:
 * {@code -- release-train: allow drop-column: the column was unused since 1.28} (SQL) or {@code # release-train: …}
 * (Python, Ruby) on the statement's line or the line above it, or {@code allow-file RULE: reason} anywhere for the
 * whole file. A suppression without a reason, or naming no rule, is itself a finding.
 */
final class Suppressions {
    private static final Pattern COMMENT = Pattern.compile("(?:--|#)\\s*release-train:\\s*(allow|allow-file)\\b\\s*([\\w-]*)\\s*(?::\\s*(.*))?$");

    /** One suppression: the rule it allows, for the file or for the line it stands on and the next. */
    private record Allow(String rule, boolean file, int line, String reason) {
        boolean covers(SqlRules.Issue issue) {
            return rule.equals(issue.rule()) && (file || issue.line() == line || issue.line() == line + 1);
        }
    }

    private final List<Allow> allows = new ArrayList<>();
    private final List<Finding> problems = new ArrayList<>();

    Suppressions(String path, String content) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = COMMENT.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            String rule = m.group(2);
            String reason = m.group(3) == null ? "" : m.group(3).strip();
            if (!SqlRules.RULES.contains(rule)) {
                problems.add(new Finding(path, i + 1, Finding.FAILURE, "a suppression must name a rule (" + String.join(", ", SqlRules.RULES)
                        + "), not \"" + rule + "\""));
            } else if (reason.isEmpty()) {
                problems.add(new Finding(path, i + 1, Finding.FAILURE, "a suppression needs a reason, for the people who read the "
                        + "check: `release-train: " + m.group(1) + " " + rule + ": why it is safe here`"));
            } else {
                allows.add(new Allow(rule, m.group(1).equals("allow-file"), i + 1, reason));
            }
        }
    }

    /** The reason an issue was allowed, if it was. */
    Optional<String> reason(SqlRules.Issue issue) {
        return allows.stream().filter(a -> a.covers(issue)).map(Allow::reason).findFirst();
    }

    /** Suppressions that are findings themselves (no reason, no rule). */
    List<Finding> problems() {
        return problems;
    }
}

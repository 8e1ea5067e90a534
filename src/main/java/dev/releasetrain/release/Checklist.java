package dev.releasetrain.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checklist issue's body as text the bot edits in place. Bot steps carry {@code <!-- release-train:step NAME -->}
 * and are ticked with an evidence line under them; other boxes belong to people and are never touched. Sections the
 * bot keeps current sit between {@code <!-- release-train:section NAME -->} and {@code <!-- release-train:end NAME -->};
 * everything outside them is the humans' text.
 */
public final class Checklist {
    /** GitHub refuses an issue body longer than this many characters. */
    public static final int MAX_BODY = 65_536;
    private static final Pattern VARIABLE = Pattern.compile("\\$(PREVIOUS_VERSION|VERSION|RELEASE_BRANCH|FREEZE_DATE|RELEASE_DATE|OWNER)\\b");
    private static final Pattern HEADER = Pattern.compile("<!-- release-train:checklist (\\d+\\.\\d+\\.\\d+) -->");
    private static final Pattern BOX = Pattern.compile("^(\\s*[-*+] \\[)([ xX])(\\] .*)$", Pattern.MULTILINE);
    private static final Pattern STEP = Pattern.compile("<!-- release-train:step ([a-z-]+) -->");

    /** One checkbox line: its text (markers removed), whether it is ticked, and the bot step it is, if any. */
    public record Step(String text, boolean done, Optional<String> botStep) {
    }

    /** A body that fits GitHub's limit, and what had to move to a comment (empty when nothing did). */
    public record Fitted(String body, String overflow) {
    }

    private Checklist() {
    }

    public static String builtInTemplate() {
        try (InputStream in = Checklist.class.getResourceAsStream("/release/checklist.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new checklist from a template: variables filled in, each section marker alone on a line opened into an empty
     * section, {@code $OWNER} made a small section of its own so a hand-over can change it. The state and overrides
     * sections are added when a repository's own template leaves them out: they are the release's record.
     */
    public static String render(String template, Version version, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("OWNER") ? start("owner") + variables.getOrDefault("OWNER", "") + end("owner")
                    : variables.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String body = Pattern.compile("^[ \\t]*(<!-- release-train:section ([a-z-]+) -->)[ \\t]*$", Pattern.MULTILINE).matcher(out)
                .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\n" + end(r.group(2))));
        StringBuilder full = new StringBuilder("<!-- release-train:checklist ").append(version).append(" -->\n");
        if (!body.contains(start("state"))) {
            full.append(start("state")).append("\n").append(end("state")).append("\n");
        }
        full.append(body.strip()).append("\n");
        if (!body.contains(start("overrides"))) {
            full.append("\n").append(start("overrides")).append("\n").append(end("overrides")).append("\n");
        }
        return full.toString();
    }

    /** The version a checklist is for, from the bot's header marker. */
    public static Optional<Version> version(String body) {
        Matcher m = HEADER.matcher(body == null ? "" : body);
        return m.find() ? Version.parse(m.group(1)) : Optional.empty();
    }

    public static List<Step> steps(String body) {
        List<Step> out = new ArrayList<>();
        Matcher m = BOX.matcher(body);
        while (m.find()) {
            Matcher step = STEP.matcher(m.group(3));
            String text = STEP.matcher(m.group(3).substring(2)).replaceAll("").strip();
            out.add(new Step(text, !m.group(2).equals(" "), step.find() ? Optional.of(step.group(1)) : Optional.empty()));
        }
        return out;
    }

    /** The bot step ticked, with this evidence under it (replacing earlier evidence); unchanged when the step is absent. */
    public static String tick(String body, String step, String evidence) {
        return mark(body, step, "x", "  ↳ " + evidence.replace("\n", " ") + " " + evidenceMarker(step));
    }

    /** Ticked with this evidence unless it is ticked already: a repeat keeps the first evidence (who did it, when). */
    public static String ensureTicked(String body, String step, String evidence) {
        return ticked(body, step).orElse(true) ? body : tick(body, step, evidence);
    }

    /** The bot step unticked and its evidence removed: what it claimed no longer holds. */
    public static String untick(String body, String step) {
        return mark(body, step, " ", null);
    }

    private static String mark(String body, String step, String box, String evidence) {
        String marker = "<!-- release-train:step " + step + " -->";
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = BOX.matcher(lines.get(i));
            if (m.matches() && m.group(3).contains(marker)) {
                lines.set(i, m.group(1) + box + m.group(3));
                boolean hasEvidence = i + 1 < lines.size() && lines.get(i + 1).contains(evidenceMarker(step));
                if (hasEvidence && evidence == null) {
                    lines.remove(i + 1);
                } else if (hasEvidence) {
                    lines.set(i + 1, evidence);
                } else if (evidence != null) {
                    lines.add(i + 1, evidence);
                }
                break;
            }
        }
        return String.join("\n", lines);
    }

    /** Whether a bot step's box is ticked; empty when the checklist has no such step. */
    public static Optional<Boolean> ticked(String body, String step) {
        return steps(body).stream().filter(s -> s.botStep().equals(Optional.of(step))).findFirst().map(Step::done);
    }

    public static boolean hasSection(String body, String name) {
        return body.contains(start(name)) && body.indexOf(end(name)) > body.indexOf(start(name));
    }

    /** The section's content replaced; a section the template left out stays out. */
    public static String section(String body, String name, String content) {
        int from = body.indexOf(start(name));
        int to = body.indexOf(end(name), Math.max(from, 0));
        if (from < 0 || to < 0) {
            return body;
        }
        boolean block = from == 0 || body.charAt(from - 1) == '\n';
        String inner = block ? "\n" + (content.isBlank() ? "" : content.strip() + "\n") : content;
        return body.substring(0, from + start(name).length()) + inner + body.substring(to);
    }

    public static Optional<String> sectionContent(String body, String name) {
        int from = body.indexOf(start(name));
        int to = body.indexOf(end(name), Math.max(from, 0));
        return from < 0 || to < 0 ? Optional.empty() : Optional.of(body.substring(from + start(name).length(), to).strip());
    }

    /**
     * Keeps the body under GitHub's limit: the largest sections move, whole, to the overflow comment (the body then
     * points there) until the rest fits. The overflow is itself cut to the limit, saying so.
     */
    public static Fitted fit(String body, List<String> movable, int limit) {
        String fitted = body;
        StringBuilder overflow = new StringBuilder();
        List<String> bySize = movable.stream().filter(n -> hasSection(body, n))
                .sorted(Comparator.comparingInt((String n) -> sectionContent(body, n).orElse("").length()).reversed()).toList();
        for (String name : bySize) {
            if (fitted.length() <= limit) {
                break;
            }
            overflow.append("### ").append(name).append("\n\n").append(sectionContent(fitted, name).orElse("")).append("\n\n");
            fitted = section(fitted, name, "_Too long for the issue: see the bot's overflow comment below._");
        }
        if (fitted.length() > limit) {
            fitted = fitted.substring(0, limit - 200) + "\n\n_The rest of this checklist did not fit in an issue._\n";
        }
        String moved = overflow.toString();
        if (moved.length() > limit - 500) {
            moved = moved.substring(0, limit - 500) + "\n\n_Cut here: GitHub allows " + limit + " characters in a comment._\n";
        }
        return new Fitted(fitted, moved);
    }

    static String start(String name) {
        return "<!-- release-train:section " + name + " -->";
    }

    static String end(String name) {
        return "<!-- release-train:end " + name + " -->";
    }

    private static String evidenceMarker(String step) {
        return "<!-- release-train:evidence " + step + " -->";
    }
}

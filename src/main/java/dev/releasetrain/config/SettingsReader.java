package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the typed settings out of a merged config tree, the only place that knows the keys' names, and checks what
 * the types cannot say: that regexes compile, days and time zones exist, thresholds grow, labels are labels. Every
 * problem is collected with its line, so one reading reports them all.
 */
final class SettingsReader {
    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    static final List<String> ENGINES = List.of("postgresql", "mysql", "sqlite");
    static final List<String> BUCKET_LABELS = List.of("size/XS", "size/S", "size/M", "size/L", "size/XL", "size/XXL");
    private static final String LABEL = "\\S(?:.{0,48}\\S)?";
    private static final String LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
    private static final String BRANCH_PREFIX = "[A-Za-z0-9][A-Za-z0-9._/-]{0,50}";

    /** The simple rules, by key; a list key's rule applies to each item. The JSON Schema is written from these too. */
    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        Rule label = Rule.matching(LABEL, 50, "a GitHub label: 1 to 50 characters, not starting or ending with a space");
        RULES.put("review.required-approvals", Rule.between(0, 10));
        RULES.put("review.exempt-authors", Rule.matching(LOGIN + "(?:\\[bot\\])?", 45, "a GitHub login such as dependabot[bot]"));
        RULES.put("review.emergency-label", label);
        RULES.put("review.post-merge-review-label", label);
        RULES.put("review.count-approvals-from", Rule.oneOfAnyCase(List.of("write", "anyone")));
        for (String b : SizeSettings.BUCKETS) {
            RULES.put("size.thresholds." + b, Rule.between(1, 1_000_000));
        }
        RULES.put("size.exclude", Rule.matching("!?[^!\\s].*", null, "a glob such as fixtures/** (\"!glob\" counts a file again)"));
        RULES.put("size.comment-from", Rule.oneOf(withEmpty(BUCKET_LABELS)));
        RULES.put("size.fail-from", Rule.oneOf(withEmpty(BUCKET_LABELS)));
        RULES.put("size.skip-label", label);
        RULES.put("cherry-pick.mode", Rule.oneOfAnyCase(List.of("pull-request", "push")));
        RULES.put("cherry-pick.failed-label", label);
        RULES.put("cherry-pick.auto-merge-method", Rule.oneOfAnyCase(List.of("merge", "squash", "rebase")));
        RULES.put("highlights.label", label);
        RULES.put("notes.categories.title", Rule.matching("\\S.*", 100, "a heading"));
        RULES.put("notes.categories.labels", label);
        RULES.put("release.branch-prefix", Rule.matching(BRANCH_PREFIX, 51, "the start of a branch name, such as release-"));
        RULES.put("release.label", label);
        RULES.put("release.schedule.release-day", Rule.oneOfAnyCase(DAYS));
        RULES.put("release.schedule.freeze-day", Rule.oneOfAnyCase(DAYS));
        RULES.put("release.timezone", new Rule(ZoneId.getAvailableZoneIds().stream().sorted().toList(), false, null, null, null, null,
                "a time zone; use a name such as Europe/Berlin or UTC"));
        RULES.put("release.managers", Rule.matching("@?" + LOGIN + "(?:/[A-Za-z0-9._-]{1,100})?", 141, "a login (alice) or a team (my-org/releasers)"));
        RULES.put("release.owners", Rule.matching("@?" + LOGIN, 40, "a login such as alice"));
        RULES.put("release.version-files.path", Rule.matching("(?!/)(?!.*\\.\\.)[^\\\\]+", 4096, "a file path inside the repository, such as app/version.py"));
        Rule message = Rule.matching("[^\\n]*\\{version\\}[^\\n]*", 200, "one line naming {version}, such as Version {version}");
        RULES.put("release.bump-message", message);
        RULES.put("release.tag-message", message);
        RULES.put("release.checklist-template", Rule.matching("(?!/)(?!.*\\.\\.)[^\\\\]+", 4096, "a file path inside the repository"));
        RULES.put("migrations.engine", Rule.oneOfAnyCase(ENGINES));
        RULES.put("migrations.paths", Rule.matching("!?[^!\\s].*", null, "a glob such as **/migrations/**"));
        RULES.put("migrations.timeout-minutes", Rule.between(0, 1440));
        RULES.put("migrations.contract-label", label);
    }

    private final RepoConfig c;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private SettingsReader(RepoConfig c) {
        this.c = c;
    }

    static RepoSettings read(RepoConfig c, boolean fromFile) throws ConfigException {
        SettingsReader r = new SettingsReader(c);
        RULES.forEach(r::checkRule);
        RepoSettings settings = new RepoSettings(fromFile, r.review(), r.size(), r.notes(), r.migrations(), r.cherryPick(), r.release());
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        return settings;
    }

    private static List<String> withEmpty(List<String> values) {
        List<String> out = new ArrayList<>(values);
        out.add(0, "");
        return out;
    }

    private void problem(String key, String message) {
        problems.add(new ConfigProblem(key, c.line(key), message));
    }

    /** A rule's key names a value, a list of values, or (with a last part) a field of each item of a list of mappings. */
    private void checkRule(String key, Rule rule) {
        int dot = key.lastIndexOf('.');
        String parent = dot < 0 ? "" : key.substring(0, dot);
        if (c.has(parent) && c.node(parent).isArray()) { // notes.categories.title: the field of each item
            JsonNode items = c.node(parent);
            for (int i = 0; i < items.size(); i++) {
                JsonNode field = items.get(i).path(key.substring(dot + 1));
                String at = parent + "[" + i + "]";
                if (field.isArray()) {
                    for (int j = 0; j < field.size(); j++) {
                        check(at + "." + key.substring(dot + 1) + "[" + j + "]", at, field.get(j), rule);
                    }
                } else if (!field.isMissingNode()) {
                    check(at + "." + key.substring(dot + 1), at, field, rule);
                }
            }
            return;
        }
        JsonNode n = c.node(key);
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                check(key + "[" + i + "]", key, n.get(i), rule);
            }
        } else {
            check(key, key, n, rule);
        }
    }

    private void check(String key, String lineKey, JsonNode value, Rule rule) {
        String text = value.asText();
        boolean ok = true;
        if (rule.allowed() != null) {
            ok = rule.allowed().stream().anyMatch(a -> rule.anyCase() ? a.equalsIgnoreCase(text.strip()) : a.equals(text));
        }
        if (rule.min() != null && (!value.canConvertToLong() || value.asLong() < rule.min() || value.asLong() > rule.max())) {
            ok = false;
        }
        if (rule.pattern() != null && (!text.matches(rule.pattern()) || rule.maxLength() != null && text.length() > rule.maxLength())) {
            ok = false;
        }
        if (!ok) {
            String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
            problems.add(new ConfigProblem(key, c.line(key) > 0 ? c.line(key) : c.line(lineKey), key + ": \"" + shown + "\" is not " + rule.hint()));
        }
    }

    private ReviewSettings review() {
        return new ReviewSettings(c.bool("review.enabled"), c.integer("review.required-approvals"), c.bool("review.dismiss-stale-approvals"),
                new LinkedHashSet<>(c.strings("review.exempt-authors")), c.string("review.emergency-label"),
                c.string("review.post-merge-review-label"), c.string("review.count-approvals-from").toLowerCase(java.util.Locale.ROOT).equals("write"));
    }

    private SizeSettings size() {
        List<Integer> thresholds = SizeSettings.BUCKETS.stream().map(b -> c.integer("size.thresholds." + b)).toList();
        for (int i = 1; i < thresholds.size(); i++) {
            if (thresholds.get(i) <= thresholds.get(i - 1)) {
                String key = "size.thresholds." + SizeSettings.BUCKETS.get(i);
                problem(key, key + " (" + thresholds.get(i) + ") must be larger than size.thresholds." + SizeSettings.BUCKETS.get(i - 1)
                        + " (" + thresholds.get(i - 1) + "): each bucket starts where the one before ends");
            }
        }
        return new SizeSettings(c.bool("size.enabled"), thresholds, c.strings("size.exclude"), c.string("size.comment-from"),
                c.string("size.fail-from"), c.string("size.skip-label"));
    }

    private NotesSettings notes() {
        List<NotesSettings.Category> categories = new ArrayList<>();
        c.node("notes.categories").forEach(n -> {
            List<String> labels = new ArrayList<>();
            n.path("labels").forEach(l -> labels.add(l.asText()));
            categories.add(new NotesSettings.Category(n.path("title").asText(), List.copyOf(labels)));
        });
        return new NotesSettings(c.string("highlights.label"), List.copyOf(categories));
    }

    private MigrationSettings migrations() {
        return new MigrationSettings(c.bool("migrations.enabled"), c.string("migrations.engine").toLowerCase(Locale.ROOT),
                c.strings("migrations.paths"), c.integer("migrations.timeout-minutes"), c.string("migrations.contract-label"));
    }

    private CherryPickSettings cherryPick() {
        Pattern labels = regex("cherry-pick.label-pattern", 0);
        String target = c.string("cherry-pick.target-branch");
        if (labels != null) {
            Matcher refs = Pattern.compile("\\$(\\d+)").matcher(target);
            int groups = labels.matcher("").groupCount();
            while (refs.find()) {
                if (Integer.parseInt(refs.group(1)) > groups) {
                    problem("cherry-pick.target-branch", "cherry-pick.target-branch uses $" + refs.group(1) + " but cherry-pick.label-pattern has "
                            + groups + " group" + (groups == 1 ? "" : "s"));
                }
            }
        }
        if (!target.replaceAll("\\$\\d+", "1").matches("[A-Za-z0-9][A-Za-z0-9._/$-]{0,199}") || target.contains("..")) {
            problem("cherry-pick.target-branch", "cherry-pick.target-branch: \"" + target + "\" cannot name a branch (such as release-$1)");
        }
        return new CherryPickSettings(c.bool("cherry-pick.enabled"), labels == null ? Pattern.compile("(?!)") : labels, target,
                "push".equalsIgnoreCase(c.string("cherry-pick.mode")), c.string("cherry-pick.failed-label"),
                c.bool("cherry-pick.auto-merge") ? Optional.of(c.string("cherry-pick.auto-merge-method").toUpperCase(Locale.ROOT)) : Optional.empty());
    }

    private ReleaseSettings release() {
        List<ReleaseSettings.VersionFileRule> files = new ArrayList<>();
        JsonNode list = c.node("release.version-files");
        for (int i = 0; i < list.size(); i++) {
            ReleaseSettings.VersionFileRule rule = versionFile(list.get(i), "release.version-files[" + i + "]");
            if (rule != null) {
                files.add(rule);
            }
        }
        String prefix = c.string("release.branch-prefix");
        if (prefix.contains("..") && prefix.matches(BRANCH_PREFIX)) { // the rule's pattern cannot say "no .." on its own
            problem("release.branch-prefix", "release.branch-prefix: \"" + prefix + "\" cannot start a branch name");
        }
        return new ReleaseSettings(prefix, c.string("release.label"), day("release.schedule.release-day"), day("release.schedule.freeze-day"),
                zone(), c.bool("release.auto-start"), logins(c.strings("release.managers")), logins(c.strings("release.owners")),
                List.copyOf(files), c.string("release.checklist-template"), c.string("release.bump-message"), c.string("release.tag-message"));
    }

    private DayOfWeek day(String key) {
        String v = c.string(key).strip().toUpperCase(Locale.ROOT);
        return DAYS.contains(v.toLowerCase(Locale.ROOT)) ? DayOfWeek.valueOf(v) : DayOfWeek.MONDAY; // a wrong day is reported by its rule
    }

    private ZoneId zone() {
        String v = c.string("release.timezone");
        return ZoneId.getAvailableZoneIds().contains(v) ? ZoneId.of(v) : ZoneId.of("UTC"); // reported by its rule
    }

    /** "@alice" and "alice" are the same person; teams keep their "org/team" form. */
    private static List<String> logins(List<String> names) {
        return names.stream().map(n -> n.strip().startsWith("@") ? n.strip().substring(1) : n.strip()).filter(n -> !n.isEmpty()).toList();
    }

    /** The regex at {@code key} (or in {@code node}), or null when it does not compile or has too few groups (a problem noted). */
    private Pattern regex(String key, int groups) {
        return compile(key, c.string(key), groups, 0);
    }

    private Pattern compile(String key, String regex, int groups, int flags) {
        try {
            Pattern p = Pattern.compile(regex, flags);
            if (p.matcher("").groupCount() < groups) {
                problem(key, key + " needs a group around the version, such as 'VERSION = \"([^\"]*)\"'");
                return null;
            }
            return p;
        } catch (PatternSyntaxException e) {
            problem(key, key + " is not a valid regex: " + e.getDescription());
            return null;
        }
    }

    /** One item of {@code release.version-files}, or null when it cannot be used (the problem is noted). */
    private ReleaseSettings.VersionFileRule versionFile(JsonNode item, String key) {
        if (!item.isObject()) {
            problem(key, key + " must be a mapping with path and pattern, or path and json-list");
            return null;
        }
        List<String> unknown = new ArrayList<>();
        item.fieldNames().forEachRemaining(f -> {
            if (!f.equals("path") && !f.equals("pattern") && !f.equals("json-list")) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            problem(key, key + ": unknown key \"" + unknown.get(0) + "\" (known here: path, pattern, json-list)");
            return null;
        }
        String path = item.path("path").asText("");
        if (!item.path("path").isTextual()) { // what a path may be is the rule's to say
            problem(key, key + ".path must be a file path inside the repository, such as app/version.py");
            return null;
        }
        if (item.has("pattern") == item.has("json-list")) {
            problem(key, key + " needs exactly one of pattern (a regex) or json-list (a JSON pointer)");
            return null;
        }
        if (item.has("pattern")) {
            Pattern p = compile(key + ".pattern", item.path("pattern").asText(), 1, Pattern.MULTILINE);
            return p == null ? null : new ReleaseSettings.VersionFileRule(path, p, null);
        }
        String pointer = item.path("json-list").asText();
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            problem(key, key + ".json-list must be a JSON pointer such as /versions, or \"\" for a top-level list");
            return null;
        }
        return new ReleaseSettings.VersionFileRule(path, null, pointer);
    }
}

package dev.releasetrain.size;

import dev.releasetrain.config.Glob;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which changed files do not count towards a pull request's size, and why: lock files and vendored or generated
 * code by default, files .gitattributes marks {@code linguist-generated} or {@code linguist-vendored} (read at the
 * base), and the repository's {@code size.exclude} globs, where {@code !glob} counts a file again. Later rules win,
 * as in .gitattributes.
 */
public final class ExcludedFiles {
    static final List<String> BUILT_IN = List.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
            "poetry.lock", "Pipfile.lock", "uv.lock", "Cargo.lock", "go.sum", "Gemfile.lock", "composer.lock", "mix.lock",
            "pubspec.lock", "Podfile.lock", "packages.lock.json", "flake.lock", "vendor/", "node_modules/", "*.min.js",
            "*.min.css", "*.map", "__snapshots__/", "*.snap", "__generated__/");

    private record Rule(Glob glob, boolean exclude, String why) {
    }

    private final List<Rule> rules;

    private ExcludedFiles(List<Rule> rules) {
        this.rules = rules;
    }

    public static ExcludedFiles of(String gitattributes, List<String> configGlobs) {
        List<Rule> rules = new ArrayList<>();
        for (String p : BUILT_IN) {
            rules.add(new Rule(Glob.of(p), true, "lock file or vendored/generated code (" + p + ")"));
        }
        rules.addAll(fromGitattributes(gitattributes));
        for (String g : configGlobs) {
            boolean include = g.startsWith("!");
            String pattern = include ? g.substring(1) : g;
            rules.add(new Rule(Glob.of(pattern), !include, include ? "counted again by size.exclude (" + g + ")" : "size.exclude (" + g + ")"));
        }
        return new ExcludedFiles(rules);
    }

    /** Why the file is not counted, or empty when it is. */
    public Optional<String> reason(String path) {
        Rule decisive = null;
        for (Rule r : rules) {
            if (r.glob().matches(path)) {
                decisive = r;
            }
        }
        return decisive != null && decisive.exclude() ? Optional.of(decisive.why()) : Optional.empty();
    }

    /**
     * .gitattributes lines such as {@code dist/** linguist-generated}, {@code =true}, and the undoing forms
     * {@code linguist-generated=false} and {@code -linguist-generated}.
     */
    private static List<Rule> fromGitattributes(String text) {
        List<Rule> rules = new ArrayList<>();
        if (text == null) {
            return rules;
        }
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            for (int i = 1; i < parts.length; i++) {
                String attr = parts[i];
                for (String name : List.of("linguist-generated", "linguist-vendored")) {
                    if (attr.equals(name) || attr.equals(name + "=true")) {
                        rules.add(new Rule(Glob.of(parts[0]), true, ".gitattributes marks it " + name + " (" + parts[0] + ")"));
                    } else if (attr.equals(name + "=false") || attr.equals("-" + name) || attr.equals("!" + name)) {
                        rules.add(new Rule(Glob.of(parts[0]), false, ".gitattributes unmarks it (" + parts[0] + ")"));
                    }
                }
            }
        }
        return rules;
    }
}

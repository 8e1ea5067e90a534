package dev.releasetrain.github;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reduces a request path to a route shape for metrics ({@code /repos/{owner}/{repo}/issues/{n}/comments}) so that
 * labels stay few whatever the repositories and numbers.
 */
public final class RouteTemplate {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    /** After these segments the rest of the path is one name (a ref, a file path, a branch). */
    /** The segment after each of these is a name: a login, an organisation, a team, a label, a code. */
    private static final Set<String> NAMED = Set.of("users", "orgs", "teams", "memberships", "collaborators", "labels", "app-manifests");
    private static final Set<String> REST_IS_NAME = Set.of("refs", "ref", "contents", "branches", "compare", "tags", "matching-refs");

    private RouteTemplate() {
    }

    public static String of(String url) {
        String path = URI.create(url).getRawPath();
        String[] parts = path.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            String prev = parts[i - 1];
            if (prev.equals("repos") && i + 1 < parts.length) {
                out.append("/{owner}/{repo}");
                i++;
                continue;
            }
            if (REST_IS_NAME.contains(prev) && i > 3) {
                out.append("/{name}");
                break;
            }
            if (NUMBER.matcher(part).matches()) {
                out.append("/{n}");
            } else if (SHA.matcher(part).matches()) {
                out.append("/{sha}");
            } else if (NAMED.contains(prev)) { // people, teams and labels are names, not routes: never a metric label
                out.append("/{name}");
            } else {
                out.append('/').append(part);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}

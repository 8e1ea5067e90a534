package dev.releasetrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GitHub's real REST routes (../shared/github/rest-endpoints*.txt). A request the bot makes that matches none of
 * them is one real GitHub would not serve, so the fake GitHub refuses to have been asked it.
 */
public final class RestRoutes {
    private record Route(String method, Pattern path, String text) {
    }

    /** Parameters that may hold slashes: a file path, a ref, a branch, a base...head pair. */
    private static final java.util.Set<String> PATH_LIKE = java.util.Set.of("{path}", "{ref}", "{basehead}", "{branch}");
    private static final List<Route> ROUTES = load(); // after PATH_LIKE, which loading uses

    private RestRoutes() {
    }

    public static boolean isReal(String method, String pathWithQuery) {
        String path = pathWithQuery.split("\\?", 2)[0];
        if (method.equals("POST") && path.equals("/graphql")) {
            return true; // GitHub's GraphQL API, beside REST: what REST does not offer (auto-merge) is asked there
        }
        for (Route r : ROUTES) {
            if (r.method().equals(method) && r.path().matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Route> load() {
        List<Route> routes = new ArrayList<>();
        for (String file : List.of("rest-endpoints.txt", "rest-endpoints-extra.txt")) {
            try {
                for (String line : Files.readAllLines(Fixtures.SHARED.resolve("github").resolve(file))) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.strip().split(" ", 2);
                    routes.add(new Route(parts[0], toPattern(parts[1]), line));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return routes;
    }

    /** A {param} is one path segment, except a path-like last one, which may hold slashes. */
    private static Pattern toPattern(String template) {
        String[] segments = template.split("/");
        StringBuilder regex = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            regex.append('/');
            if (s.startsWith("{") && s.endsWith("}")) {
                regex.append(last && PATH_LIKE.contains(s) ? "[^?]+" : "[^/]+");
            } else {
                regex.append(Pattern.quote(s));
            }
        }
        return Pattern.compile(regex.length() == 0 ? "/" : regex.toString());
    }
}

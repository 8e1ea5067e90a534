package dev.releasetrain.github;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Labels on issues and pull requests, created in the repository with a colour first when missing. */
public final class IssueLabels {
    /** Labels known to exist, per repository, so each is looked up once per run of the server. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final SingleFlight<Void> creations = new SingleFlight<>();

    public void ensureExists(GitHubRest rest, String repository, String name, String color, String description) throws IOException {
        String key = repository + "\n" + name;
        if (!known.contains(key)) {
            // the first pull requests of a new repository, labelled at once, create the label once between them
            creations.once(key, () -> {
                create(rest, repository, name, color, description);
                known.add(key);
                return null;
            });
        }
    }

    private static void create(GitHubRest rest, String repository, String name, String color, String description) throws IOException {
        GitHubRest.Reply found = rest.call("GET", "/repos/" + repository + "/labels/" + PathSegments.segment(name), null, Map.of());
        if (found.status() == 404) {
            GitHubRest.Reply created = rest.call("POST", "/repos/" + repository + "/labels",
                    Map.of("name", name, "color", color, "description", description), Map.of());
            if (!created.ok() && created.status() != 422) { // 422: someone created it meanwhile
                throw new GitHubApiException(created.status(), "creating label " + name + " answered " + created.status());
            }
        } else if (!found.ok()) {
            throw new GitHubApiException(found.status(), "reading label " + name + " answered " + found.status());
        }
    }

    public void add(GitHubRest rest, String repository, long number, List<String> names) throws IOException {
        rest.expect("POST", "/repos/" + repository + "/issues/" + number + "/labels", Map.of("labels", names));
    }

    public void remove(GitHubRest rest, String repository, long number, String name) throws IOException {
        GitHubRest.Reply r = rest.call("DELETE", "/repos/" + repository + "/issues/" + number + "/labels/" + PathSegments.segment(name), null, Map.of());
        if (!r.ok() && r.status() != 404) { // 404: already gone
            throw new GitHubApiException(r.status(), "removing label " + name + " answered " + r.status());
        }
    }
}

package dev.releasetrain.notes;

import dev.releasetrain.config.NotesSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a release's notes: highlights first, then every pull request by category, then the people. */
public final class ReleaseNotes {
    private ReleaseNotes() {
    }

    public static String render(String version, List<MergedPullRequest> merged, List<NotesSettings.Category> categories) {
        List<MergedPullRequest> prs = merged.stream().filter(MergedPullRequest::byPerson).toList();
        StringBuilder s = new StringBuilder("## Release ").append(version).append("\n");
        List<MergedPullRequest> highlights = prs.stream().filter(MergedPullRequest::highlight).toList();
        if (!highlights.isEmpty()) {
            s.append("\n### Highlights\n\n");
            highlights.forEach(p -> s.append("- ").append(p.note().replace("\n", "\n  ")).append(" (#").append(p.number()).append(")\n"));
        }
        Map<String, List<MergedPullRequest>> sections = new LinkedHashMap<>();
        categories.forEach(c -> sections.put(c.title(), new ArrayList<>()));
        List<MergedPullRequest> other = new ArrayList<>();
        for (MergedPullRequest p : prs) {
            NotesSettings.Category home = categories.stream().filter(c -> c.labels().stream().anyMatch(p.labels()::contains)).findFirst().orElse(null);
            (home == null ? other : sections.get(home.title())).add(p);
        }
        sections.put(sections.isEmpty() ? "Changes" : "Other changes", other);
        sections.forEach((title, list) -> {
            if (!list.isEmpty()) {
                s.append("\n### ").append(title).append("\n\n");
                list.forEach(p -> s.append("- ").append(p.title()).append(" (#").append(p.number()).append(") @").append(p.author())
                        .append(p.onReleaseBranch() ? ", fixed on the release branch" : "").append("\n"));
            }
        });
        Set<String> everyone = new LinkedHashSet<>();
        Set<String> firstTime = new LinkedHashSet<>();
        Set<String> outside = new LinkedHashSet<>();
        for (MergedPullRequest p : prs) {
            everyone.add("@" + p.author());
            if (p.firstTime()) {
                firstTime.add("@" + p.author() + " (#" + p.number() + ")");
            } else if (p.outside()) {
                outside.add("@" + p.author());
            }
        }
        if (!everyone.isEmpty()) {
            s.append("\n### Contributors\n\n").append(String.join(", ", everyone)).append("\n");
            if (!firstTime.isEmpty()) {
                s.append("\nFirst contributions, welcome: ").append(String.join(", ", firstTime)).append("\n");
            }
            if (!outside.isEmpty()) {
                s.append("\nThank you to our outside contributors: ").append(String.join(", ", outside)).append("\n");
            }
        }
        if (prs.isEmpty()) {
            s.append("\nNo pull requests recorded for this release yet.\n");
        }
        return s.toString();
    }
}

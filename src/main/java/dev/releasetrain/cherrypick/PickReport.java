package dev.releasetrain.cherrypick;

import java.util.List;

/** The one comment per pull request that says where each of its cherry-picks stands, with the commands for a conflict. */
final class PickReport {
    static final String MARKER = "<!-- release-train:cherry-pick -->";

    private PickReport() {
    }

    static String render(List<CherryPickRecords.Row> rows) {
        StringBuilder s = new StringBuilder(MARKER).append("\n### Cherry-picks\n\n| release branch | result |\n|---|---|\n");
        StringBuilder details = new StringBuilder();
        for (CherryPickRecords.Row r : rows) {
            String detail = r.detail() == null ? "" : r.detail();
            String summary = detail.contains("```") ? detail.substring(0, detail.indexOf("\n")) : detail;
            String result = switch (r.state()) {
                case DONE, RESOLVED -> "✅ " + (r.url() == null ? summary : "[" + summary + "](" + r.url() + ")");
                case OPEN -> "⏳ [" + summary + "](" + r.url() + ") open: the fix is on `" + r.target() + "` once it merges";
                case CONFLICT -> "⚠️ [" + summary + "](" + r.url() + "): resolve the conflicts there and merge it to put the fix on `"
                        + r.target() + "`";
                case ALREADY -> "✅ already on `" + r.target() + "`";
                case REQUESTED, WAITING -> "⏳ " + summary;
                case REFUSED -> "🚫 " + summary;
                case FAILED, MISSING -> "❌ " + summary;
            };
            s.append("| `").append(r.target()).append("` | ").append(result).append(" |\n");
            if (detail.contains("```")) {
                details.append("\n**").append(r.target()).append("**: to do it by hand:").append(detail.substring(detail.indexOf("\n")));
            }
        }
        return s.append(details).toString();
    }

    /** Why a pick touching a workflow file is left to a person, in plain words. */
    static String workflowRefused(String file) {
        return "GitHub does not let Release Train change workflow files (`" + file + "`): the app does not ask for the "
                + "workflows permission, so CI definitions stay in people's hands. Pick it by hand";
    }

    /** What a draft pick's pull request says: the files with conflicts, and how to finish it. */
    static String conflicts(DraftConflictedPick.Drafted draft, String work) {
        StringBuilder s = new StringBuilder("\n\nIt conflicts with the release branch, so this pull request is a **draft**: its commit applies "
                + "every change that merged cleanly and leaves git's conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) where it did not.\n\n"
                + "Conflicts to resolve:\n");
        draft.files().forEach(f -> s.append("- `").append(f.path()).append("`: ").append(f.conflicts())
                .append(f.conflicts() == 1 ? " conflict\n" : " conflicts\n"));
        return s.append("\nTo finish it:\n\n```sh\ngit fetch origin\ngit switch ").append(work)
                .append("\n# edit the files above until no markers are left, then\ngit commit -am \"Resolve the conflicts\"\ngit push\n```\n")
                .append("then mark it ready for review. `").append(KeepConflictMarkersOut.CHECK)
                .append("` fails while any file it touches still holds a marker.").toString();
    }

    /** The commands to do a pick by hand, exactly. */
    static String manual(CommitsToPick.Picks commits, String target, String work) {
        return "\n\n```sh\ngit fetch origin\ngit switch -c " + work + " origin/" + target + "\ngit cherry-pick -x "
                + (commits.mergeCommit() ? "-m 1 " : "") + String.join(" ", commits.commits()) + "\n# resolve the conflicts, git cherry-pick --continue\n"
                + "git push -u origin " + work + "\n```\nthen open a pull request into `" + target + "`.";
    }
}

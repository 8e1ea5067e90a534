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
                case "done" -> "✅ " + (r.url() == null ? summary : "[" + summary + "](" + r.url() + ")");
                case "open" -> "⏳ [" + summary + "](" + r.url() + ") open: the fix is on `" + r.target() + "` once it merges";
                case "already" -> "✅ already on `" + r.target() + "`";
                case "requested", "waiting" -> "⏳ " + summary;
                case "refused" -> "🚫 " + summary;
                default -> "❌ " + summary;
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

    /** The commands to do a pick by hand, exactly. */
    static String manual(CommitsToPick.Picks commits, String target, String work) {
        return "\n\n```sh\ngit fetch origin\ngit switch -c " + work + " origin/" + target + "\ngit cherry-pick -x "
                + (commits.mergeCommit() ? "-m 1 " : "") + String.join(" ", commits.commits()) + "\n# resolve the conflicts, git cherry-pick --continue\n"
                + "git push -u origin " + work + "\n```\nthen open a pull request into `" + target + "`.";
    }
}

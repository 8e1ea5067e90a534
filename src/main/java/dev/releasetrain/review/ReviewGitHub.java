package dev.releasetrain.review;

import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.MergeGroups;
import dev.releasetrain.github.PullRequests;

/** What the review capability asks of GitHub: the reads its rule needs, the pull request, and its check, label and comments. */
public interface ReviewGitHub extends ReviewReads, PullRequests, Comments, Labels, CheckRuns, MergeGroups {
}

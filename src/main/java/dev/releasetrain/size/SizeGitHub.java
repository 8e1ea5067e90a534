package dev.releasetrain.size;

import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.PullRequests;

/** What the size capability asks of GitHub: the pull request's files, .gitattributes, its label, hint and check. */
public interface SizeGitHub extends PullRequests, Contents, Labels, Comments, CheckRuns {
}

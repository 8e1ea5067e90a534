package dev.releasetrain.github;

import java.io.IOException;
import java.util.List;

/** A merge queue's group: the pull requests whose commits stand between its base and its head. */
public interface MergeGroups {
    /** The pull requests in the group, in queue order (each commit between base and head asked which it belongs to). */
    List<Long> pullRequestsIn(String baseSha, String headSha) throws IOException;
}

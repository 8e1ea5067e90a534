package dev.releasetrain.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kohsuke.github.GHCheckRun;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Check runs on the repository's commits. */
public interface CheckRuns {
    String repository();

    /** The latest run named {@code name} on the commit, if there is one. */
    Optional<Long> findCheckRun(String headSha, String name) throws IOException;

    /** @return the new run's id */
    long createCheckRun(ObjectNode body) throws IOException;

    void updateCheckRun(long id, ObjectNode body) throws IOException;

    /** Check runs on a commit, as GitHub lists them (one page of 100: a release head has a handful). */
    List<GHCheckRun> checkRuns(String sha) throws IOException;
}

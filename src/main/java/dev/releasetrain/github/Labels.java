package dev.releasetrain.github;

import java.io.IOException;
import java.util.List;

/** Labels of a repository and on its issues and pull requests. */
public interface Labels {
    /** The label exists in the repository, created with this colour and description when it did not. */
    void ensureLabel(String name, String color, String description) throws IOException;

    void addLabels(long issue, List<String> names) throws IOException;

    /** The label is off the issue (it may already have been). */
    void removeLabel(long issue, String name) throws IOException;
}

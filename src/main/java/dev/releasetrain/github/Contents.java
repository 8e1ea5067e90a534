package dev.releasetrain.github;

import java.io.IOException;

/** Small text files of the repository. */
public interface Contents {
    /** The file at {@code ref} (null: the default branch); empty text when there is no such file. */
    RepoFiles.FileText readFile(String path, String ref) throws IOException;
}

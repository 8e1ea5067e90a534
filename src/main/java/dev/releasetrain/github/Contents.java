package dev.releasetrain.github;

import java.io.IOException;
import java.util.List;

/** Small text files of the repository. */
public interface Contents {
    /** The file at {@code ref} (null: the default branch); empty text when there is no such file. */
    RepoFiles.FileText readFile(String path, String ref) throws IOException;

    /** The names of the files (not directories) in {@code directory} at {@code ref}; none when there is no such directory. */
    List<String> listFiles(String directory, String ref) throws IOException;
}

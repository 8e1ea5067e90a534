package dev.releasetrain.github;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code /repos/{owner}/{repo}/contents/…} for one repository. */
record ContentsClient(GitHubRest rest, String repo, RepoFiles files) implements Contents {
    @Override
    public RepoFiles.FileText readFile(String path, String ref) throws IOException {
        return files.read(rest, repo, path, ref);
    }

    @Override
    public List<String> listFiles(String directory, String ref) throws IOException {
        List<String> names = new ArrayList<>();
        rest.getIfPresent("/repos/" + repo + "/contents/" + PathSegments.path(directory) + (ref == null ? "" : "?ref=" + PathSegments.segment(ref)),
                "listing " + directory + " of " + repo).filter(com.fasterxml.jackson.databind.JsonNode::isArray) // a file is no directory
                .ifPresent(entries -> entries.forEach(e -> {
                    if ("file".equals(e.path("type").asText())) {
                        names.add(e.path("name").asText());
                    }
                }));
        return names;
    }
}

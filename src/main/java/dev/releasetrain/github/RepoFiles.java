package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text files read through the contents API, up to its 1 MB: a larger file (GitHub leaves its content out) is known
 * by its size only and never read (its blob could be 100 MB of a stranger's choosing). On a branch (or the default branch, without a ref) a small file is cached
 * with GitHub's ETag: while it is unchanged GitHub answers 304, which costs no rate limit; and a file found missing
 * is remembered as missing, without asking again, until a push to its branch touches it ({@link #pushed}). Reads at
 * a commit SHA are not kept: a commit never changes and is not read again. Reads of one file that overlap share
 * one call.
 */
public final class RepoFiles {
    /** A file as read: its text, or empty when it does not exist (size 0) or is too large to read (its size). */
    public record FileText(Optional<String> text, long size) {
        /** Over the contents API's 1 MB: it exists, and was not read. */
        public boolean tooLarge() {
            return text.isEmpty() && size > 0;
        }
    }

    private record Cached(String etag, FileText file) {
    }

    private static final FileText MISSING = new FileText(Optional.empty(), 0);
    private static final int MAX_CACHED_CHARS = 256 * 1024;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Files known to be missing, by the same key; most repositories have no config file and no .gitattributes. */
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    /** Reads of one file that overlap share one call: deliveries arriving together would each ask for the config. */
    private final SingleFlight<FileText> reads = new SingleFlight<>();

    private static String key(String repository, String path, String ref) {
        return repository + "\n" + path + "\n" + (ref == null ? "" : ref);
    }

    public FileText read(GitHubRest rest, String repository, String path, String ref) throws IOException {
        String key = key(repository, path, ref);
        if (missing.contains(key)) {
            return MISSING;
        }
        return reads.once(key, () -> fetch(rest, repository, path, ref, key));
    }

    private FileText fetch(GitHubRest rest, String repository, String path, String ref, String key) throws IOException {
        Cached cached = cache.get(key);
        String url = "/repos/" + repository + "/contents/" + PathSegments.path(path) + (ref == null ? "" : "?ref=" + PathSegments.segment(ref));
        GitHubRest.Reply reply = rest.call("GET", url, null, cached == null ? Map.of() : Map.of("If-None-Match", cached.etag()));
        if (reply.status() == 304 && cached != null) {
            return cached.file();
        }
        boolean commit = ref != null && ref.matches("[0-9a-f]{40}");
        if (reply.status() == 404) {
            cache.remove(key);
            if (!commit) {
                missing.add(key);
            }
            return MISSING;
        }
        if (!reply.ok()) {
            throw new GitHubApiException(reply.status(), "reading " + path + " of " + repository + " answered " + reply.status());
        }
        JsonNode body = reply.body();
        Optional<byte[]> content = content(body, path + " in " + repository);
        if (content.isEmpty()) {
            return new FileText(Optional.empty(), Math.max(1, body.path("size").asLong(1)));
        }
        String text = new String(content.get(), StandardCharsets.UTF_8);
        FileText file = new FileText(Optional.of(text), body.path("size").asLong(text.length()));
        if (reply.etag() != null && !commit && text.length() <= MAX_CACHED_CHARS) {
            cache.put(key, new Cached(reply.etag(), file));
        }
        return file;
    }

    /**
     * A contents API answer's bytes; empty for a file over 1 MB, whose content GitHub leaves out (encoding "none"),
     * so it is never read whole. {@code what} names the file in an error.
     */
    static Optional<byte[]> content(JsonNode body, String what) throws GitHubApiException {
        if (!"file".equals(body.path("type").asText("file"))) {
            throw new GitHubApiException(200, what + " is not a file");
        }
        if ("none".equals(body.path("encoding").asText())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(body.path("content").asText("")));
        } catch (IllegalArgumentException e) {
            throw new GitHubApiException(200, "GitHub returned content that is not base64 for " + what);
        }
    }

    /**
     * A push to {@code branch}: files it touched may exist now. With {@code touched} null (a forced push, a new or
     * deleted branch) every file of that branch is forgotten. The default branch is also what reads without a
     * ref see.
     */
    public void pushed(String repository, String branch, boolean defaultBranch, Set<String> touched) {
        missing.removeIf(k -> {
            String[] parts = k.split("\n", 3);
            boolean onBranch = parts[2].equals(branch) || defaultBranch && parts[2].isEmpty();
            return parts[0].equals(repository) && onBranch && (touched == null || touched.contains(parts[1]));
        });
    }
}

package dev.releasetrain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A git working repository a test builds history in, then serves (as a bare clone) as a fake GitHub's git data. */
public final class WorkRepo {
    private final Path dir;
    private String authorName = "Octo Cat";
    private String authorEmail = "octocat@example.com";

    public WorkRepo(Path dir) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir);
        git("init", "-q", "-b", "main");
    }

    /** Commits from now on are by this person (the part of the email before the @ is their login on the fake). */
    public WorkRepo as(String name, String email) {
        this.authorName = name;
        this.authorEmail = email;
        return this;
    }

    public String git(String... args) throws IOException, InterruptedException {
        return run(dir, authorName, authorEmail, args);
    }

    /** git in any folder as Octo Cat; the output, or an exception carrying it when git fails. */
    public static String git(Path in, String... args) throws IOException, InterruptedException {
        return run(in, "Octo Cat", "octocat@example.com", args);
    }

    private static String run(Path in, String name, String email, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", in.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(Map.of("GIT_AUTHOR_NAME", name, "GIT_AUTHOR_EMAIL", email, "GIT_COMMITTER_NAME", name, "GIT_COMMITTER_EMAIL", email));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
        }
        return out;
    }

    public void write(String file, String text) throws IOException {
        Path f = dir.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    public String read(String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    public String commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD");
    }

    public String edit(String file, String from, String to, String message) throws Exception {
        write(file, read(file).replace(from, to));
        return commit(message);
    }

    /** A bare clone at {@code target}, as the fake's git data. */
    public GitData serve(Path target) throws Exception {
        git(dir.getParent(), "clone", "-q", "--bare", dir.toString(), target.toString());
        return new GitData(target);
    }
}

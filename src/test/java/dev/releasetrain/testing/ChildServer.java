package dev.releasetrain.testing;

import dev.releasetrain.delivery.SignatureVerifier;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@code Main serve}, every feature) in a child JVM on a database file, so a test can kill it with
 * SIGKILL and start it again on the same store, as an operator's crash would.
 */
public final class ChildServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)|^READY (\\d+)");
    private final Map<String, String> env;
    private final String databaseUrl;
    private List<String> main = List.of("dev.releasetrain.Main", "serve");
    /** Set: started through bin/release-train with this jar, as in production, instead of the test classpath. */
    private Path jar;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int port;
    private Path log;

    public ChildServer(Map<String, String> settings, Path database) {
        this(settings, "jdbc:sqlite:" + database);
    }

    /** On any store: an SQLite file, or PostgreSQL that several children share as replicas. */
    public ChildServer(Map<String, String> settings, String databaseUrl) {
        this.env = new HashMap<>(settings);
        this.env.put("PORT", "0");
        this.env.put("DATABASE_URL", databaseUrl);
        this.env.put("LOG_LEVEL", "info");
        this.databaseUrl = databaseUrl;
    }

    /**
     * The recording server instead of every feature ({@link CrashTestServer}): each delivery its handler completes is
     * appended to {@code record}, after {@code handlerMillis} of work.
     */
    public ChildServer recording(Path record, long handlerMillis) {
        env.put("RECORD_FILE", record.toString());
        env.put("HANDLER_MILLIS", Long.toString(handlerMillis));
        main = List.of(CrashTestServer.class.getName());
        return this;
    }

    /** Through the launcher, with the JVM settings the server runs with in production (benchmarks measure that). */
    public ChildServer throughLauncher(Path jar) {
        this.jar = jar;
        return this;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** SIGTERM, and wait for the graceful stop. */
    public void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("SIGTERM did not stop the child server");
        }
    }

    public ChildServer start() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (jar != null) {
            command.add(Path.of("bin", "release-train").toAbsolutePath().toString());
        } else {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            command.addAll(List.of(javaBin, "-Xmx256m", "-cp", classpath));
            command.addAll(main);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (jar != null) {
            pb.environment().put("RELEASE_TRAIN_JAR", jar.toAbsolutePath().toString());
            pb.environment().put("PATH", Path.of(javaBin).getParent() + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        }
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                log = Path.of(System.getProperty("java.io.tmpdir"), "release-train-child-" + port + ".log");
                Path file = log;
                Thread drain = new Thread(() -> {
                    // keep the pipe empty so the child never blocks on its output; keep the output for a failing test
                    try (var w = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        String l;
                        while ((l = out.readLine()) != null) {
                            w.write(l);
                            w.newLine();
                        }
                    } catch (Exception gone) {
                        // the child was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return this;
            }
            seen.add(line);
        }
        throw new AssertionError("the child server did not start: " + seen);
    }

    /** Whether the process ended by itself within {@code seconds}. */
    public boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, whatever a worker held is cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public int deliver(String event, String id, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", SignatureVerifier.sign(env.getOrDefault("WEBHOOK_SECRET", TestServer.SECRET), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    public String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Waits, reading the child's store, until the delivery is done or dead; returns its state. */
    public String awaitFinished(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        try (Connection c = DriverManager.getConnection(databaseUrl());
             PreparedStatement q = c.prepareStatement("SELECT state FROM deliveries WHERE id = ?")) {
            q.setString(1, id);
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next() && (rs.getString(1).equals("done") || rs.getString(1).equals("dead"))) {
                        return rs.getString(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("delivery " + id + " did not finish in the child server (its output: " + log + ")");
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

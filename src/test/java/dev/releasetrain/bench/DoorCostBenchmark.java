package dev.releasetrain.bench;

import dev.releasetrain.delivery.PayloadCodec;
import dev.releasetrain.delivery.PayloadSummary;
import dev.releasetrain.delivery.SignatureVerifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The door's work on one delivery, stage by stage, on one thread: the microseconds each stage of
 * {@code WebhookDoor} costs on the real payload, apart from HTTP and the store (which {@code bench/ingest} prints
 * as the server's CPU per delivery by thread). A program, not a test.
 *
 * <pre>java ... DoorCostBenchmark [--payload file] [--seconds 3]</pre>
 */
public final class DoorCostBenchmark {
    private DoorCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        byte[] body = Files.readAllBytes(Path.of(opt.getOrDefault("payload", "../shared/fixtures/webhooks/pull_request/opened.payload.json")));
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "3"));
        SignatureVerifier verifier = new SignatureVerifier(List.of("bench-secret"));
        String signature = SignatureVerifier.sign("bench-secret", body);
        System.out.printf("payload %d bytes, %.0f s per stage after as long a warm-up, one thread%n", body.length, seconds);
        stage("HMAC-SHA256 check", seconds, b -> verifier.verify(b, signature) ? 1 : 0, body);
        stage("JSON pass (summary, well-formedness)", seconds, b -> {
            try {
                return PayloadSummary.parse(b).hashCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, body);
        stage("zstd compression (level 1)", seconds, b -> PayloadCodec.compress(b).length, body);
        System.out.printf("stored size: %d bytes of %d%n", PayloadCodec.compress(body).length, body.length);
    }

    private static void stage(String name, double seconds, ToIntFunction<byte[]> work, byte[] body) {
        long sink = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
            long n = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now;
            do {
                for (int i = 0; i < 100; i++) {
                    sink += work.applyAsInt(body);
                }
                n += 100;
                now = System.nanoTime();
            } while (now < end);
            if (pass == 1) {
                System.out.printf("%-40s %7.1f µs%n", name, (now - start) / 1e3 / n);
            }
        }
        if (sink == 42) {
            System.out.print(""); // keeps the work from being optimised away
        }
    }
}

package dev.releasetrain.testing;

import dev.releasetrain.App;
import dev.releasetrain.settings.ServerSettings;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The real server in a child JVM, for the crash test: the same App wiring as Main, with a handler that takes a
 * little time and appends each delivery it completes to a file, so the test can count completions across a SIGKILL.
 * With {@code HALT_ON_DELIVERY} set, the process dies (as on a fatal bug) each time it starts running that delivery.
 */
public final class CrashTestServer {
    private CrashTestServer() {
    }

    public static void main(String[] args) throws Exception {
        Path record = Path.of(System.getenv("RECORD_FILE"));
        ServerSettings settings = ServerSettings.load(System.getenv(), Path.of("no.env"));
        // appended to by several replicas at once: each line is one write() to an O_APPEND file, so it is never torn
        // (a SIGKILL cannot tear it either) and the OS keeps it once written
        FileOutputStream out = new FileOutputStream(record.toFile(), true);
        // slow enough that the flood's 400th acknowledgement comes long before the workers catch up, even on a busy
        // machine (at 3 ms they once finished all 402 before the kill, and the test had nothing to prove)
        long millis = Long.parseLong(System.getenv().getOrDefault("HANDLER_MILLIS", "20"));
        String poison = System.getenv("HALT_ON_DELIVERY");
        RecordingHandler recorder = new RecordingHandler(id -> {
            if (id.equals(poison)) {
                Thread.sleep(300); // the door's 202 is on its way first
                Runtime.getRuntime().halt(3);
            }
        }, millis, id -> {
            synchronized (out) {
                out.write((id + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        App app = App.start(settings, services -> List.of(recorder.handler()), true);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("READY " + app.port());
        System.out.flush();
    }
}

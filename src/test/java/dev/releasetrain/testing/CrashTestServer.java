package dev.releasetrain.testing;

import dev.releasetrain.App;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.settings.Settings;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The real server in a child JVM, for the crash test: the same App wiring as Main, with a handler that takes a
 * little time and appends each delivery it completes to a file, so the test can count completions across a SIGKILL.
 */
public final class CrashTestServer {
    private CrashTestServer() {
    }

    public static void main(String[] args) throws Exception {
        Path record = Path.of(System.getenv("RECORD_FILE"));
        Settings settings = Settings.load(System.getenv(), Path.of("no.env"));
        Recorder recorder = new Recorder(record);
        App app = App.start(settings, services -> List.of(recorder), true);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("READY " + app.port());
        System.out.flush();
    }

    private static final class Recorder implements EventHandler {
        private final FileOutputStream out;

        Recorder(Path file) throws IOException {
            this.out = new FileOutputStream(file.toFile(), true);
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public boolean handles(WebhookEvent event) {
            return true;
        }

        @Override
        public void handle(EventContext context) throws Exception {
            WebhookEvent event = context.event();
            // slow enough that the flood's 400th acknowledgement comes long before the workers catch up, even on a
            // busy machine (at 3 ms they once finished all 402 before the kill, and the test had nothing to prove)
            Thread.sleep(20);
            synchronized (out) {
                // one write() per line: a SIGKILL cannot tear it, and the OS keeps it once written
                out.write((event.deliveryId() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}

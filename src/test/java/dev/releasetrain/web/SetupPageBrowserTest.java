package dev.releasetrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The setup page as a browser shows it: headless Chromium (Debian's package, which .ci/run installs) loads it,
 * and the DOM it builds is read back; a screenshot is left in target/ for a person. Skipped with one line where
 * no Chromium is installed.
 */
class SetupPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void needsChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("SKIPPED: " + CHROMIUM + " is not installed (apt-get install chromium); the setup page was not looked at in a browser");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
    }

    /** Chromium's own arguments for a closed machine: no background traffic, a fresh profile. */
    private static List<String> chromium(Path profile, String... more) {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(more));
        return cmd;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The DOM Chromium builds from the page, and a screenshot of it at target/setup-page-NAME.png. */
    private static String look(TestServer server, String name) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        String url = server.url("/");
        run(chromium(profile, "--window-size=1000,1400", "--screenshot=" + Path.of("target", "setup-page-" + name + ".png").toAbsolutePath(), url));
        return run(chromium(profile, "--dump-dom", url));
    }

    private static JsonNode manifest(String dom) throws IOException {
        Matcher m = Pattern.compile("name=\"manifest\" value=\"([^\"]+)\"").matcher(dom);
        assertTrue(m.find(), "the form carries the manifest");
        return JSON.readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
    }

    @Test
    void atLocalhostThePageSaysGitHubCannotReachItAndHowToFixThat() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0"));
        try (TestServer server = TestServer.start(env, services -> List.of())) {
            String dom = look(server, "localhost");
            assertTrue(dom.contains("<h1>Set up Release Train</h1>"), dom);
            assertTrue(dom.contains("GitHub cannot reach"), "the warning is in the rendered page");
            assertTrue(dom.contains("WEBHOOK_PROXY_URL"));
            assertTrue(Pattern.compile("<button type=\"submit\" disabled=\"\">").matcher(dom).find(), "no registering an unreachable address");
            assertTrue(dom.contains("<td>checks</td><td>write</td>"), "the permissions table rendered");
        }
    }

    @Test
    void atAPublicAddressTheFormRegistersThatAddress() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "PUBLIC_URL", "https://release-train.example.com"));
        try (TestServer server = TestServer.start(env, services -> List.of())) {
            String dom = look(server, "public");
            assertTrue(!dom.contains("GitHub cannot reach"), dom);
            assertTrue(dom.contains("<button type=\"submit\">Register Release Train on GitHub</button>"), dom);
            JsonNode m = manifest(dom);
            assertEquals("https://release-train.example.com/webhook", m.path("hook_attributes").path("url").asText());
            assertEquals("https://release-train.example.com/setup/callback", m.path("redirect_url").asText());
            assertEquals("write", m.path("default_permissions").path("checks").asText());
        }
    }
}

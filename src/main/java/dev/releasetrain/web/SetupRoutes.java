package dev.releasetrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.github.GitHubTransport;
import dev.releasetrain.github.HttpExchange;
import dev.releasetrain.settings.DotEnv;
import dev.releasetrain.settings.Settings;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registration without credentials: GitHub's manifest flow. The page posts the manifest to GitHub; GitHub sends the
 * browser back with a code, which is exchanged for the app's id, key and webhook secret, written to {@code .env}.
 */
public final class SetupRoutes {
    private static final Logger log = LoggerFactory.getLogger(SetupRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final GitHubTransport transport;
    /** One-time values tying a callback to a page this server served (the flow's CSRF guard). */
    private final Set<String> states = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    public SetupRoutes(Settings settings, GitHubTransport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    public void home(Context ctx) {
        if (settings.registered()) {
            ctx.html(page("Release Train is running",
                    "<p>Registered as GitHub App " + settings.appId().orElseThrow() + ". Deliveries go to <code>/webhook</code>.</p>"
                            + "<p><a href=\"/readyz\">readiness</a> · <a href=\"/metrics\">metrics</a></p>"));
            return;
        }
        String state = HexFormat.of().formatHex(random.generateSeed(16));
        states.add(state);
        String base = publicUrl(ctx);
        String org = ctx.queryParam("org");
        String target = settings.githubWebUrl() + (org != null && org.matches("[A-Za-z0-9-]{1,39}")
                ? "/organizations/" + org + "/settings/apps/new" : "/settings/apps/new") + "?state=" + state;
        ctx.html(page("Set up Release Train",
                "<p>This server is not registered with GitHub yet. The button below creates a GitHub App with the "
                        + "permissions and events Release Train needs; GitHub then sends you back here and the app's "
                        + "credentials are saved to <code>" + escape(settings.envFile().toString()) + "</code>.</p>"
                        + "<p>GitHub must reach this server at <code>" + escape(base) + "</code> (set PUBLIC_URL if it is another address). "
                        + "To register it for an organisation, open <code>/?org=NAME</code>.</p>"
                        + "<form action=\"" + escape(target) + "\" method=\"post\">"
                        + "<input type=\"hidden\" name=\"manifest\" value=\"" + escape(AppManifest.json(base)) + "\">"
                        + "<button type=\"submit\">Register Release Train on GitHub</button></form>"));
    }

    public void callback(Context ctx) throws Exception {
        String code = ctx.queryParam("code");
        String state = ctx.queryParam("state");
        if (settings.registered()) {
            ctx.status(409).html(page("Already registered", "<p>This server already has an APP_ID.</p>"));
            return;
        }
        if (code == null || !code.matches("[A-Za-z0-9_-]{1,100}") || state == null || !states.remove(state)) {
            ctx.status(400).html(page("Setup link not valid", "<p>Start again from <a href=\"/\">the setup page</a>.</p>"));
            return;
        }
        HttpExchange.Response r = transport.send(new HttpExchange.Request("POST",
                transport.url("/app-manifests/" + code + "/conversions"),
                Map.of("Accept", List.of("application/vnd.github+json")), new byte[0]), GitHubTransport.Caller.app(), null);
        if (r.status() != 201) {
            log.warn("manifest conversion answered {}", r.status());
            ctx.status(502).html(page("GitHub did not accept the code",
                    "<p>GitHub answered " + r.status() + ". Codes last an hour and work once; start again from <a href=\"/\">the setup page</a>.</p>"));
            return;
        }
        JsonNode app = JSON.readTree(r.body());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("APP_ID", app.path("id").asText());
        values.put("PRIVATE_KEY", app.path("pem").asText());
        values.put("WEBHOOK_SECRET", app.path("webhook_secret").asText());
        DotEnv.write(settings.envFile(), values);
        log.info("registered as GitHub App {}; credentials written to {}", app.path("id").asText(), settings.envFile());
        String html = app.path("html_url").asText("");
        ctx.html(page("Release Train is registered",
                "<p>GitHub App <b>" + escape(app.path("slug").asText()) + "</b> (id " + escape(app.path("id").asText())
                        + ") was created and its credentials saved to <code>" + escape(settings.envFile().toString()) + "</code>.</p>"
                        + "<p>Restart the server to use them, then <a href=\"" + escape(html) + "/installations/new\">install the app</a> on your repositories.</p>"));
    }

    private String publicUrl(Context ctx) {
        return settings.publicUrl().map(Object::toString).orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}

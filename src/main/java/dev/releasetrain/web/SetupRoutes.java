package dev.releasetrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.github.GitHubTransport;
import dev.releasetrain.github.GitHubHttp;
import dev.releasetrain.settings.DotEnv;
import dev.releasetrain.settings.ServerSettings;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Registration without credentials: GitHub's manifest flow. The page posts the manifest to GitHub; GitHub sends the
 * browser back with a code, which is exchanged for the app's id, key and webhook secret, written to {@code .env}
 * (mode 0600) and put to use at once: no restart.
 */
public final class SetupRoutes {
    private static final Logger log = LoggerFactory.getLogger(SetupRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitHubTransport transport;
    private final Consumer<ServerSettings> onRegistered;
    private volatile ServerSettings settings;
    /** The cookie that ties a callback to the browser the setup page was shown to. */
    static final String COOKIE = "release_train_setup";
    /** A state lasts this long: GitHub's app creation takes a person a minute or two. */
    static final long STATE_MILLIS = 10 * 60_000;
    /** States outstanding at once; the oldest goes first (a page reloaded a hundred times needs no more). */
    private static final int MAX_STATES = 100;
    /** One-time values tying a callback to a page this server served and to that page's browser, with when they were made. */
    private final Map<String, Long> states = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Set by the first callback that exchanges a code: a second one, racing it, does not register again. */
    private final AtomicBoolean registering = new AtomicBoolean();

    /** @param onRegistered takes the registered settings into use */
    public SetupRoutes(ServerSettings settings, GitHubTransport transport, Consumer<ServerSettings> onRegistered) {
        this.settings = settings;
        this.transport = transport;
        this.onRegistered = onRegistered;
    }

    public void home(Context ctx) {
        ServerSettings settings = this.settings;
        if (settings.registered()) {
            ctx.html(page("Release Train is running",
                    "<p>Registered as GitHub App " + settings.appId().orElseThrow() + ". Deliveries go to <code>/webhook</code>"
                            + settings.webhookProxyUrl().map(u -> " (through the webhook proxy <code>" + escape(u.toString()) + "</code>)").orElse("")
                            + ".</p><h2>Next</h2><ol>"
                            + "<li>Install the app on the repositories it should look after: <a href=\"" + escape(settings.githubWebUrl().toString())
                            + "/settings/apps\">your GitHub Apps</a> → Release Train → Install App.</li>"
                            + "<li>Optionally add <code>.github/release-train.yml</code> on the default branch; check it first with "
                            + "<code>java -jar target/release-train.jar config check</code>.</li>"
                            + "<li>Open a pull request: the <code>release-train/review</code>, <code>size</code> and <code>migrations</code> "
                            + "checks appear on it.</li></ol>"
                            + "<p><a href=\"/readyz\">readiness</a> · <a href=\"/metrics\">metrics</a></p>"));
            return;
        }
        String state = newState();
        String base = publicUrl(ctx);
        // HttpOnly: no script reads it; SameSite=Lax: GitHub's redirect back (a top-level GET) carries it, a forged POST does not
        ctx.header("Set-Cookie", COOKIE + "=" + state + "; Path=/setup; Max-Age=" + STATE_MILLIS / 1000 + "; HttpOnly; SameSite=Lax"
                + (base.startsWith("https://") ? "; Secure" : ""));
        boolean local = AppManifest.local(URI.create(base));
        String hook = settings.webhookProxyUrl().map(URI::toString).orElse(base + "/webhook");
        String org = ctx.queryParam("org");
        String target = settings.githubWebUrl() + (org != null && org.matches("[A-Za-z0-9-]{1,39}")
                ? "/organizations/" + org + "/settings/apps/new" : "/settings/apps/new") + "?state=" + state;
        StringBuilder body = new StringBuilder("<p>This server is not registered with GitHub yet. The button below creates a GitHub "
                + "App with the permissions and events Release Train needs; GitHub then sends you back here, the app's credentials are "
                + "saved to <code>" + escape(settings.envFile().toAbsolutePath().toString()) + "</code> and the server starts taking "
                + "deliveries.</p>");
        if (local && settings.webhookProxyUrl().isEmpty()) {
            body.append("<p class=\"warning\"><b>GitHub cannot reach <code>").append(escape(base)).append("</code></b>: it is not a public "
                    + "address, and GitHub refuses such a webhook URL. For local development, create a channel on "
                    + "<a href=\"https://smee.io/new\">smee.io</a> and start the server with <code>WEBHOOK_PROXY_URL</code> set to it; "
                    + "deliveries then come through the channel. On a server, set <code>PUBLIC_URL</code> to its public address.</p>");
        } else if (local) {
            body.append("<p>This address is not public, so GitHub will send deliveries to the webhook proxy <code>").append(escape(hook))
                    .append("</code>, which this server listens to.</p>");
        } else {
            body.append("<p>GitHub will send deliveries to <code>").append(escape(hook)).append("</code> (set <code>PUBLIC_URL</code> if "
                    + "GitHub reaches this server at another address).</p>");
        }
        body.append("<h2>What the app may do, and why</h2><table><tr><th>permission</th><th>access</th><th>why</th></tr>");
        AppManifest.bundled().path("default_permissions").properties().forEach(p -> body.append("<tr><td>").append(escape(p.getKey()))
                .append("</td><td>").append(escape(p.getValue().asText())).append("</td><td>")
                .append(escape(AppManifest.WHY.getOrDefault(p.getKey(), ""))).append("</td></tr>"));
        body.append("</table><p>Events: ");
        AppManifest.bundled().path("default_events").forEach(e -> body.append("<code>").append(escape(e.asText())).append("</code> "));
        body.append("(and installations, which every app receives).</p>");
        body.append("<p>To register it for an organisation, open <code>/?org=NAME</code>.</p>");
        body.append("<form action=\"").append(escape(target)).append("\" method=\"post\">")
                .append("<input type=\"hidden\" name=\"manifest\" value=\"").append(escape(AppManifest.json(base, hook))).append("\">")
                .append("<button type=\"submit\"").append(local && settings.webhookProxyUrl().isEmpty() ? " disabled" : "")
                .append(">Register Release Train on GitHub</button></form>");
        ctx.html(page("Set up Release Train", body.toString()));
    }

    public void callback(Context ctx) throws Exception {
        String code = ctx.queryParam("code");
        String state = ctx.queryParam("state");
        // the state must be one this server handed out lately, to this browser (its cookie), and is used once
        if (code == null || !code.matches("[A-Za-z0-9_-]{1,100}") || state == null || !state.equals(ctx.cookie(COOKIE)) || !takeState(state)) {
            ctx.status(400).html(page("Setup link not valid", "<p>Open this link in the browser that opened the setup page, within "
                    + STATE_MILLIS / 60_000 + " minutes; or start again from <a href=\"/\">the setup page</a>.</p>"));
            return;
        }
        if (settings.registered() || !registering.compareAndSet(false, true)) {
            ctx.status(409).html(page("Already registered", "<p>This server already has an APP_ID (or is taking one now).</p>"));
            return;
        }
        try {
            register(ctx, code);
        } finally {
            if (!settings.registered()) {
                registering.set(false); // the exchange failed: another attempt may try
            }
        }
    }

    private synchronized String newState() {
        long now = System.currentTimeMillis();
        states.values().removeIf(made -> now - made > STATE_MILLIS);
        while (states.size() >= MAX_STATES) {
            states.remove(states.keySet().iterator().next());
        }
        String state = HexFormat.of().formatHex(random.generateSeed(16));
        states.put(state, now);
        return state;
    }

    /** The state, used up; false when it was never handed out, or has expired or been used. */
    private synchronized boolean takeState(String state) {
        Long made = states.remove(state);
        return made != null && System.currentTimeMillis() - made <= STATE_MILLIS;
    }

    private void register(Context ctx, String code) throws Exception {
        GitHubHttp.Response r = transport.send(new GitHubHttp.Request("POST",
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
        ServerSettings registered = settings.registeredAs(values.get("APP_ID"), values.get("PRIVATE_KEY"), values.get("WEBHOOK_SECRET"));
        onRegistered.accept(registered);
        settings = registered;
        log.info("registered as GitHub App {}; credentials written to {}", app.path("id").asText(), settings.envFile());
        String html = app.path("html_url").asText("");
        ctx.html(page("Release Train is registered",
                "<p>GitHub App <b>" + escape(app.path("slug").asText()) + "</b> (id " + escape(app.path("id").asText())
                        + ") was created and its credentials saved to <code>" + escape(settings.envFile().toString()) + "</code>.</p>"
                        + "<p>The server is taking deliveries now. Next, <a href=\"" + escape(html) + "/installations/new\">install the app</a> "
                        + "on your repositories; GitHub brings you back here afterwards.</p>"));
    }

    private String publicUrl(Context ctx) {
        return settings.publicUrl().map(Object::toString).orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>" + escape(title) + "</title><style>body{font-family:sans-serif;max-width:46em;margin:3em auto;padding:0 1em;"
                + "line-height:1.45}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;"
                + "vertical-align:top}.warning{background:#fff3cd;border:1px solid #e0b400;padding:.6em}button{font-size:1.1em;"
                + "padding:.5em 1em}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}

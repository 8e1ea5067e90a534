package dev.releasetrain.settings;

import dev.releasetrain.github.PrivateKeys;

import dev.releasetrain.store.Database;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Server settings, from the environment over an optional {@code .env} file. Every URL the bot calls comes from
 * here, never from a repository's files.
 *
 * @param appId         empty until the app is registered; the server then serves the setup page
 * @param privateKey    the app's key, parsed at start-up so a bad key stops the server with a clear sentence
 * @param webhookSecrets the current secret first; a second one is accepted during rotation
 * @param webhookProxyUrl a smee.io-style channel whose events are taken in like deliveries (local development)
 * @param reconcileMinutes how often one replica fetches back what GitHub failed to deliver (0: never)
 * @param replicaId     this process's name in the claims it holds: unique per running process
 * @param deliveryBufferBytes the delivery bodies the door holds at once, across all requests being read
 */
public record ServerSettings(
        int port,
        Optional<Long> appId,
        Optional<PrivateKey> privateKey,
        List<String> webhookSecrets,
        URI githubApiUrl,
        URI githubWebUrl,
        Optional<URI> publicUrl,
        Optional<URI> webhookProxyUrl,
        Database.Address database,
        int workers,
        boolean dryRun,
        String logLevel,
        int writesPerMinute,
        long retryBaseMillis,
        int maxAttempts,
        int retentionDays,
        Optional<URI> migrationStatusApiUrl,
        Optional<String> migrationStatusApiToken,
        Path envFile,
        int reconcileMinutes,
        String replicaId,
        long deliveryBufferBytes) {

    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:release-train.db";

    /** ServerSettings may reach a log line; secrets must not. */
    @Override
    public String toString() {
        return "ServerSettings[port=" + port + ", appId=" + appId.map(String::valueOf).orElse("-") + ", githubApiUrl=" + githubApiUrl
                + ", webhookProxyUrl=" + webhookProxyUrl.map(String::valueOf).orElse("-") + ", database=" + database.redacted() + ", workers=" + workers + ", dryRun=" + dryRun
                + ", migrationStatusApiUrl=" + migrationStatusApiUrl.map(String::valueOf).orElse("-")
                + ", privateKey=" + (privateKey.isPresent() ? "(set)" : "-") + ", webhookSecrets=" + webhookSecrets.size()
                + ", migrationStatusApiToken=" + (migrationStatusApiToken.isPresent() ? "(set)" : "-") + "]";
    }

    /** Host name and process id: unique among running replicas, and readable in the store's claims. */
    private static String defaultReplicaId() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "replica";
            }
        });
        return host + "-" + ProcessHandle.current().pid();
    }

    public boolean registered() {
        return appId.isPresent();
    }

    /** Environment variables win over the {@code .env} file, as with every dotenv loader. */
    public static ServerSettings load(Map<String, String> environment, Path envFile) {
        Map<String, String> values = new HashMap<>(DotEnv.read(envFile));
        environment.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                values.put(k, v);
            }
        });
        return from(values, envFile);
    }

    static ServerSettings from(Map<String, String> values, Path envFile) {
        Reader r = new Reader(values);
        int port = r.integer("PORT", 3000, 0, 65535);
        Optional<Long> appId = r.optional("APP_ID").map(v -> r.positiveLong("APP_ID", v));
        Optional<PrivateKey> key = r.privateKey();
        List<String> secrets = r.optional("WEBHOOK_SECRET")
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (appId.isPresent() && key.isEmpty()) {
            throw new SettingsException("APP_ID is set but neither PRIVATE_KEY nor PRIVATE_KEY_PATH is: the app cannot authenticate to GitHub.");
        }
        if (appId.isPresent() && secrets.isEmpty()) {
            throw new SettingsException("APP_ID is set but WEBHOOK_SECRET is not: deliveries could not be verified.");
        }
        if (secrets.size() > 2) {
            throw new SettingsException("WEBHOOK_SECRET holds more than two comma-separated secrets (the current one and one being rotated out).");
        }
        URI api = r.url("GITHUB_API_URL", "https://api.github.com");
        URI web = r.url("GITHUB_URL", "https://github.com");
        Optional<URI> publicUrl = r.optional("PUBLIC_URL").map(v -> r.url("PUBLIC_URL", v));
        Optional<URI> proxy = r.optional("WEBHOOK_PROXY_URL").map(v -> r.url("WEBHOOK_PROXY_URL", v));
        String url = r.optional("DATABASE_URL").orElse(DEFAULT_DATABASE_URL);
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            throw new SettingsException("DATABASE_URL must be a JDBC URL: write jdbc:postgresql://host:port/database, with the user and "
                    + "password in DATABASE_USER and DATABASE_PASSWORD (or ?user=…&password=… at its end).");
        }
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql://")) {
            throw new SettingsException("DATABASE_URL must be a jdbc:sqlite: URL (the default is " + DEFAULT_DATABASE_URL
                    + ") or a jdbc:postgresql://host:port/database URL.");
        }
        int workers = r.integer("WORKERS", 2 * Runtime.getRuntime().availableProcessors(), 1, 512);
        // every worker may hold a connection for a lock while it reads and writes on another
        Database.Address db = new Database.Address(url, r.optional("DATABASE_USER"), r.optional("DATABASE_PASSWORD"),
                r.integer("DATABASE_POOL_SIZE", Math.max(10, workers + 4), 2, 1000));
        boolean dryRun = r.bool("DRY_RUN", false);
        String level = r.optional("LOG_LEVEL").orElse("info").toLowerCase(Locale.ROOT);
        if (!List.of("trace", "debug", "info", "warn", "error").contains(level)) {
            throw new SettingsException("LOG_LEVEL must be one of trace, debug, info, warn, error (it is " + level + ").");
        }
        int writesPerMinute = r.integer("GITHUB_WRITES_PER_MINUTE", 80, 1, 100_000);
        int retryBase = r.integer("RETRY_BASE_MS", 2_000, 1, 600_000);
        int maxAttempts = r.integer("MAX_ATTEMPTS", 8, 1, 100);
        // GitHub redelivers up to three days back; the redelivery guard must remember at least that long
        int retentionDays = r.integer("DELIVERY_RETENTION_DAYS", 7, 3, 3650);
        Optional<URI> migrationApi = r.optional("MIGRATION_STATUS_API_URL").map(v -> r.url("MIGRATION_STATUS_API_URL", v));
        Optional<String> migrationToken = r.optional("MIGRATION_STATUS_API_TOKEN");
        int reconcile = r.integer("RECONCILE_MINUTES", 5, 0, 24 * 60);
        String replica = r.optional("REPLICA_ID").orElseGet(ServerSettings::defaultReplicaId);
        // at least one delivery of GitHub's largest size fits; the default leaves most of the 160 MB heap to the rest
        long buffer = r.integer("DELIVERY_BUFFER_MB", 64, 26, 4096) * 1024L * 1024;
        return new ServerSettings(port, appId, key, secrets, api, web, publicUrl, proxy, db, workers, dryRun, level, writesPerMinute,
                retryBase, maxAttempts, retentionDays, migrationApi, migrationToken, envFile, reconcile, replica, buffer);
    }

    /** For {@code replay}: a dry run on a scratch database, so no real delivery or record is touched. */
    public ServerSettings dryRunOn(String scratchDatabaseUrl) {
        return new ServerSettings(port, appId, privateKey, webhookSecrets, githubApiUrl, githubWebUrl, publicUrl, webhookProxyUrl,
                Database.Address.of(scratchDatabaseUrl), workers, true, logLevel, writesPerMinute, retryBaseMillis, maxAttempts,
                retentionDays, migrationStatusApiUrl, migrationStatusApiToken, envFile, 0, replicaId, deliveryBufferBytes);
    }

    /** These settings with the credentials GitHub's manifest flow handed over: what the server runs on once registered. */
    public ServerSettings registeredAs(String appId, String privateKeyPem, String webhookSecret) {
        Reader r = new Reader(Map.of("APP_ID", appId, "PRIVATE_KEY", privateKeyPem, "WEBHOOK_SECRET", webhookSecret));
        return new ServerSettings(port, Optional.of(r.positiveLong("APP_ID", appId)), r.privateKey(), List.of(webhookSecret), githubApiUrl,
                githubWebUrl, publicUrl, webhookProxyUrl, database, workers, dryRun, logLevel, writesPerMinute, retryBaseMillis,
                maxAttempts, retentionDays, migrationStatusApiUrl, migrationStatusApiToken, envFile, reconcileMinutes, replicaId,
                deliveryBufferBytes);
    }

    private record Reader(Map<String, String> values) {
        Optional<String> optional(String name) {
            return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int v = Integer.parseInt(raw.get());
                if (v < min || v > max) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new SettingsException(name + " must be a whole number from " + min + " to " + max + " (it is \"" + raw.get() + "\").");
            }
        }

        long positiveLong(String name, String raw) {
            try {
                long v = Long.parseLong(raw);
                if (v <= 0) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new SettingsException(name + " must be the app's numeric id (it is \"" + raw + "\").");
            }
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            return switch (raw.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new SettingsException(name + " must be true or false (it is \"" + raw.get() + "\").");
            };
        }

        URI url(String name, String raw) {
            String value = optional(name).orElse(raw);
            try {
                URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new SettingsException(name + " must be an http(s) URL (it is \"" + value + "\").");
            }
        }

        Optional<PrivateKey> privateKey() {
            Optional<String> inline = optional("PRIVATE_KEY");
            Optional<String> path = optional("PRIVATE_KEY_PATH");
            String name = inline.isPresent() ? "PRIVATE_KEY" : "PRIVATE_KEY_PATH";
            Optional<String> pem = inline;
            if (pem.isEmpty() && path.isPresent()) {
                try {
                    pem = Optional.of(Files.readString(Path.of(path.get()), StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new SettingsException("PRIVATE_KEY_PATH names a file that cannot be read (" + path.get() + ").");
                }
            }
            try {
                return pem.map(PrivateKeys::parsePem);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(name + " is not usable: " + e.getMessage() + ".");
            }
        }
    }
}

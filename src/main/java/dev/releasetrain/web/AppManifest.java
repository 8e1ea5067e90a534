package dev.releasetrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The app manifest (app-manifest.yml, bundled in the jar) completed with this server's addresses. */
final class AppManifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Loopback, private and link-local addresses, and names that only resolve on this machine or network. */
    private static final Pattern LOCAL = Pattern.compile("localhost|.*\\.localhost|.*\\.local|.*\\.internal|127\\.\\d+\\.\\d+\\.\\d+|"
            + "10\\.\\d+\\.\\d+\\.\\d+|192\\.168\\.\\d+\\.\\d+|172\\.(1[6-9]|2\\d|3[01])\\.\\d+\\.\\d+|169\\.254\\.\\d+\\.\\d+|0\\.0\\.0\\.0|"
            + "\\[?::1]?|\\[?f[cd][0-9a-f]{2}:.*|\\[?fe80:.*");

    /** Why the app asks for each permission, as the setup page explains it. */
    static final Map<String, String> WHY = new LinkedHashMap<>();

    static {
        WHY.put("checks", "publish the release-train/review, size and migrations check runs on pull requests");
        WHY.put("contents", "read .github/release-train.yml from the default branch, cut release branches, cherry-pick fixes, "
                + "commit version bumps and tag releases");
        WHY.put("pull_requests", "read pull requests, their files and reviews; open cherry-pick and sync pull requests");
        WHY.put("issues", "comment (size hints, cherry-pick results, command replies), label, and keep the release checklist issue");
        WHY.put("metadata", "required by GitHub for every app: read the repository's name and settings");
        WHY.put("members", "check membership of the teams listed in release.managers");
    }

    private AppManifest() {
    }

    /** Whether GitHub (on the internet) cannot reach this address. */
    static boolean local(URI address) {
        return address.getHost() == null || LOCAL.matcher(address.getHost().toLowerCase(Locale.ROOT)).matches();
    }

    /** The bundled manifest as it stands in the file. */
    static JsonNode bundled() {
        try (InputStream in = AppManifest.class.getClassLoader().getResourceAsStream("app-manifest.yml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param publicUrl  where a browser reaches this server (setup pages)
     * @param webhookUrl where GitHub sends deliveries: this server's /webhook, or a webhook proxy's channel
     */
    static String json(String publicUrl, String webhookUrl) {
        ObjectNode manifest = (ObjectNode) bundled();
        manifest.put("url", publicUrl);
        manifest.putObject("hook_attributes").put("url", webhookUrl).put("active", true);
        manifest.put("redirect_url", publicUrl + "/setup/callback");
        // after an installation GitHub sends the installer here, where the next steps are
        manifest.put("setup_url", publicUrl + "/");
        manifest.put("setup_on_update", true);
        try {
            return JSON.writeValueAsString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.releasetrain.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The app manifest (app-manifest.yml, bundled in the jar) completed with this server's public address. */
final class AppManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AppManifest() {
    }

    static String json(String publicUrl) {
        try (InputStream in = AppManifest.class.getClassLoader().getResourceAsStream("app-manifest.yml")) {
            ObjectNode manifest = (ObjectNode) new YAMLMapper().readTree(in);
            manifest.put("url", publicUrl);
            manifest.putObject("hook_attributes").put("url", publicUrl + "/webhook").put("active", true);
            manifest.put("redirect_url", publicUrl + "/setup/callback");
            return JSON.writeValueAsString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

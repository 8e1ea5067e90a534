package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A write to GitHub in one line, for a dry run: the method, the path (which names the repository) and the fields a
 * person checks (a check's name and conclusion, a label, a ref, a comment's first line), not the whole body.
 */
public final class WriteDescription {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields worth showing, in this order. */
    private static final List<String> FIELDS = List.of("name", "status", "conclusion", "title", "labels", "assignees", "ref", "sha", "force",
            "tag", "tag_name", "object", "head", "base", "state", "state_reason", "content", "message", "body");
    private static final int MAX_TEXT = 80;

    private WriteDescription() {
    }

    public static String of(String method, String url, byte[] body) {
        StringBuilder s = new StringBuilder(method).append(' ').append(URI.create(url).getRawPath());
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return s.append(" (").append(body.length).append(" bytes)").toString();
        }
        if (json != null && json.isObject()) {
            for (String field : FIELDS) {
                JsonNode v = json.path(field);
                if (field.equals("title") && json.has("output")) {
                    v = json.path("output").path("title"); // a check run's title is in its output
                }
                if (!v.isMissingNode() && !v.isNull()) {
                    s.append(' ').append(field).append('=').append(shown(v));
                }
            }
        }
        return s.toString();
    }

    private static String shown(JsonNode v) {
        if (v.isArray()) {
            StringBuilder list = new StringBuilder("[");
            v.forEach(i -> list.append(list.length() > 1 ? ", " : "").append(i.isTextual() ? i.asText() : i.toString()));
            return list.append(']').toString();
        }
        if (!v.isTextual()) {
            return v.toString();
        }
        String first = v.asText().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("<!--")).findFirst().orElse("");
        return "\"" + (first.length() > MAX_TEXT ? first.substring(0, MAX_TEXT) + "…" : first) + "\"";
    }
}

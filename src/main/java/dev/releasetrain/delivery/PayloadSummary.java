package dev.releasetrain.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;

/**
 * The few fields the door needs from a payload, read in one streaming pass that also proves the body is
 * well-formed JSON, so the full tree is only built later, by a worker.
 *
 * @param number the pull request or issue the delivery is about, if any: deliveries about it run in order
 */
public record PayloadSummary(String action, Long installationId, String repository, Long number) {
    /**
     * The JSON limits for payloads, shared by the door and the workers so that whatever the door accepts a worker
     * can read: strings as long as a whole payload, nesting far deeper than GitHub's but bounded.
     */
    public static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                    .maxStringLength(Delivery.MAX_PAYLOAD_BYTES).build())
            .build();

    /** The key that serialises deliveries about one pull request or issue; null where order does not matter. */
    public String orderingKey() {
        return repository != null && number != null ? repository + "#" + number : null;
    }

    /** GitHub's rules: an owner of letters, digits and hyphens; a name of those, dots and underscores, but not . or .. */
    private static final java.util.regex.Pattern FULL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,39}/(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}");

    public static PayloadSummary parse(byte[] body) throws MalformedPayloadException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPayloadException("the body is not a JSON object");
            }
            String action = null;
            Long installation = null;
            String repository = null;
            Long number = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    // a value of the wrong kind is ignored (skipped whole, were it an object or a list)
                    case "action" -> {
                        action = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "number" -> {
                        // boxed on both sides: a long on one would unbox a still-null number (the fuzzer found that)
                        number = value == JsonToken.VALUE_NUMBER_INT ? Long.valueOf(p.getLongValue()) : number;
                        p.skipChildren();
                    }
                    case "installation" -> installation = longField(p, value, "id");
                    case "repository" -> repository = stringField(p, value, "full_name");
                    case "pull_request", "issue" -> {
                        Long n = longField(p, value, "number");
                        number = n != null ? n : number;
                    }
                    case "check_run", "check_suite" -> {
                        Long n = firstPullRequestNumber(p, value);
                        number = n != null ? n : number;
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new MalformedPayloadException("the body has content after its JSON object");
            }
            if (repository != null && !FULL_NAME.matcher(repository).matches()) {
                // it becomes part of every API path: "../x" or "a/b/c" must never reach one
                throw new MalformedPayloadException("repository.full_name is not owner/name");
            }
            return new PayloadSummary(action, installation, repository, number);
        } catch (IOException e) {
            throw new MalformedPayloadException("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static Long longField(JsonParser p, JsonToken value, String name) throws IOException {
        return field(p, value, name, JsonToken.VALUE_NUMBER_INT, JsonParser::getLongValue);
    }

    private static String stringField(JsonParser p, JsonToken value, String name) throws IOException {
        return field(p, value, name, JsonToken.VALUE_STRING, JsonParser::getText);
    }

    private interface Read<T> {
        T from(JsonParser p) throws IOException;
    }

    /** One field of the object starting at {@code value}, if it has the expected type; the rest is skipped. */
    private static <T> T field(JsonParser p, JsonToken value, String name, JsonToken type, Read<T> read) throws IOException {
        T found = null;
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals(name) && v == type) {
                found = read.from(p);
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    /** check_run and check_suite name their pull requests in a list; the first one orders the delivery. */
    private static Long firstPullRequestNumber(JsonParser p, JsonToken value) throws IOException {
        Long found = null;
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("pull_requests") && v == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Long n = longField(p, JsonToken.START_OBJECT, "number");
                    found = found == null ? n : found;
                }
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

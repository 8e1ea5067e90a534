package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

/** Facts about a GitHub user object as payloads and responses carry it. */
public final class Users {
    private Users() {
    }

    /** An app or other automation: its type says so, or its login ends in {@code [bot]}. */
    public static boolean isBot(JsonNode user) {
        return "Bot".equals(user.path("type").asText()) || user.path("login").asText().endsWith("[bot]");
    }
}

package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.kohsuke.github.GHUser;

import java.io.IOException;

/** Facts about a GitHub user object as payloads and responses carry it. */
public final class Users {
    private Users() {
    }

    /** An app or other automation: its type says so, or its login ends in {@code [bot]}. */
    public static boolean isBot(JsonNode user) {
        return isBot(user.path("login").asText(), user.path("type").asText());
    }

    public static boolean isBot(GHUser user) throws IOException {
        return user != null && isBot(user.getLogin(), user.getType());
    }

    /** A login alone, as stored records keep it: apps' logins end in {@code [bot]}. */
    public static boolean isBotLogin(String login) {
        return login != null && login.endsWith("[bot]");
    }

    private static boolean isBot(String login, String type) {
        return "Bot".equals(type) || isBotLogin(login);
    }
}

package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.delivery.WebhookEvent;

import java.time.YearMonth;

/** A day of a repository's release calendar the bot scheduled for itself: a month's freeze, or the reminder before it. */
public record CalendarDay(String kind, YearMonth month, long installation, String repository) {
    public static CalendarDay read(WebhookEvent e) {
        JsonNode p = e.payload();
        return new CalendarDay(e.action(), YearMonth.parse(p.path("month").asText()), p.path("installation").path("id").asLong(),
                p.path("repository").path("full_name").asText());
    }
}

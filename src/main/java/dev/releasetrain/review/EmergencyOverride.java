package dev.releasetrain.review;

/** Someone with write permission let a pull request through without review; it is reviewed after the fact. */
public record EmergencyOverride(String actor, String reason, String headSha, long at) {
}

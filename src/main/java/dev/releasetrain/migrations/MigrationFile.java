package dev.releasetrain.migrations;

/** A migration a pull request touches: its path, how (added, modified, removed, renamed) and its text at the head. */
public record MigrationFile(String path, String status, String content) {
}

package dev.releasetrain.config;

import java.util.List;

/** The {@code highlights} and {@code notes} sections: which label marks a highlight, and the categories of the notes. */
public record NotesSettings(String highlightLabel, List<Category> categories) {
    /** A section of the changes: pull requests with any of these labels. */
    public record Category(String title, List<String> labels) {
    }
}

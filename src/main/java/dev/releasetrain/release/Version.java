package dev.releasetrain.release;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release version X.Y.Z: monthly releases bump the minor, a breaking bug's fix the patch. */
public record Version(int major, int minor, int patch) implements Comparable<Version> {
    private static final Pattern FORM = Pattern.compile("v?(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})");

    /** Exactly X.Y.Z (a leading v allowed, as tags often have); anything else, "1.2.3; rm -rf" included, is empty. */
    public static Optional<Version> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    public Version nextMinor() {
        return new Version(major, minor + 1, 0);
    }

    public Version nextPatch() {
        return new Version(major, minor, patch + 1);
    }

    /** The newest version among tags; tags that are not versions are ignored. */
    public static Optional<Version> latest(Collection<String> tags) {
        return tags.stream().map(Version::parse).flatMap(Optional::stream).max(Version::compareTo);
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}

package dev.releasetrain.size;

import dev.releasetrain.config.Glob;
import dev.releasetrain.github.ChangedFile;

import dev.releasetrain.config.RepoConfigParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExcludedFilesTest {
    @Test
    void globsFollowGitattributesRules() {
        assertTrue(Glob.of("*.min.js").matches("static/app.min.js"), "no slash: any folder");
        assertTrue(Glob.of("vendor/").matches("vendor/lib/x.go"));
        assertTrue(Glob.of("vendor/").matches("services/api/vendor/y.go"));
        assertTrue(Glob.of("dist/**").matches("dist/a/b.js"));
        assertFalse(Glob.of("dist/**").matches("src/dist/a.js"), "a slash anchors to the top");
        assertTrue(Glob.of("**/migrations/**").matches("app/migrations/0001.py"));
        assertTrue(Glob.of("**/migrations/**").matches("migrations/0001.py"));
        assertFalse(Glob.of("*.lock").matches("lockfile"));
        assertTrue(Glob.of("docs/?.md").matches("docs/a.md"));
    }

    @Test
    void lockFilesAndVendoredCodeDoNotCountByDefault() {
        ExcludedFiles e = ExcludedFiles.of("", List.of());
        for (String path : List.of("package-lock.json", "web/yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Cargo.lock", "go.sum",
                "Gemfile.lock", "composer.lock", "vendor/x/y.go", "node_modules/a/index.js", "static/app.min.js",
                "src/__snapshots__/a.test.js.snap")) {
            assertTrue(e.reason(path).isPresent(), path);
        }
        assertTrue(e.reason("src/main.rs").isEmpty());
    }

    @Test
    void gitattributesMarksAndUnmarksAndConfigGlobsHaveTheLastWord() {
        String attributes = """
                # generated code
                generated/** linguist-generated
                api/*.pb.go linguist-generated=true
                third_party/** linguist-vendored
                generated/handwritten.go -linguist-generated
                docs/** linguist-documentation
                """;
        ExcludedFiles e = ExcludedFiles.of(attributes, List.of("fixtures/**", "!package-lock.json"));
        assertTrue(e.reason("generated/schema.ts").orElseThrow().contains("linguist-generated"));
        assertTrue(e.reason("api/user.pb.go").isPresent());
        assertTrue(e.reason("third_party/lib.c").orElseThrow().contains("linguist-vendored"));
        assertTrue(e.reason("generated/handwritten.go").isEmpty(), "-linguist-generated undoes it");
        assertTrue(e.reason("docs/guide.md").isEmpty(), "other linguist attributes do not exclude");
        assertTrue(e.reason("fixtures/big.json").orElseThrow().contains("size.exclude"));
        assertTrue(e.reason("package-lock.json").isEmpty(), "!glob counts a default exclusion again");
    }

    @Test
    void aRenameIsExcludedOnlyWhenBothPathsAre() {
        SizeBuckets buckets = SizeBuckets.from(new RepoConfigParser().defaultSettings().size());
        ExcludedFiles e = ExcludedFiles.of("", List.of());
        SizeMeasure m = SizeMeasure.of(List.of(
                new ChangedFile("vendor/moved.go", "src/moved.go", "renamed", 40, 0),
                new ChangedFile("vendor/b.go", "vendor/a.go", "renamed", 7, 0),
                new ChangedFile("src/x.go", null, "modified", 2, 1)), 3, e, buckets);
        assertEquals(43, m.countedLines(), "moving code into vendor/ still counts");
        assertEquals(7, m.excludedLines());
        assertEquals("size/M", m.bucket());
        assertEquals(Long.valueOf(40 + 3), m.byFolder().values().stream().reduce(0L, Long::sum));
    }

    @Test
    void bucketsFollowTheThresholdsAndACappedListIsNeverUndercounted() {
        SizeBuckets b = SizeBuckets.from(new RepoConfigParser().defaultSettings().size());
        assertEquals("size/XS", b.bucket(9));
        assertEquals("size/S", b.bucket(10));
        assertEquals("size/M", b.bucket(99));
        assertEquals("size/L", b.bucket(100));
        assertEquals("size/XL", b.bucket(999));
        assertEquals("size/XXL", b.bucket(1000));
        List<ChangedFile> listed = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            listed.add(new ChangedFile("f" + i, null, "modified", i == 0 ? 1 : 0, 0));
        }
        SizeMeasure capped = SizeMeasure.of(listed, 3500, ExcludedFiles.of("", List.of()), b);
        assertTrue(capped.capped());
        assertEquals("size/XXL", capped.bucket());
    }
}

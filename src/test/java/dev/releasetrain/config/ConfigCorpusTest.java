package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.releasetrain.cli.ConfigCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configs written for this test (src/test/resources/configs): each bad one says in its opening comments which
 * problems {@code config check} must print, on which lines, and whether the JSON Schema can see them too.
 */
class ConfigCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/configs");
    private static final Path SCHEMA = Path.of("schema/release-train.schema.json");
    private static final Pattern EXPECT = Pattern.compile("^# expect (\\d+): (.*)$", Pattern.MULTILINE);
    private static final RepoConfigParser PARSER = new RepoConfigParser();

    static Stream<Path> good() throws IOException {
        return files("good");
    }

    static Stream<Path> bad() throws IOException {
        return files("bad");
    }

    private static Stream<Path> files(String kind) throws IOException {
        return Files.list(CORPUS.resolve(kind)).filter(p -> p.toString().endsWith(".yml")).sorted();
    }

    private record Run(int exit, List<String> lines) {
    }

    private static Run check(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ConfigCommand().run(List.of("check", file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static Set<ValidationMessage> validate(Path yaml) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA));
        JsonNode doc = new YAMLMapper().readTree(yaml.toFile());
        return schema.validate(doc == null || doc.isMissingNode() || doc.isNull() ? new ObjectMapper().createObjectNode() : doc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void aGoodConfigPassesTheCheckAndTheSchema(Path file) throws IOException {
        Run run = check(file);
        assertEquals(List.of(file + ": ok"), run.lines());
        assertEquals(0, run.exit());
        assertEquals(Set.of(), validate(file), file + " against the schema");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void aBadConfigNamesEachProblemWithItsLine(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher m = EXPECT.matcher(text);
        List<String> expected = m.results().map(r -> file + ":" + r.group(1) + ": " + r.group(2)).toList();
        assertTrue(!expected.isEmpty(), file + " says what it expects");
        Run run = check(file);
        assertEquals(1, run.exit(), file.toString());
        assertEquals(expected.size(), run.lines().size(), file + ": " + run.lines());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(run.lines().get(i).startsWith(expected.get(i)), "expected " + expected.get(i) + "\n     got " + run.lines().get(i));
        }
        if (text.contains("# schema: rejects")) {
            assertTrue(!validate(file).isEmpty(), file + " is rejected by the schema too");
        } else {
            assertTrue(text.contains("# schema: cannot tell"), file + " says whether the schema can tell");
        }
    }

    @Test
    void theSchemaInTheRepositoryIsTheOneTheCodeWrites() throws IOException {
        assertEquals(SettingsSchema.json(PARSER), Files.readString(SCHEMA),
                "regenerate it: java -jar target/release-train.jar config schema > schema/release-train.schema.json");
    }

    @Test
    void theDefaultsPassTheSchemaAndDescribeTheirKeys() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA));
        JsonNode defaults = new YAMLMapper().readTree(PARSER.defaultsText());
        assertEquals(Set.of(), schema.validate(defaults));
        JsonNode node = new ObjectMapper().readTree(Files.readString(SCHEMA));
        assertEquals("empty: the check stays neutral; a bucket such as size/XXL turns it into a failure from that size on",
                node.at("/properties/size/properties/fail-from/description").asText());
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ConfigCommand().run(List.of("check", "no/such/release-train.yml"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    }
}

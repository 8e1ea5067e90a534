package dev.releasetrain.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureVerifierTest {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_VECTOR = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void matchesGitHubsDocumentedExample() {
        assertEquals(GITHUB_VECTOR, SignatureVerifier.sign("It's a Secret to Everybody", HELLO));
        assertTrue(new SignatureVerifier(List.of("It's a Secret to Everybody")).verify(HELLO, GITHUB_VECTOR));
    }

    @Test
    void acceptsEitherSecretDuringRotation() {
        SignatureVerifier v = new SignatureVerifier(List.of("new-secret", "It's a Secret to Everybody"));
        assertTrue(v.verify(HELLO, GITHUB_VECTOR));
        assertTrue(v.verify(HELLO, SignatureVerifier.sign("new-secret", HELLO)));
        assertFalse(v.verify(HELLO, SignatureVerifier.sign("retired-secret", HELLO)));
    }

    @Test
    void refusesTamperedBodiesAndMalformedHeaders() {
        SignatureVerifier v = new SignatureVerifier(List.of("It's a Secret to Everybody"));
        assertFalse(v.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), GITHUB_VECTOR));
        assertFalse(v.verify(HELLO, GITHUB_VECTOR.replace("sha256=", "sha1=")));
        assertFalse(v.verify(HELLO, "sha256=zz"));
        assertFalse(v.verify(HELLO, "sha256="));
        assertFalse(v.verify(HELLO, null));
        assertFalse(new SignatureVerifier(List.of()).verify(HELLO, GITHUB_VECTOR));
    }
}

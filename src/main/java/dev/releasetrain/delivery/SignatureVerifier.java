package dev.releasetrain.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks {@code X-Hub-Signature-256}: HMAC-SHA256 of the raw body, compared in constant time. Several secrets are
 * accepted so that a secret can be rotated without refusing deliveries signed with the old one.
 */
public final class SignatureVerifier {
    private static final String PREFIX = "sha256=";
    private final List<SecretKeySpec> keys;

    public SignatureVerifier(List<String> secrets) {
        this.keys = secrets.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).toList();
    }

    public boolean verify(byte[] body, String signatureHeader) {
        if (signatureHeader == null || !signatureHeader.startsWith(PREFIX) || keys.isEmpty()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = false;
        for (SecretKeySpec key : keys) {
            // no early exit: the time taken must not tell which secret matched
            ok |= MessageDigest.isEqual(hmac(key, body), claimed);
        }
        return ok;
    }

    /** The header value GitHub would send for {@code body}; tests and the load generator sign with it. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}

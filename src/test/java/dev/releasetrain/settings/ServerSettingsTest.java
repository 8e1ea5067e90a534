package dev.releasetrain.settings;

import dev.releasetrain.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    @TempDir
    Path dir;

    private ServerSettings load(Map<String, String> env) {
        return ServerSettings.load(env, dir.resolve(".env"));
    }

    private static Map<String, String> registered() {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ID", "123");
        env.put("PRIVATE_KEY", TestKeys.privatePem());
        env.put("WEBHOOK_SECRET", "s1, s2");
        return env;
    }

    @Test
    void documentedDefaults() {
        ServerSettings s = load(Map.of());
        assertEquals(3000, s.port());
        assertFalse(s.registered());
        assertEquals("https://api.github.com", s.githubApiUrl().toString());
        assertEquals("jdbc:sqlite:release-train.db", s.database().url());
        assertEquals(2 * Runtime.getRuntime().availableProcessors(), s.workers());
        assertFalse(s.dryRun());
    }

    @Test
    void postgresqlIsChosenByItsUrlAndItsPasswordNeverReachesALogLine() {
        Map<String, String> env = registered();
        env.put("DATABASE_URL", "jdbc:postgresql://db:5432/rt?user=rt&password=hunter2");
        env.put("DATABASE_PASSWORD", "s3cret");
        ServerSettings s = load(env);
        assertEquals(dev.releasetrain.store.Database.Dialect.POSTGRESQL, s.database().dialect());
        assertEquals(java.util.Optional.of("s3cret"), s.database().password());
        assertFalse(s.toString().contains("hunter2") || s.toString().contains("s3cret"), s.toString());
        assertTrue(s.toString().contains("password=***"), s.toString());
        env.put("DATABASE_URL", "jdbc:postgresql://rt:hunter2@db/rt");
        assertFalse(load(env).toString().contains("hunter2"), load(env).toString());
        assertEquals(5, load(env).reconcileMinutes());
    }

    @Test
    void readsARegisteredAppWithTwoSecretsForRotation() {
        ServerSettings s = load(registered());
        assertEquals(123L, s.appId().orElseThrow());
        assertEquals(java.util.List.of("s1", "s2"), s.webhookSecrets());
        assertTrue(s.privateKey().isPresent());
    }

    @Test
    void aBadSettingStopsStartUpWithOneSentenceNamingIt() {
        for (String[] bad : new String[][] {{"PORT", "http"}, {"PORT", "70000"}, {"APP_ID", "abc"}, {"WORKERS", "0"},
                {"DRY_RUN", "maybe"}, {"GITHUB_API_URL", "ftp://x"}, {"DATABASE_URL", "jdbc:mysql://x/db"},
                {"DATABASE_URL", "postgres://u:p@db:5432/rt"}, {"DATABASE_POOL_SIZE", "1"}, {"RECONCILE_MINUTES", "-1"},
                {"LOG_LEVEL", "loud"}, {"PRIVATE_KEY", "not a key"}}) {
            Map<String, String> env = registered();
            env.put(bad[0], bad[1]);
            SettingsException e = assertThrows(SettingsException.class, () -> load(env), bad[0]);
            assertTrue(e.getMessage().startsWith(bad[0]), e.getMessage());
            assertEquals(1, e.getMessage().split("\\. ").length, "one sentence: " + e.getMessage());
        }
        Map<String, String> noSecret = registered();
        noSecret.remove("WEBHOOK_SECRET");
        assertTrue(assertThrows(SettingsException.class, () -> load(noSecret)).getMessage().contains("WEBHOOK_SECRET"));
        Map<String, String> missingFile = registered();
        missingFile.remove("PRIVATE_KEY");
        missingFile.put("PRIVATE_KEY_PATH", dir.resolve("nope.pem").toString());
        assertTrue(assertThrows(SettingsException.class, () -> load(missingFile)).getMessage().startsWith("PRIVATE_KEY_PATH"));
    }

    @Test
    void readsGitHubsPkcs1KeysFromAFile() throws Exception {
        Path pem = dir.resolve("app.pem");
        Files.writeString(pem, pkcs1Pem((RSAPrivateCrtKey) TestKeys.PAIR.getPrivate()));
        Map<String, String> env = registered();
        env.remove("PRIVATE_KEY");
        env.put("PRIVATE_KEY_PATH", pem.toString());
        ServerSettings s = load(env);
        java.security.Signature sign = java.security.Signature.getInstance("SHA256withRSA");
        sign.initSign(s.privateKey().orElseThrow());
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withRSA");
        verify.initVerify(TestKeys.PAIR.getPublic());
        verify.update(new byte[] {1, 2, 3});
        assertTrue(verify.verify(signature), "the key read from the file is the app's");
    }

    @Test
    void theEnvironmentWinsOverTheDotEnvFileTheSetupWrote() throws Exception {
        DotEnv.write(dir.resolve(".env"), Map.of("APP_ID", "77", "PRIVATE_KEY", TestKeys.privatePem(), "WEBHOOK_SECRET", "from-file", "PORT", "4000"));
        ServerSettings fromFile = load(Map.of());
        assertEquals(77L, fromFile.appId().orElseThrow());
        assertEquals(java.util.List.of("from-file"), fromFile.webhookSecrets());
        assertTrue(fromFile.privateKey().isPresent(), "a multi-line PEM survives the .env round trip");
        assertEquals(5000, load(Map.of("PORT", "5000")).port());
    }

    /** A PKCS#1 RSAPrivateKey, DER-encoded by hand: the format of GitHub's downloaded keys. */
    static String pkcs1Pem(RSAPrivateCrtKey k) {
        BigInteger[] parts = {BigInteger.ZERO, k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(), k.getPrimeP(),
            k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()};
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (BigInteger p : parts) {
            byte[] v = p.toByteArray();
            body.write(0x02);
            derLength(body, v.length);
            body.writeBytes(v);
        }
        java.io.ByteArrayOutputStream seq = new java.io.ByteArrayOutputStream();
        seq.write(0x30);
        derLength(seq, body.size());
        seq.writeBytes(body.toByteArray());
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(seq.toByteArray())
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    private static void derLength(java.io.ByteArrayOutputStream out, int len) {
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        }
    }
}

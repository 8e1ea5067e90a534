package dev.releasetrain.github;

import io.jsonwebtoken.Jwts;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The app's own JSON Web Token (RS256), which GitHub trades for installation tokens. Issued 60 s in the past to
 * allow for clock drift, valid 9 minutes (GitHub takes at most 10), and reused until two minutes before it ends.
 */
public final class AppJwt {
    private static final Duration BACKDATE = Duration.ofSeconds(60);
    private static final Duration LIFETIME = Duration.ofMinutes(9);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private final long appId;
    private final PrivateKey key;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    public AppJwt(long appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    public synchronized String token() {
        Instant now = clock.instant();
        if (token == null || now.isAfter(expiresAt.minus(RENEW_BEFORE))) {
            Instant issued = now.minus(BACKDATE);
            expiresAt = issued.plus(LIFETIME);
            token = Jwts.builder()
                    .issuer(Long.toString(appId))
                    .issuedAt(Date.from(issued))
                    .expiration(Date.from(expiresAt))
                    .signWith(key, Jwts.SIG.RS256)
                    .compact();
        }
        return token;
    }
}

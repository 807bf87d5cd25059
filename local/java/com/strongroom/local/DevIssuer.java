package com.strongroom.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.strongroom.app.Strongroom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dev only: the local token issuer. Its RSA key lives in {@code LOCAL_KEYS_DIR/dev-issuer.jwk.json}; the app
 * reads the public half from {@link Strongroom#DEV_ISSUER_JWKS}, exactly as it reads Entra ID's key set in Azure.
 */
public final class DevIssuer {
    static final String PRIVATE_KEY_FILE = "dev-issuer.jwk.json";

    private final RSAKey key;
    private final String issuer;
    private final String audience;

    private DevIssuer(RSAKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Loads the dev issuer's key from the keys folder, creating it (and its public key set) on first use. */
    public static DevIssuer open(Path keysDir, String issuer, String audience) {
        try {
            Files.createDirectories(keysDir);
            Path privateFile = keysDir.resolve(PRIVATE_KEY_FILE);
            RSAKey key;
            if (Files.exists(privateFile)) {
                key = RSAKey.parse(Files.readString(privateFile));
            } else {
                key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyID(UUID.randomUUID().toString()).generate();
                Files.writeString(privateFile, key.toJSONString());
            }
            Files.writeString(keysDir.resolve(Strongroom.DEV_ISSUER_JWKS), new JWKSet(key.toPublicJWK()).toString());
            return new DevIssuer(key, issuer, audience);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot load the dev issuer's key", e);
        }
    }

    /** A signed token for the given claims, valid for {@code lifetime}. */
    public String mint(String subject, Optional<String> tenant, Optional<String> homeRegion, List<String> roles,
                       Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles);
        tenant.ifPresent(t -> claims.claim("tenant", t));
        homeRegion.ifPresent(r -> claims.claim("home_region", r));
        return sign(claims.build());
    }

    /** Signs arbitrary claims with the dev key; tests use it to forge expired or misaddressed tokens. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }
}

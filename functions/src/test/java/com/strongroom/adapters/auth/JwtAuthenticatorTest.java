package com.strongroom.adapters.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.strongroom.core.error.UnauthenticatedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {
    static final String ISSUER = "https://issuer.test/v2.0";
    static final String AUDIENCE = "api://strongroom";
    static RSAKey key;
    static RSAKey otherKey;
    static JwtAuthenticator authenticator;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        authenticator = new JwtAuthenticator(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), ISSUER, AUDIENCE);
    }

    static JWTClaimsSet.Builder valid() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("sub-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("tenant", "acme").claim("home_region", "westeurope")
                .claim("roles", List.of("Tenant.Admin", "Asset.Reader", "Made.Up"));
    }

    static String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    static Caller authenticate(String token) {
        return authenticator.authenticate(Optional.of("Bearer " + token));
    }

    static void assertRejected(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        String token = sign(change.apply(valid()).build(), key);
        assertThrows(UnauthenticatedException.class, () -> authenticate(token));
    }

    @Test
    void acceptsAValidTokenAndReadsTheClaimsItUses() throws Exception {
        Caller caller = authenticate(sign(valid().build(), key));
        assertEquals("sub-1", caller.subject());
        assertEquals(Optional.of(TenantId.of("acme")), caller.tenant());
        assertEquals(Optional.of(Region.WEST_EUROPE), caller.homeRegion());
        assertEquals(Set.of(Role.TENANT_ADMIN, Role.ASSET_READER), caller.roles(), "unknown roles are dropped");
    }

    @Test
    void prefersTheObjectIdOverTheSubject() throws Exception {
        assertEquals("oid-9", authenticate(sign(valid().claim("oid", "oid-9").build(), key)).subject());
    }

    @Test
    void rejectsExpiredWrongIssuerWrongAudienceAndMissingExpiry() throws Exception {
        assertRejected(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120))));
        assertRejected(b -> b.issuer("https://evil.test/v2.0"));
        assertRejected(b -> b.audience("api://someone-else"));
        assertRejected(b -> b.expirationTime(null));
        assertRejected(b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600))));
        assertRejected(b -> b.claim("tenant", "Not A Tenant"));
        assertRejected(b -> b.claim("home_region", "moon"));
        assertRejected(b -> b.subject(null));
    }

    @Test
    void rejectsASignatureByAnotherKeyWithTheSameKeyId() throws Exception {
        String forged = sign(valid().build(), otherKey);
        assertThrows(UnauthenticatedException.class, () -> authenticate(forged));
    }

    @Test
    void rejectsUnsignedAndSymmetricTokens() throws Exception {
        String plain = new PlainJWT(new PlainHeader(), valid().build()).serialize();
        assertThrows(UnauthenticatedException.class, () -> authenticate(plain));

        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), valid().build());
        hs256.sign(new MACSigner(new byte[32]));
        assertThrows(UnauthenticatedException.class, () -> authenticate(hs256.serialize()));
    }

    @Test
    void rejectsMissingMalformedAndOversizedHeaders() throws Exception {
        String token = sign(valid().build(), key);
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.empty()));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of(token)));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Basic " + token)));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Bearer ")));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Bearer a.b.c")));
        assertThrows(UnauthenticatedException.class,
                () -> authenticator.authenticate(Optional.of("Bearer " + "a".repeat(20_000))));
        assertTrue(authenticator.authenticate(Optional.of("bearer " + token)).has(Role.TENANT_ADMIN));
    }

    @Test
    void errorMessagesNeverEchoTheToken() throws Exception {
        String expired = sign(valid().expirationTime(Date.from(Instant.now().minusSeconds(120))).build(), key);
        UnauthenticatedException e = assertThrows(UnauthenticatedException.class, () -> authenticate(expired));
        assertEquals("the bearer token has expired", e.getMessage());
    }
}

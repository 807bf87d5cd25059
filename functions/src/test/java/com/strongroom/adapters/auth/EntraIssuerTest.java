package com.strongroom.adapters.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.strongroom.core.access.CallerPolicy;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.testing.TestClock;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer as the Entra ID {@code organizations} metadata describes it: its {@code issuer} is the literal template
 * {@code https://login.microsoftonline.com/{tenantid}/v2.0} (as served at
 * login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration), its {@code jwks_uri} the keys.
 */
class EntraIssuerTest {
    HttpServer server;
    volatile String metadataIssuer;
    volatile int metadataStatus;
    AtomicInteger metadataReads = new AtomicInteger();

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        JwtAuthenticatorTest.keys(dir);
    }

    @BeforeEach
    void serveMetadata() throws Exception {
        metadataIssuer = JwtAuthenticatorTest.TEMPLATE;
        metadataStatus = 200;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/organizations/v2.0/.well-known/openid-configuration", exchange -> {
            metadataReads.incrementAndGet();
            byte[] body = ("{\"issuer\":\"" + metadataIssuer + "\",\"jwks_uri\":\"" + base
                    + "/organizations/discovery/v2.0/keys\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(metadataStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/organizations/discovery/v2.0/keys", exchange -> {
            byte[] body = new JWKSet(JwtAuthenticatorTest.key.toPublicJWK()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI metadataUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/organizations/v2.0/.well-known/openid-configuration");
    }

    private JwtAuthenticator fromMetadata() {
        return new JwtAuthenticator(EntraIssuer.fromMetadata(metadataUri()), JwtAuthenticatorTest.CLIENT_ID,
                new CallerPolicy(EntraTenantId.of(JwtAuthenticatorTest.VENDOR_TID), "c1"));
    }

    private static String token() throws Exception {
        return "Bearer " + JwtAuthenticatorTest.sign(JwtAuthenticatorTest.valid().build(), JwtAuthenticatorTest.key);
    }

    @Test
    void readsTheMetadataOnceOnFirstUseAndValidatesEveryTenantWithItsKeySet() throws Exception {
        JwtAuthenticator authenticator = fromMetadata();
        assertEquals(0, metadataReads.get(), "nothing is fetched at start-up");
        assertEquals(JwtAuthenticatorTest.OID, authenticator.authenticate(Optional.of(token())).objectId());
        authenticator.authenticate(Optional.of("Bearer " + JwtAuthenticatorTest.sign(JwtAuthenticatorTest.staff()
                .build(), JwtAuthenticatorTest.key)));
        assertEquals(1, metadataReads.get());
    }

    /** A single-tenant issuer is a misconfiguration, not the caller's fault: no token passes, and it is a 503. */
    @Test
    void metadataWithASingleTenantIssuerIsNotTrustedForAMultiTenantApp() throws Exception {
        metadataIssuer = "https://login.microsoftonline.com/" + JwtAuthenticatorTest.CUSTOMER_TID + "/v2.0";
        assertThrows(DependencyUnavailableException.class, () -> fromMetadata().authenticate(Optional.of(token())));
    }

    @Test
    void anUnreachableProviderIsAnOutageNotABadTokenAndIsNotAskedAgainAtOnce() throws Exception {
        metadataStatus = 503;
        TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
        JwtAuthenticator authenticator = new JwtAuthenticator(EntraIssuer.fromMetadata(metadataUri(), clock),
                JwtAuthenticatorTest.CLIENT_ID, new CallerPolicy(EntraTenantId.of(JwtAuthenticatorTest.VENDOR_TID), "c1"));
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> authenticator.authenticate(Optional.of(token())));
        assertEquals(Dependency.IDENTITY_PROVIDER, e.dependency());
        metadataStatus = 200;
        assertThrows(DependencyUnavailableException.class, () -> authenticator.authenticate(Optional.of(token())));
        assertEquals(1, metadataReads.get(), "requests fail fast instead of queueing on the provider");
        clock.advance(EntraIssuer.RETRY_AFTER_FAILURE);
        assertEquals(JwtAuthenticatorTest.OID, authenticator.authenticate(Optional.of(token())).objectId());
        assertEquals(2, metadataReads.get());
    }
}

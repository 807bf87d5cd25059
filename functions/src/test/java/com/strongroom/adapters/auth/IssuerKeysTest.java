package com.strongroom.adapters.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.strongroom.core.error.UnauthenticatedException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issuer keys from OpenID Connect metadata (as in Azure) and from a key-set file (as in local mode). */
class IssuerKeysTest {
    HttpServer server;
    RSAKey key;
    String metadataIssuer;
    AtomicInteger metadataReads = new AtomicInteger();

    @BeforeEach
    void serveMetadata() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        metadataIssuer = JwtAuthenticatorTest.ISSUER;
        server.createContext("/.well-known/openid-configuration", exchange -> {
            metadataReads.incrementAndGet();
            byte[] body = ("{\"issuer\":\"" + metadataIssuer + "\",\"jwks_uri\":\"" + base + "/keys\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/keys", exchange -> {
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
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

    private JwtAuthenticator fromMetadata() {
        URI metadata = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/openid-configuration");
        return new JwtAuthenticator(IssuerKeys.fromOidcMetadata(metadata, JwtAuthenticatorTest.ISSUER),
                JwtAuthenticatorTest.ISSUER, JwtAuthenticatorTest.AUDIENCE);
    }

    @Test
    void readsTheMetadataOnceOnFirstUseAndValidatesWithItsKeySet() throws Exception {
        JwtAuthenticator authenticator = fromMetadata();
        assertEquals(0, metadataReads.get(), "nothing is fetched at start-up");
        String token = JwtAuthenticatorTest.sign(JwtAuthenticatorTest.valid().build(), key);
        assertEquals("sub-1", authenticator.authenticate(Optional.of("Bearer " + token)).subject());
        authenticator.authenticate(Optional.of("Bearer " + token));
        assertEquals(1, metadataReads.get());
    }

    @Test
    void metadataNamingAnotherIssuerIsNotTrusted() throws Exception {
        metadataIssuer = "https://impostor.test/v2.0";
        String token = JwtAuthenticatorTest.sign(JwtAuthenticatorTest.valid().build(), key);
        assertThrows(UnauthenticatedException.class, () -> fromMetadata().authenticate(Optional.of("Bearer " + token)));
    }

    @Test
    void localModeReadsThePublicKeySetFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(key).toString(false));
        JwtAuthenticator authenticator = new JwtAuthenticator(IssuerKeys.fromJwksFile(file), JwtAuthenticatorTest.ISSUER,
                JwtAuthenticatorTest.AUDIENCE);
        String token = JwtAuthenticatorTest.sign(JwtAuthenticatorTest.valid().build(), key);
        assertEquals("sub-1", authenticator.authenticate(Optional.of("Bearer " + token)).subject());
    }
}

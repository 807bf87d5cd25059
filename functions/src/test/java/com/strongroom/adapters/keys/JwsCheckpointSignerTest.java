package com.strongroom.adapters.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.strongroom.core.audit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint signatures with the local key file and through the Key Vault SDK against the stand-in. */
class JwsCheckpointSignerTest {
    static final Checkpoint CHECKPOINT = new Checkpoint("acme", "access", 2,
            "aa29b7500ad096e2cc893215f0648a67800ace10e4748a0739b75d27290566a6",
            Instant.parse("2026-11-24T10:00:01.5Z"), Instant.parse("2026-11-24T10:05:00Z"));
    /** base64url of the checkpoint's canonical JSON, computed independently (docs/formats.md). */
    static final String PAYLOAD_KAT = "eyJjaGFpbiI6ImFjY2VzcyIsImV2ZW50QXQiOiIyMDI2LTExLTI0VDEwOjAwOjAxLjUwMFoiLCJoYXNo"
            + "IjoiYWEyOWI3NTAwYWQwOTZlMmNjODkzMjE1ZjA2NDhhNjc4MDBhY2UxMGU0NzQ4YTA3MzliNzVkMjcyOTA1NjZhNiIsInNlcXVlbmNl"
            + "IjoyLCJzaWduZWRBdCI6IjIwMjYtMTEtMjRUMTA6MDU6MDBaIiwidGVuYW50SWQiOiJhY21lIn0";

    @TempDir
    static Path dir;
    static KeyVaultStandIn vault;
    static KeyVaultClients clients;

    @TempDir
    Path keys;
    @TempDir
    Path otherKeys;

    @BeforeAll
    static void start() throws Exception {
        vault = new KeyVaultStandIn(dir);
        vault.createKey("audit-signing");
        clients = KeyVaultKeyringTest.clientsFor(vault);
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @Test
    void aLocalCheckpointIsACompactRs256JwsOfTheCanonicalPayload() throws Exception {
        String signed = JwsCheckpointSigner.local(keys).sign(CHECKPOINT);
        String[] parts = signed.split("\\.");
        assertEquals(3, parts.length);
        assertEquals(PAYLOAD_KAT, parts[1]);
        JWSHeader header = JWSObject.parse(signed).getHeader();
        assertEquals(JWSAlgorithm.RS256, header.getAlgorithm());
        assertEquals(new JOSEObjectType("strongroom-checkpoint+jws"), header.getType());
        assertTrue(header.getKeyID().startsWith("local:audit-signing/"));
        assertEquals(Optional.of(CHECKPOINT), JwsCheckpointSigner.local(keys).verify(signed));
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRefused() {
        String forged = JwsCheckpointSigner.local(otherKeys).sign(CHECKPOINT);
        assertEquals(Optional.empty(), JwsCheckpointSigner.local(keys).verify(forged));
    }

    @Test
    void anAlteredPayloadUnderAGenuineSignatureIsRefused() {
        String[] parts = JwsCheckpointSigner.local(keys).sign(CHECKPOINT).split("\\.");
        Checkpoint later = new Checkpoint("acme", "access", 3, CHECKPOINT.hash(), CHECKPOINT.eventAt(),
                CHECKPOINT.signedAt());
        String swapped = parts[0] + "." + Base64URL.encode(later.payload()) + "." + parts[2];
        assertEquals(Optional.empty(), JwsCheckpointSigner.local(keys).verify(swapped));
    }

    @Test
    void otherAlgorithmsAndGarbageAreRefused() throws Exception {
        JwsCheckpointSigner signer = JwsCheckpointSigner.local(keys);
        String kid = JWSObject.parse(signer.sign(CHECKPOINT)).getHeader().getKeyID();
        JWSObject hmac = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(),
                new Payload(CHECKPOINT.payload()));
        hmac.sign(new MACSigner(new byte[32]));
        assertEquals(Optional.empty(), signer.verify(hmac.serialize()));
        String unsigned = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(CHECKPOINT.payload()) + ".";
        assertEquals(Optional.empty(), signer.verify(unsigned));
        assertEquals(Optional.empty(), signer.verify("not.a.jws"));
        assertEquals(Optional.empty(), signer.verify(""));
    }

    @Test
    void keyVaultSignsInTheVaultAndAnyJoseLibraryCanCheckIt() throws Exception {
        int signs = vault.calls("sign");
        JwsCheckpointSigner signer = JwsCheckpointSigner.keyVault(clients, "audit-signing");
        String signed = signer.sign(CHECKPOINT);
        assertEquals(signs + 1, vault.calls("sign"));

        JWSObject jws = JWSObject.parse(signed);
        assertTrue(jws.getHeader().getKeyID().startsWith(vault.vaultUrl() + "/keys/audit-signing/"));
        RSAPublicKey publicKey = (RSAPublicKey) clients.keys().getKey("audit-signing").getKey().toRsa(false).getPublic();
        assertTrue(jws.verify(new RSASSAVerifier(publicKey)));
        assertEquals(Optional.of(CHECKPOINT), signer.verify(signed));
        assertEquals(Optional.empty(), signer.verify(JwsCheckpointSigner.local(keys).sign(CHECKPOINT)));
    }

    @Test
    void checkpointsSignedBeforeARotationStillVerify() throws Exception {
        JwsCheckpointSigner before = JwsCheckpointSigner.keyVault(clients, "audit-signing");
        String old = before.sign(CHECKPOINT);
        String newVersion = vault.createKey("audit-signing");
        JwsCheckpointSigner after = JwsCheckpointSigner.keyVault(clients, "audit-signing");
        String fresh = after.sign(CHECKPOINT);
        assertEquals(newVersion, JWSObject.parse(fresh).getHeader().getKeyID());
        assertTrue(!JWSObject.parse(old).getHeader().getKeyID().equals(newVersion));
        assertEquals(Optional.of(CHECKPOINT), after.verify(old));
        assertEquals(Optional.of(CHECKPOINT), after.verify(fresh));
    }

    @Test
    void aKeyIdOfAnotherVaultIsNeverFetched() throws Exception {
        JwsCheckpointSigner signer = JwsCheckpointSigner.keyVault(clients, "audit-signing");
        JWSObject foreign = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("https://attacker.example/keys/audit-signing/0123").build(), new Payload(CHECKPOINT.payload()));
        foreign.sign(new com.nimbusds.jose.crypto.RSASSASigner(
                new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate()));
        int gets = vault.calls("get");
        assertEquals(Optional.empty(), signer.verify(foreign.serialize()));
        assertEquals(gets, vault.calls("get"));
    }
}

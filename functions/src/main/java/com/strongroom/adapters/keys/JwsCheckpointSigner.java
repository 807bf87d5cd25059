package com.strongroom.adapters.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.strongroom.core.audit.Checkpoint;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.port.CheckpointSigner;
import com.strongroom.core.port.DependencyProbe;
import com.strongroom.core.port.ReceiptSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints as compact JWS (RFC 7515): header {@code {"alg":"RS256","kid":...,"typ":"strongroom-checkpoint+jws"}},
 * payload the checkpoint's RFC 8785 canonical JSON. Anyone holding the stamp's public key can verify one with
 * any JOSE library. The signature is made where the key lives (Key Vault, or a local file in local mode).
 */
public final class JwsCheckpointSigner implements CheckpointSigner {
    static final JOSEObjectType TYPE = new JOSEObjectType("strongroom-checkpoint+jws");
    static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("strongroom-erasure-receipt+jws");
    static final JOSEObjectType TAG_MANIFEST_TYPE = new JOSEObjectType("strongroom-export-tagmanifest+jws");
    static final JOSEObjectType DELETION_CERTIFICATE_TYPE = new JOSEObjectType("strongroom-deletion-certificate+jws");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigningKey key;

    JwsCheckpointSigner(SigningKey key) {
        this.key = key;
    }

    public static JwsCheckpointSigner local(Path keysDir) {
        return new JwsCheckpointSigner(new LocalSigningKey(keysDir));
    }

    public static JwsCheckpointSigner keyVault(KeyVaultClients vault, String keyName) {
        return new JwsCheckpointSigner(new KeyVaultSigningKey(vault, keyName));
    }

    @Override
    public String sign(Checkpoint checkpoint) {
        return compactJws(TYPE, checkpoint.payload());
    }

    /** A compact JWS (RS256, the current key version's id) of {@code payload}, signed where the key lives. */
    private String compactJws(JOSEObjectType type, byte[] payload) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId()).type(type).build();
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(payload);
        return signingInput + "." + Base64URL.encode(key.signRs256(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public Optional<Checkpoint> verify(String signed) {
        try {
            JWSObject jws = JWSObject.parse(signed.trim());
            if (!JWSAlgorithm.RS256.equals(jws.getHeader().getAlgorithm()) || jws.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<RSAPublicKey> publicKey = key.publicKey(jws.getHeader().getKeyID());
            if (publicKey.isEmpty() || !jws.verify(new RSASSAVerifier(publicKey.get()))) {
                return Optional.empty();
            }
            JsonNode p = JSON.readTree(jws.getPayload().toBytes());
            return Optional.of(new Checkpoint(p.get("tenantId").asText(), p.get("chain").asText(),
                    p.get("sequence").asLong(), p.get("hash").asText(), Instant.parse(p.get("eventAt").asText()),
                    Instant.parse(p.get("signedAt").asText())));
        } catch (ParseException | JOSEException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Receipts as compact JWS of type {@code strongroom-erasure-receipt+jws}, signed with the same key. */
    public ReceiptSigner receipts() {
        return payload -> compactJws(RECEIPT_TYPE, payload);
    }

    /**
     * Export tag manifests as compact JWS of type {@code strongroom-export-tagmanifest+jws} whose payload is the
     * manifest's bytes as they are in the bag, signed with the same key.
     */
    public ReceiptSigner tagManifests() {
        return payload -> compactJws(TAG_MANIFEST_TYPE, payload);
    }

    /** Deletion certificates as compact JWS of type {@code strongroom-deletion-certificate+jws}, with the same key. */
    public ReceiptSigner deletionCertificates() {
        return payload -> compactJws(DELETION_CERTIFICATE_TYPE, payload);
    }

    /** The stamp's public signing keys as a JSON Web Key Set (RFC 7517), for anyone to verify receipts and checkpoints. */
    public String publicKeySet() {
        List<JWK> keys = new ArrayList<>();
        key.publicKeys().forEach((id, publicKey) -> keys.add(new RSAKey.Builder(publicKey).keyID(id)
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build()));
        return new JWKSet(keys).toString(true);
    }

    /** Probe for the health route: the signing key can be found. */
    public DependencyProbe probe() {
        return DependencyProbe.of(Dependency.SIGNING_KEY, key::keyId);
    }
}

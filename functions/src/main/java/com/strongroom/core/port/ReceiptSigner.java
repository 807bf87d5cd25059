package com.strongroom.core.port;

/**
 * Signs what Strongroom issues for others to check (erasure receipts, export tag manifests) with the stamp's signing
 * key, the one that signs audit checkpoints.
 */
public interface ReceiptSigner {
    /** A compact JWS of {@code payload} (canonical JSON), verifiable with the stamp's public signing keys. */
    String sign(byte[] payload);
}

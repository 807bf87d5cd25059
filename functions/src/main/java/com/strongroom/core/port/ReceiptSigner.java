package com.strongroom.core.port;

/** Signs erasure receipts with the stamp's signing key, the one that signs audit checkpoints. */
public interface ReceiptSigner {
    /** A compact JWS of {@code payload} (canonical JSON), verifiable with the stamp's public signing keys. */
    String sign(byte[] payload);
}

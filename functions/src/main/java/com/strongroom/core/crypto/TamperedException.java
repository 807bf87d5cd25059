package com.strongroom.core.crypto;

/** Ciphertext, nonce, tag or associated data failed authentication. */
public final class TamperedException extends RuntimeException {
    public TamperedException(String message) {
        super(message);
    }
}

package com.strongroom.adapters.keys;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;

/** The stamp's RSA signing key, wherever its private half lives. */
interface SigningKey {
    /** The id of the key version that signs now. */
    String keyId();

    /** An RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256) of {@code data}. */
    byte[] signRs256(byte[] data);

    /** The public key of a version of this key, if {@code keyId} names one. */
    Optional<RSAPublicKey> publicKey(String keyId);

    /** The public keys of every version that may have signed something still kept, by key id. */
    Map<String, RSAPublicKey> publicKeys();
}

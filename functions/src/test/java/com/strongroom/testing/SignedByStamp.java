package com.strongroom.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;

/** Checks a compact JWS as a recipient would: by the key its {@code kid} names in the stamp's public key set. */
public final class SignedByStamp {
    private SignedByStamp() {
    }

    /** The parsed JWS once its signature verifies; an {@link AssertionError} naming {@code what} otherwise. */
    public static JWSObject verified(String jws, String publicKeySet, String what) {
        try {
            JWSObject parsed = JWSObject.parse(jws);
            RSAKey key = (RSAKey) JWKSet.parse(publicKeySet).getKeyByKeyId(parsed.getHeader().getKeyID());
            if (key == null || !parsed.verify(new RSASSAVerifier(key))) {
                throw new AssertionError(what + "'s signature does not verify");
            }
            return parsed;
        } catch (ParseException | JOSEException e) {
            throw new AssertionError(what + " is not a valid JWS", e);
        }
    }
}

package com.strongroom.adapters.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.KeyEncryptionKeys;
import org.junit.jupiter.api.Test;

/** What every {@link KeyEncryptionKeys} adapter promises; one subclass per adapter. */
abstract class KeyEncryptionKeysContract {
    abstract KeyEncryptionKeys keyring();

    @Test
    void eachCreateIsANewVersionAndWrappedKeysRoundTrip() {
        KeyEncryptionKeys keyring = keyring();
        String first = keyring.create(TenantId.of("acme"));
        String second = keyring.create(TenantId.of("acme"));
        assertNotEquals(first, second);
        byte[] tdk = Aes256Gcm.newKey();
        byte[] wrapped = keyring.wrap(first, tdk);
        assertArrayEquals(tdk, keyring.unwrap(first, wrapped));
        assertArrayEquals(tdk, keyring.unwrap(first, keyring.wrap(first, tdk)), "wrapping is repeatable");
    }

    @Test
    void aWrappedKeyOpensOnlyUnderItsOwnKekAndOnlyUnchanged() {
        KeyEncryptionKeys keyring = keyring();
        String acme = keyring.create(TenantId.of("acme"));
        String globex = keyring.create(TenantId.of("globex"));
        byte[] wrapped = keyring.wrap(acme, Aes256Gcm.newKey());
        assertThrows(TamperedException.class, () -> keyring.unwrap(globex, wrapped));
        byte[] flipped = wrapped.clone();
        flipped[flipped.length / 2] ^= 0x40;
        assertThrows(TamperedException.class, () -> keyring.unwrap(acme, flipped));
    }

    @Test
    void refusesAKekIdThatIsNotOneOfItsOwn() {
        assertThrows(IllegalArgumentException.class, () -> keyring().wrap("local:../../../etc/passwd", new byte[32]));
    }
}

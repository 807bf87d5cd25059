package com.strongroom.adapters.keys;

import com.strongroom.core.port.KeyEncryptionKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyFileKeyringContractTest extends KeyEncryptionKeysContract {
    @TempDir
    Path dir;

    @Override
    KeyEncryptionKeys keyring() {
        return new LocalKeyFileKeyring(dir);
    }
}

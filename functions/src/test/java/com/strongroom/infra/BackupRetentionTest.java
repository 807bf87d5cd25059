package com.strongroom.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.app.Strongroom;
import com.strongroom.config.Settings;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.time.Duration;

/**
 * An erasure receipt's {@code irrecoverableAfter} is only as true as the backup retentions it adds: the settings'
 * defaults, and the values the Function App is deployed with, are the ones the Cosmos DB accounts are deployed with;
 * so is a deletion certificate's, which adds the Key Vault's soft-delete window.
 */
class BackupRetentionTest {
    @Test
    void theReceiptsBackupHorizonIsWhatTheAccountsKeep() throws IOException {
        String cosmos = NamesTest.read("modules/cosmos.bicep");
        assertTrue(cosmos.contains("backupRetentionIntervalInHours: 48"), "keyring: periodic, 48 hours");
        assertTrue(cosmos.contains("tier: 'Continuous30Days'"), "metadata: continuous, 30 days");
        Settings defaults = Settings.from(NamesTest.localDefaults());
        assertEquals(Duration.ofHours(48), defaults.keyringBackupRetention());
        assertEquals(Duration.ofDays(30), defaults.metadataBackupRetention());
        String app = NamesTest.read("modules/functionapp.bicep");
        assertTrue(app.contains("name: 'KEYRING_BACKUP_RETENTION_HOURS'\n          value: '48'"), "deployed as 48");
        assertTrue(app.contains("name: 'METADATA_BACKUP_RETENTION_DAYS'\n          value: '30'"), "deployed as 30");
    }

    /** A deletion certificate adds Key Vault's soft-delete window to the KEK's destruction: the one deployed. */
    @Test
    void theCertificatesKeyHorizonIsWhatTheVaultKeeps() throws IOException {
        String vault = NamesTest.read("modules/keyvault.bicep");
        assertTrue(vault.contains("softDeleteRetentionInDays: " + Strongroom.KEY_VAULT_SOFT_DELETE.toDays() + "\n"),
                "the vault keeps a deleted key " + Strongroom.KEY_VAULT_SOFT_DELETE.toDays() + " days");
    }
}

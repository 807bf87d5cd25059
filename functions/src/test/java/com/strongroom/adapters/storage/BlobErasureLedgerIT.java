package com.strongroom.adapters.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.strongroom.core.port.ErasureLedger;
import com.strongroom.it.TestStack;
import com.strongroom.testing.ErasureLedgerContract;
import org.junit.jupiter.api.BeforeAll;
import java.time.Clock;
import java.util.UUID;

/** The append-blob ledger with the real SDK against Azurite, in a container of its own. */
class BlobErasureLedgerIT extends ErasureLedgerContract {
    private static BlobErasureLedger ledger;

    @BeforeAll
    static void connect() {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(TestStack.shared().values().get("STORAGE")).buildClient()
                .getBlobContainerClient("ledger-" + UUID.randomUUID().toString().substring(0, 8));
        container.create();
        ledger = new BlobErasureLedger(container, Clock.systemUTC());
    }

    @Override
    protected ErasureLedger ledger() {
        return ledger;
    }
}

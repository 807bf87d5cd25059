package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosClient;
import com.strongroom.core.port.AuditLog;
import com.strongroom.it.TestStack;
import com.strongroom.testing.AuditLogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Cosmos adapter with the real SDK against the local Cosmos DB stand-in. */
class CosmosAuditLogIT extends AuditLogContract {
    private static CosmosClient client;
    private static CosmosAuditLog log;

    @BeforeAll
    static void connect() {
        client = TestStack.shared().emulators().newCosmosClient();
        log = new CosmosAuditLog(() -> client.getDatabase("strongroom").getContainer(CosmosAuditLog.CONTAINER));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected AuditLog log() {
        return log;
    }
}

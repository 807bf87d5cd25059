package com.strongroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.it.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator launcher: data kept across restarts, and nothing left running after close. */
class EmulatorsIT {
    @TempDir
    Path dir;

    @Test
    void cosmosDocumentsSurviveARestartWithADataFolder() {
        Path azurite = dir.resolve("azurite");
        try (Emulators first = Emulators.start(TestStack.PROJECT, Emulators.Ports.ANY, Optional.of(azurite));
             CosmosClient client = first.newCosmosClient()) {
            client.createDatabaseIfNotExists("db");
            client.getDatabase("db").createContainerIfNotExists(new CosmosContainerProperties("things", "/tenantId"));
            client.getDatabase("db").getContainer("things").createItem(new ObjectMapper().createObjectNode()
                    .put("id", "t1").put("tenantId", "acme").put("value", 42));
        }
        assertTrue(Files.exists(dir.resolve("cosmos.json")));
        try (Emulators second = Emulators.start(TestStack.PROJECT, Emulators.Ports.ANY, Optional.of(azurite));
             CosmosClient client = second.newCosmosClient()) {
            CosmosContainer things = client.getDatabase("db").getContainer("things");
            JsonNode item = things.readItem("t1", new PartitionKey("acme"), JsonNode.class).getItem();
            assertEquals(42, item.get("value").asInt());
        }
    }

    @Test
    void closeStopsTheEmulatorProcesses() {
        Emulators emulators = Emulators.start(TestStack.PROJECT, Emulators.Ports.ANY, Optional.empty());
        assertTrue(emulators.isRunning());
        emulators.close();
        assertFalse(emulators.isRunning());
    }
}

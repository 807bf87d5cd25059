package com.strongroom.adapters.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.CancellationStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.ErasureStore;
import com.strongroom.core.port.ExportStore;
import com.strongroom.core.port.GrantStore;
import com.strongroom.core.port.TenantDataSet;
import com.strongroom.core.port.UploadStore;
import com.strongroom.it.TestStack;
import com.strongroom.testing.AssetStoreContract;
import com.strongroom.testing.CancellationStoreContract;
import com.strongroom.testing.DataKeyStoreContract;
import com.strongroom.testing.ErasureStoreContract;
import com.strongroom.testing.ExportStoreContract;
import com.strongroom.testing.GrantStoreContract;
import com.strongroom.testing.TenantDataSetContract;
import com.strongroom.testing.TestClock;
import com.strongroom.testing.UploadStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The Cosmos adapters of assets, the keyring, consent grants and uploads, with the real SDK against the local stand-in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CosmosAssetAdaptersIT {
    private static CosmosClient client;

    @BeforeAll
    static void connect() {
        client = TestStack.shared().emulators().newCosmosClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Supplier<CosmosContainer> container(String name) {
        return () -> client.getDatabase("strongroom").getContainer(name);
    }

    @Nested
    class Assets extends AssetStoreContract {
        private final CosmosAssetStore store = new CosmosAssetStore(container(CosmosAssetStore.CONTAINER));

        @Override
        protected AssetStore store() {
            return store;
        }
    }

    @Nested
    class DataKeys extends DataKeyStoreContract {
        private final TestClock clock = new TestClock(Instant.now());
        private final CosmosDataKeyStore store = new CosmosDataKeyStore(container(CosmosDataKeyStore.CONTAINER), clock);

        @Override
        protected DataKeyStore store() {
            return store;
        }

        @Override
        protected TestClock clock() {
            return clock;
        }
    }

    @Nested
    class Grants extends GrantStoreContract {
        private final CosmosGrantStore store = new CosmosGrantStore(container(CosmosGrantStore.CONTAINER));

        @Override
        protected GrantStore store() {
            return store;
        }
    }

    @Nested
    class Uploads extends UploadStoreContract {
        private final CosmosUploadStore store = new CosmosUploadStore(container(CosmosUploadStore.CONTAINER),
                Clock.systemUTC());

        @Override
        protected UploadStore store() {
            return store;
        }
    }

    @Nested
    class Erasures extends ErasureStoreContract {
        private final CosmosErasureStore store = new CosmosErasureStore(container(CosmosErasureStore.CONTAINER));

        @Override
        protected ErasureStore store() {
            return store;
        }
    }

    @Nested
    class Exports extends ExportStoreContract {
        private final CosmosExportStore store = new CosmosExportStore(container(CosmosExportStore.CONTAINER));

        @Override
        protected ExportStore store() {
            return store;
        }
    }

    @Nested
    class Cancellations extends CancellationStoreContract {
        private final CosmosCancellationStore store = new CosmosCancellationStore(
                container(CosmosCancellationStore.CONTAINER));

        @Override
        protected CancellationStore store() {
            return store;
        }
    }

    /** A partition of {@code jobs} without its cancellation document, as the purge deletes a tenant's exports. */
    @Nested
    class TenantPartition extends TenantDataSetContract {
        private final CosmosTenantPartition set = new CosmosTenantPartition("exports",
                container(CosmosExportStore.CONTAINER), "c.id != '" + CosmosCancellationStore.ID + "'");

        @Override
        protected TenantDataSet set() {
            return set;
        }

        @Override
        protected void put(TenantId owner, String item) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode().put("id", item).put("tenantId", owner.value())
                    .put("type", "export");
            container(CosmosExportStore.CONTAINER).get().createItem(doc);
        }

        @Test
        void keepsTheCancellationDocument() {
            Cancellations kept = new Cancellations();
            kept.store().create(Cancellation.requested(tenant, UUID.randomUUID().toString(),
                    30, Optional.empty(), false, "p", Instant.now()));
            put(tenant, "an-export");

            set.deleteAll(tenant);

            assertEquals(0, set.count(tenant));
            assertTrue(kept.store().find(tenant).isPresent());
        }
    }
}

package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.strongroom.core.port.ContactStore;
import com.strongroom.core.port.IncidentStore;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.SendBudget;
import com.strongroom.core.port.SendLedger;
import com.strongroom.it.TestStack;
import com.strongroom.testing.ContactStoreContract;
import com.strongroom.testing.IncidentStoreContract;
import com.strongroom.testing.NoticeStoreContract;
import com.strongroom.testing.SendBudgetContract;
import com.strongroom.testing.SendLedgerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import java.util.UUID;
import java.util.function.Supplier;

/** The notifier's and the incident register's Cosmos adapters with the real SDK on the stand-in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CosmosNoticeAdaptersIT {
    private static CosmosClient client;

    @BeforeAll
    static void connect() {
        client = TestStack.shared().emulators().newCosmosClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Supplier<CosmosContainer> container() {
        return () -> client.getDatabase("strongroom").getContainer(CosmosNoticeStore.CONTAINER);
    }

    @Nested
    class Contacts extends ContactStoreContract {
        private final CosmosContactStore store = new CosmosContactStore(container());

        @Override
        protected ContactStore store() {
            return store;
        }
    }

    @Nested
    class Notices extends NoticeStoreContract {
        private final CosmosNoticeStore store = new CosmosNoticeStore(container());

        @Override
        protected NoticeStore store() {
            return store;
        }
    }

    @Nested
    class Sends extends SendLedgerContract {
        private final CosmosSendLedger store = new CosmosSendLedger(container());

        @Override
        protected SendLedger store() {
            return store;
        }
    }

    @Nested
    class Budget extends SendBudgetContract {
        @Override
        protected SendBudget budgetOfThree() {
            // The budget is one document per stamp: a container of its own keeps tests from sharing it.
            String name = "budget-" + UUID.randomUUID().toString().substring(0, 8);
            client.getDatabase("strongroom").createContainerIfNotExists(name, "/tenantId");
            return new CosmosSendBudget(() -> client.getDatabase("strongroom").getContainer(name), 3);
        }
    }

    @Nested
    class Incidents extends IncidentStoreContract {
        private final CosmosIncidentStore store = new CosmosIncidentStore(
                () -> client.getDatabase("strongroom").getContainer(CosmosIncidentStore.CONTAINER));

        @Override
        protected IncidentStore store() {
            return store;
        }
    }
}

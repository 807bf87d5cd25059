package com.strongroom.testing;

import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.CancellationStore;
import com.strongroom.core.port.ContactStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.ErasureLedger;
import com.strongroom.core.port.ErasureStore;
import com.strongroom.core.port.ExportStore;
import com.strongroom.core.port.GrantStore;
import com.strongroom.core.port.IncidentStore;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.SendBudget;
import com.strongroom.core.port.SendLedger;
import com.strongroom.core.port.TenantDataSet;
import com.strongroom.core.port.UploadStore;
import org.junit.jupiter.api.Nested;

/** The in-memory stand-ins the core's unit tests use keep the same contracts as the real adapters. */
class InMemoryPortsTest {
    @Nested
    class Assets extends AssetStoreContract {
        private final InMemoryAssetStore store = new InMemoryAssetStore();

        @Override
        protected AssetStore store() {
            return store;
        }
    }

    @Nested
    class DataKeys extends DataKeyStoreContract {
        private final TestClock clock = new TestClock(java.time.Instant.parse("2026-11-24T10:00:00Z"));
        private final InMemoryDataKeyStore store = new InMemoryDataKeyStore(clock);

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
    class Uploads extends UploadStoreContract {
        private final InMemoryUploadStore store = new InMemoryUploadStore();

        @Override
        protected UploadStore store() {
            return store;
        }
    }

    @Nested
    class Grants extends GrantStoreContract {
        private final InMemoryGrantStore store = new InMemoryGrantStore();

        @Override
        protected GrantStore store() {
            return store;
        }
    }

    @Nested
    class Content extends ContentStoreContract {
        private final InMemoryContentStore store = new InMemoryContentStore();

        @Override
        protected ContentStore store() {
            return store;
        }
    }

    @Nested
    class Erasures extends ErasureStoreContract {
        private final InMemoryErasureStore store = new InMemoryErasureStore();

        @Override
        protected ErasureStore store() {
            return store;
        }
    }

    @Nested
    class Ledger extends ErasureLedgerContract {
        private final InMemoryErasureLedger ledger = new InMemoryErasureLedger();

        @Override
        protected ErasureLedger ledger() {
            return ledger;
        }
    }

    @Nested
    class Contacts extends ContactStoreContract {
        private final InMemoryContactStore store = new InMemoryContactStore();

        @Override
        protected ContactStore store() {
            return store;
        }
    }

    @Nested
    class Notices extends NoticeStoreContract {
        private final InMemoryNoticeStore store = new InMemoryNoticeStore();

        @Override
        protected NoticeStore store() {
            return store;
        }
    }

    @Nested
    class Sends extends SendLedgerContract {
        private final InMemorySendLedger store = new InMemorySendLedger();

        @Override
        protected SendLedger store() {
            return store;
        }
    }

    @Nested
    class Budget extends SendBudgetContract {
        @Override
        protected SendBudget budgetOfThree() {
            return new InMemorySendBudget(3);
        }
    }

    @Nested
    class Incidents extends IncidentStoreContract {
        private final InMemoryIncidentStore store = new InMemoryIncidentStore();

        @Override
        protected IncidentStore store() {
            return store;
        }
    }

    @Nested
    class Exports extends ExportStoreContract {
        private final InMemoryExportStore store = new InMemoryExportStore();

        @Override
        protected ExportStore store() {
            return store;
        }
    }

    @Nested
    class Cancellations extends CancellationStoreContract {
        private final InMemoryCancellationStore store = new InMemoryCancellationStore();

        @Override
        protected CancellationStore store() {
            return store;
        }
    }

    @Nested
    class TenantData extends TenantDataSetContract {
        private final InMemoryTenantDataSet set = new InMemoryTenantDataSet("things");

        @Override
        protected TenantDataSet set() {
            return set;
        }

        @Override
        protected void put(TenantId owner, String item) {
            set.add(owner, item);
        }
    }
}

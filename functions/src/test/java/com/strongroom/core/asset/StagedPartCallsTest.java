package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.UploadStore;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryContentStore;
import com.strongroom.testing.InMemoryUploadStore;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store calls a staged part makes (issue: store calls per part), counted at every port, wired as the app wires
 * them (a tenant kept for a few seconds once read, the upload's sealed DEK kept after its first part).
 */
class StagedPartCallsTest {
    private static final TenantId ACME = CountedTenant.ACME;
    private static final Caller CONTRIBUTOR = Identities.customer(ACME, "contributor", Role.ASSET_CONTRIBUTOR);
    private static final int PART = 65_536;

    @Test
    void everyPartAfterTheFirstReadsItsSessionAndWritesItsRecordAndNothingElse() {
        CountedTenant acme = new CountedTenant();
        List<AuditEvent> events = new ArrayList<>();
        AccessControl access = acme.access(new AuditRecorder(events::add, acme.clock));
        UploadStore uploads = acme.counter.around(UploadStore.class, new InMemoryUploadStore());
        UploadSession session = new StartUpload(access, uploads, acme.keyring, acme.clock).handle(CONTRIBUTOR,
                new StartUpload.Command(ACME, "big.bin", null, 4L * PART, PART, Optional.empty(), List.of(), Map.of()),
                "r0");
        StageUploadPart stage = new StageUploadPart(access, uploads, acme.keyring, new InMemoryContentStore(),
                new UploadDigests(Duration.ofSeconds(1)), acme.clock);
        stage.handle(CONTRIBUTOR, new StageUploadPart.Command(ACME, session.id(), 1, new byte[PART]), "r1");
        acme.counter.reset();

        for (int part = 2; part <= 4; part++) {
            stage.handle(CONTRIBUTOR, new StageUploadPart.Command(ACME, session.id(), part, new byte[PART]),
                    "r" + part);
        }

        assertEquals(Map.of(
                // Whether the session is still live, and the part's record: two Cosmos DB calls a part (before the
                // tenant was kept and the sealed DEK kept, four: the tenant and the acme.keyring entry too).
                "UploadStore.find", 3,
                "UploadStore.putPart", 3), acme.counter.counts());
    }
}

package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.UploadStore;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What every {@link UploadStore} adapter promises; one subclass per adapter. */
public abstract class UploadStoreContract {
    protected abstract UploadStore store();

    static UploadSession session(TenantId tenant) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new UploadSession(tenant, AssetId.random(), "a.bin", "application/octet-stream", 200_000, 65_536,
                Optional.of("cd".repeat(32)), List.of("idx"), Map.of("k", "v"), "uploader", now,
                now.plus(Duration.ofHours(24)));
    }

    static TenantId tenant() {
        return TenantId.of("u-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void aSessionIsFoundAsCreatedAndOnlyOnce() {
        UploadSession session = session(tenant());
        store().create(session);
        assertEquals(session, store().find(session.tenantId(), session.id()).orElseThrow());
        assertTrue(store().find(tenant(), session.id()).isEmpty());
        assertThrows(ConflictException.class, () -> store().create(session));
    }

    @Test
    void sessionsOfASubjectAreFoundWithinTheirTenantAndNotTheirParts() {
        TenantId tenant = tenant();
        UploadSession tagged = tagged(tenant, List.of("jane", "x"));
        UploadSession other = tagged(tenant, List.of("john"));
        store().create(tagged);
        store().create(other);
        store().create(tagged(tenant(), List.of("jane")));
        store().putPart(tagged, new UploadPart(tenant, tagged.id(), 1, 65_536, List.of("00001-00000")));
        assertEquals(List.of(tagged.id()), store().concerning(tenant, List.of("jane", "nobody"), 10).stream()
                .map(UploadSession::id).toList());
        assertEquals(List.of(), store().concerning(tenant, List.of(), 10));
        store().delete(tenant, tagged.id());
        assertEquals(List.of(), store().concerning(tenant, List.of("jane"), 10));
    }

    private static UploadSession tagged(TenantId tenant, List<String> subjects) {
        UploadSession s = session(tenant);
        return new UploadSession(tenant, s.id(), s.name(), s.contentType(), s.size(), s.partSize(), s.sha256(),
                subjects, s.metadata(), s.createdBy(), s.createdAt(), s.expiresAt());
    }

    @Test
    void partsAreRecordedReplacedOnRetryAndRemovedWithTheSession() {
        UploadSession session = session(tenant());
        store().create(session);
        store().putPart(session, new UploadPart(session.tenantId(), session.id(), 3, 10, List.of("00003-00000")));
        store().putPart(session, new UploadPart(session.tenantId(), session.id(), 1, 65_536, List.of("x")));
        store().putPart(session, new UploadPart(session.tenantId(), session.id(), 1, 65_536, List.of("00001-00000")));
        List<UploadPart> parts = store().parts(session.tenantId(), session.id());
        assertEquals(List.of(1, 3), parts.stream().map(UploadPart::number).toList());
        assertEquals(List.of("00001-00000"), parts.get(0).blockIds());
        assertEquals(10, parts.get(1).length());

        store().delete(session.tenantId(), session.id());
        assertTrue(store().find(session.tenantId(), session.id()).isEmpty());
        assertEquals(List.of(), store().parts(session.tenantId(), session.id()));
        store().delete(session.tenantId(), session.id());
    }
}

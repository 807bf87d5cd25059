package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.NoticeStore;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What every {@link NoticeStore} adapter promises; one subclass per adapter. */
public abstract class NoticeStoreContract {
    protected abstract NoticeStore store();

    static Notice notice(TenantId tenant, int minute) {
        return new Notice(NoticeId.maintenance(UUID.randomUUID().toString()), tenant, Notice.Kind.MAINTENANCE,
                "Maintenance " + minute, "Line one.\nLine two: \"quoted\".", Contacts.Audience.ADMINS,
                Instant.parse("2026-11-30T10:00:00Z").plusSeconds(60L * minute));
    }

    @Test
    void aNoticeIsCreatedOnceAndTheFirstOneStays() {
        TenantId tenant = TenantId.of("n-" + UUID.randomUUID().toString().substring(0, 8));
        Notice first = notice(tenant, 1);
        assertEquals(first, store().createIfAbsent(first));
        Notice again = new Notice(first.id(), tenant, first.kind(), "Other subject", "Other", first.audience(),
                first.createdAt().plusSeconds(5));
        assertEquals(first, store().createIfAbsent(again));
        assertEquals(Optional.of(first), store().find(tenant, first.id()));
        assertEquals(Optional.empty(), store().find(TenantId.of("n-other"), first.id()));
    }

    @Test
    void aTenantsNoticesArePagedNewestFirst() {
        TenantId tenant = TenantId.of("n-" + UUID.randomUUID().toString().substring(0, 8));
        List<Notice> created = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            created.add(store().createIfAbsent(notice(tenant, minute)));
        }
        store().createIfAbsent(notice(TenantId.of("n-" + UUID.randomUUID().toString().substring(0, 8)), 9));
        List<Notice> seen = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        do {
            NoticeStore.Page page = store().list(tenant, 2, continuation);
            assertTrue(page.notices().size() <= 2);
            seen.addAll(page.notices());
            continuation = page.continuation();
        } while (continuation.isPresent());
        assertEquals(List.of(created.get(4), created.get(3), created.get(2), created.get(1), created.get(0)), seen);
    }
}

package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.IncidentStore;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What every {@link IncidentStore} adapter promises; one subclass per adapter. */
public abstract class IncidentStoreContract {
    protected abstract IncidentStore store();

    public static Incident incident(Instant declaredAt) {
        return new Incident(UUID.randomUUID().toString(), "Support account compromised",
                Set.of(Incident.Nature.CONFIDENTIALITY, Incident.Nature.INTEGRITY), "Line one.\nLine \"two\".",
                declaredAt.minusSeconds(3600), declaredAt.minusSeconds(86_400), declaredAt.minusSeconds(600),
                new Incident.Scope(List.of("oid-1@tid-1"), List.of(TenantId.of("acme")),
                        List.of(AssetId.of(UUID.randomUUID().toString())), List.of("asset.download")),
                false, "Disclosure of files.", "Account disabled.", "dpo@strongroom.example", declaredAt,
                "officer@vendor", List.of(new Incident.Affected(TenantId.of("acme"), 12, 3, 2)), List.of(),
                Optional.empty(), Optional.empty(), "");
    }

    @Test
    void anIncidentIsStoredWholeAndChangesOnlyFromTheVersionItWasReadAt() {
        Incident created = store().create(incident(Instant.parse("2026-11-30T10:00:00Z")));
        Incident read = store().find(created.id()).orElseThrow();
        assertEquals(created.withVersion(""), read.withVersion(""));
        Incident notified = store().replace(read.notified(Instant.parse("2026-11-30T11:00:00Z")));
        assertThrows(PreconditionFailedException.class, () -> store().replace(read.closedAt(Instant.now())));
        Incident updated = store().replace(notified.withUpdate(new Incident.Update(1, "More facts.",
                Instant.parse("2026-11-30T12:00:00Z"), "officer@vendor")));
        Incident again = store().find(created.id()).orElseThrow();
        assertEquals(updated.withVersion(""), again.withVersion(""));
        assertEquals(Optional.of(Instant.parse("2026-11-30T11:00:00Z")), again.notifiedAt());
        assertEquals(Optional.empty(), store().find(UUID.randomUUID().toString()));
    }

    @Test
    void theRegisterListsNewestFirst() {
        Instant base = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(System.nanoTime() % 1_000_000 * 60);
        Incident older = store().create(incident(base));
        Incident newer = store().create(incident(base.plusSeconds(60)));
        List<String> ids = store().list(200, Optional.empty()).incidents().stream().map(Incident::id).toList();
        assertTrue(ids.indexOf(newer.id()) >= 0 && ids.indexOf(newer.id()) < ids.indexOf(older.id()), ids.toString());
    }
}

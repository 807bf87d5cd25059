package com.strongroom.core.erasure;

import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Erasure requests built directly, for tests of the record's own rules. */
final class ErasureFixtureRequests {
    private ErasureFixtureRequests() {
    }

    static ErasureRequest receivedAt(Instant receivedAt) {
        return ErasureRequest.received(TenantId.of("acme"), ErasureId.random(), List.of("index"), "Art. 17",
                Optional.empty(), receivedAt, "someone", receivedAt, List.of());
    }
}

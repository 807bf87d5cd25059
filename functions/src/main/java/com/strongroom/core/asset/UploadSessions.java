package com.strongroom.core.asset;

import com.strongroom.core.access.RequestScope;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.UploadStore;
import java.time.Clock;

/** Finds a live upload session of the caller; an unknown, expired or someone else's session is 404. */
final class UploadSessions {
    private final UploadStore uploads;
    private final Clock clock;

    UploadSessions(UploadStore uploads, Clock clock) {
        this.uploads = uploads;
        this.clock = clock;
    }

    UploadSession live(RequestScope scope, AssetId id) {
        return uploads.find(scope.tenant().id(), id)
                .filter(s -> !s.expiredAt(clock.instant()) && s.createdBy().equals(scope.caller().subject()))
                .orElseThrow(() -> new NotFoundException("no upload session " + id + " (unknown or expired)"));
    }
}

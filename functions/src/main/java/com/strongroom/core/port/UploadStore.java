package com.strongroom.core.port;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.model.UploadSession;
import java.util.List;
import java.util.Optional;

/** Upload sessions and their staged parts; both vanish by themselves when the session expires. */
public interface UploadStore {
    void create(UploadSession session);

    Optional<UploadSession> find(TenantId tenant, AssetId id);

    /** Records a staged part, replacing an earlier record of the same part (a retried upload). */
    void putPart(UploadSession session, UploadPart part);

    /** The recorded parts of a session, by number. */
    List<UploadPart> parts(TenantId tenant, AssetId id);

    /** Up to {@code limit} open sessions of a tenant tagged with any of the blind-index values {@code subjectIndex}. */
    List<UploadSession> concerning(TenantId tenant, List<String> subjectIndex, int limit);

    /** Removes a session and its part records; nothing happens if they are already gone. */
    void delete(TenantId tenant, AssetId id);
}

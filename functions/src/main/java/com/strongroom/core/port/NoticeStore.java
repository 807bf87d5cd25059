package com.strongroom.core.port;

import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import java.util.List;
import java.util.Optional;

/** The notices each tenant was sent (or is being sent), by tenant. */
public interface NoticeStore {
    /** Stores {@code notice} unless a notice with its id exists; returns the one stored. */
    Notice createIfAbsent(Notice notice);

    Optional<Notice> find(TenantId tenant, NoticeId id);

    /** The tenant's notices, newest first. */
    Page list(TenantId tenant, int pageSize, Optional<String> continuation);

    record Page(List<Notice> notices, Optional<String> continuation) {
    }
}

package com.strongroom.testing;

import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.NoticeStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryNoticeStore implements NoticeStore {
    private final Map<String, Notice> notices = new ConcurrentHashMap<>();

    @Override
    public Notice createIfAbsent(Notice notice) {
        return notices.computeIfAbsent(key(notice.tenantId(), notice.id()), k -> notice);
    }

    @Override
    public Optional<Notice> find(TenantId tenant, NoticeId id) {
        return Optional.ofNullable(notices.get(key(tenant, id)));
    }

    @Override
    public Page list(TenantId tenant, int pageSize, Optional<String> continuation) {
        int from;
        try {
            from = continuation.map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("continuation", "is not a continuation token of this list");
        }
        List<Notice> all = notices.values().stream().filter(n -> n.tenantId().equals(tenant))
                .sorted(Comparator.comparing(Notice::createdAt).reversed().thenComparing(n -> n.id().value())).toList();
        List<Notice> page = all.stream().skip(from).limit(pageSize).toList();
        int next = from + page.size();
        return new Page(page, next < all.size() ? Optional.of(String.valueOf(next)) : Optional.empty());
    }

    private static String key(TenantId tenant, NoticeId id) {
        return tenant.value() + "/" + id.value();
    }

    public int count(TenantId tenant) {
        return (int) notices.values().stream().filter(v -> v.tenantId().equals(tenant)).count();
    }

    /** Deletes the tenant's entries, as the purge deletes its partition. */
    public void forget(TenantId tenant) {
        notices.values().removeIf(v -> v.tenantId().equals(tenant));
    }
}

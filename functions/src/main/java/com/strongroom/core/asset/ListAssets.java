package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import java.util.Arrays;
import java.util.Optional;

/**
 * Lists a tenant's assets, or finds those concerning a data subject through the blind index. The subject never
 * reaches the store or the trail in clear: the trail records that a subject search happened, not whom it named.
 */
public final class ListAssets {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    public record Query(TenantId tenant, Optional<String> subject, int pageSize, Optional<String> continuation) {
        public Query {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            subject = subject == null ? Optional.empty() : subject.filter(s -> !s.isBlank());
            subject.ifPresent(s -> AssetRules.subjects(java.util.List.of(s)));
            PageSize.checked(pageSize, MAX_PAGE_SIZE);
            continuation = continuation == null ? Optional.empty() : continuation;
        }
    }

    private final AccessControl access;
    private final AssetStore assets;
    private final TenantKeyring keyring;
    private final AuditRecorder audit;

    public ListAssets(AccessControl access, AssetStore assets, TenantKeyring keyring, AuditRecorder audit) {
        this.access = access;
        this.assets = assets;
        this.keyring = keyring;
        this.audit = audit;
    }

    public AssetStore.Page handle(Caller caller, Query query, String requestId) {
        String target = "tenants/" + query.tenant() + "/assets" + (query.subject().isPresent() ? "?subject" : "");
        AccessControl.Authorized authorized = access.authorizeRead(caller, Operation.ASSET_LIST, query.tenant(),
                Optional.empty(), target, requestId);
        Tenant tenant = authorized.tenant();
        Optional<String> index = query.subject().map(subject -> {
            byte[] key = keyring.blindIndexKey(tenant);
            try {
                return BlindIndex.value(key, subject);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
        AssetStore.Page page = assets.list(tenant.id(), index, query.pageSize(), query.continuation());
        audit.success(authorized.caller(), Operation.ASSET_LIST, tenant.id().value(), target, requestId);
        // Under a grant for listed assets only, a page shows just those (and may be shorter than asked).
        return authorized.caller().consent().map(grant -> new AssetStore.Page(page.assets().stream()
                .filter(a -> grant.scope().covers(a.id())).toList(), page.continuation())).orElse(page);
    }
}

package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import java.util.List;
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
            subject.ifPresent(s -> AssetRules.subjects(List.of(s)));
            PageSize.checked(pageSize, MAX_PAGE_SIZE);
            continuation = continuation == null ? Optional.empty() : continuation;
        }
    }

    /** A page of assets, and whether their content digests may be shown (see {@link ReadAsset.Result}). */
    public record Listing(AssetStore.Page page, boolean digestShown) {
    }

    private final AccessControl access;
    private final AssetStore assets;
    private final TenantKeyring keyring;

    public ListAssets(AccessControl access, AssetStore assets, TenantKeyring keyring) {
        this.access = access;
        this.assets = assets;
        this.keyring = keyring;
    }

    public Operation operation() {
        return Operation.ASSET_LIST;
    }

    public Listing handle(Caller caller, Query query, String requestId) {
        Target assetsOf = Target.tenant(query.tenant()).and("assets");
        RequestScope scope = access.authorizeRead(caller, operation(), query.tenant(), Optional.empty(),
                query.subject().isPresent() ? new Target(assetsOf.path() + "?subject") : assetsOf, requestId);
        Tenant tenant = scope.tenant();
        Optional<String> index = query.subject().map(subject -> BlindIndex.of(keyring, tenant, List.of(subject)).get(0));
        AssetStore.Page page = assets.list(tenant.id(), index, query.pageSize(), query.continuation());
        scope.succeeded();
        // Under a grant for listed assets only, a page shows just those (and may be shorter than asked).
        AssetStore.Page shown = scope.caller().consent().map(grant -> new AssetStore.Page(page.assets().stream()
                .filter(a -> grant.scope().covers(a.id())).toList(), page.continuation())).orElse(page);
        return new Listing(shown, ReadAsset.digestShown(scope));
    }
}

package com.strongroom.functions;

import com.strongroom.core.consent.ConsentGrants;
import com.strongroom.core.consent.CreateConsentGrant;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** JSON shapes of the consent routes. */
final class ConsentViews {
    private ConsentViews() {
    }

    /** The body of {@code POST /tenants/{t}/consent-grants}; unknown members are refused. */
    record GrantRequest(String grantee, String scope, List<String> assetIds, List<String> permissions, String purpose,
                        String ticket, String expiresAt) {
        CreateConsentGrant.Command toCommand(TenantId tenant) {
            return CreateConsentGrant.Command.of(tenant, grantee, scope,
                    assetIds == null ? List.of() : assetIds.stream().map(ConsentViews::assetId).toList(),
                    permissions == null ? null : permissions.stream().map(ConsentPermission::of)
                            .collect(Collectors.toSet()),
                    purpose, ticket, CreateConsentGrant.Command.expiry(expiresAt));
        }
    }

    private static AssetId assetId(String value) {
        try {
            return AssetId.of(value);
        } catch (RuntimeException e) {
            throw new com.strongroom.core.error.InvalidInputException("assetIds", "may hold only asset ids");
        }
    }

    static String location(ConsentGrant grant) {
        return "/api/tenants/" + grant.tenantId() + "/consent-grants/" + grant.id();
    }

    static Map<String, Object> listing(ConsentGrants.Listing listing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grants", listing.grants().stream().map(ConsentViews::grant).toList());
        body.put("continuation", listing.continuation().orElse(null));
        return body;
    }

    static Map<String, Object> grant(ConsentGrants.Stated stated) {
        ConsentGrant grant = stated.grant();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", grant.id().value());
        view.put("tenantId", grant.tenantId().value());
        view.put("grantee", grant.grantee());
        view.put("scope", grant.scope().wholeTenant() ? "tenant" : "assets");
        if (!grant.scope().wholeTenant()) {
            view.put("assetIds", grant.scope().assets().stream().map(AssetId::value).toList());
        }
        view.put("permissions", grant.permissions().stream().map(ConsentPermission::value).sorted().toList());
        view.put("purpose", grant.purpose());
        view.put("ticket", grant.ticket());
        view.put("status", stated.status().name().toLowerCase(java.util.Locale.ROOT));
        view.put("grantedBy", grant.grantedBy());
        view.put("createdAt", grant.createdAt().toString());
        view.put("expiresAt", grant.expiresAt().toString());
        grant.revocation().ifPresent(r -> {
            view.put("revokedAt", r.at().toString());
            view.put("revokedBy", r.by());
        });
        view.put("firstUsedAt", grant.firstUsedAt().map(Object::toString).orElse(null));
        return view;
    }
}

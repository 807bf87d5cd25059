package com.strongroom.core.model;

import java.util.Arrays;
import java.util.Optional;

/** Application roles as they appear in the token's {@code roles} claim. */
public enum Role {
    ASSET_READER("Asset.Reader", Kind.CUSTOMER),
    ASSET_CONTRIBUTOR("Asset.Contributor", Kind.CUSTOMER),
    ARCHIVE_MANAGER("Archive.Manager", Kind.CUSTOMER),
    TENANT_ADMIN("Tenant.Admin", Kind.CUSTOMER),
    SUPPORT_ENGINEER("Support.Engineer", Kind.VENDOR),
    SECURITY_OFFICER("Security.Officer", Kind.VENDOR),
    PLATFORM_ADMIN("Platform.Admin", Kind.VENDOR);

    /** Customer roles act only inside the caller's own tenant; vendor roles carry no tenant claim. */
    public enum Kind { CUSTOMER, VENDOR }

    private final String claimValue;
    private final Kind kind;

    Role(String claimValue, Kind kind) {
        this.claimValue = claimValue;
        this.kind = kind;
    }

    public String claimValue() {
        return claimValue;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }
}

package com.strongroom.functions;

import com.strongroom.core.keys.RotateTenantKeys;
import com.strongroom.core.model.TenantId;
import java.util.Arrays;

/** JSON shapes of the key-rotation route. Key material has no place in any of them. */
final class KeyViews {
    private KeyViews() {
    }

    record RotationRequest(String scope) {
        RotateTenantKeys.Command toCommand(TenantId tenant) {
            RotateTenantKeys.Scope parsed = Arrays.stream(RotateTenantKeys.Scope.values())
                    .filter(s -> s.name().equalsIgnoreCase(scope == null ? "" : scope)).findFirst().orElse(null);
            return new RotateTenantKeys.Command(tenant, parsed);
        }
    }

    record RotationView(String kekVersion, int tdkVersion, int dataKeysResealed) {
        static RotationView of(RotateTenantKeys.Result r) {
            return new RotationView(r.kekId().substring(r.kekId().lastIndexOf('/') + 1), r.tdkVersion(),
                    r.dataKeysResealed());
        }
    }
}

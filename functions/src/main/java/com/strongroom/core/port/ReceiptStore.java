package com.strongroom.core.port;

import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import java.util.Optional;

/** Signed erasure receipts, one per request, replaced when the request's receipt is reissued. */
public interface ReceiptStore {
    void put(TenantId tenant, ErasureId erasure, String signedReceipt);

    Optional<String> find(TenantId tenant, ErasureId erasure);
}

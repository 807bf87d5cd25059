package com.strongroom.testing;

import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ReceiptStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Signed receipts in memory. */
public final class InMemoryReceiptStore implements ReceiptStore {
    private final Map<String, String> receipts = new ConcurrentHashMap<>();

    @Override
    public void put(TenantId tenant, ErasureId erasure, String signedReceipt) {
        receipts.put(tenant + "/" + erasure, signedReceipt);
    }

    @Override
    public Optional<String> find(TenantId tenant, ErasureId erasure) {
        return Optional.ofNullable(receipts.get(tenant + "/" + erasure));
    }
}

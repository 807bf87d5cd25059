package com.strongroom.testing;

import com.strongroom.core.port.ErasureLedger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The erasure ledger in memory; a restore of the data never reaches it, as it never reaches the real one. */
public final class InMemoryErasureLedger implements ErasureLedger {
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void append(List<Entry> more) {
        entries.addAll(more);
    }

    @Override
    public void forEach(Consumer<Entry> action) {
        entries.forEach(action);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}

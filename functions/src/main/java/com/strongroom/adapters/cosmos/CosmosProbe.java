package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosDatabase;
import com.strongroom.core.port.DependencyProbe;
import java.util.function.Supplier;

/** Reads the database's properties: proves the endpoint answers and the identity may read. */
public final class CosmosProbe implements DependencyProbe {
    private final String name;
    private final Supplier<CosmosDatabase> database;

    public CosmosProbe(String name, Supplier<CosmosDatabase> database) {
        this.name = name;
        this.database = database;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void probe() {
        database.get().read();
    }
}

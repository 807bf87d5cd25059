package com.strongroom.core.model;

import java.util.Arrays;
import java.util.Optional;

/** The regions Strongroom deploys a stamp to, each with the only region its data may replicate to. */
public enum Region {
    EAST_US("eastus", "westus"),
    WEST_EUROPE("westeurope", "northeurope"),
    GERMANY_WEST_CENTRAL("germanywestcentral", "germanynorth"),
    AUSTRALIA_EAST("australiaeast", "australiasoutheast");

    private final String azureName;
    private final String pairedRegion;

    Region(String azureName, String pairedRegion) {
        this.azureName = azureName;
        this.pairedRegion = pairedRegion;
    }

    public String azureName() {
        return azureName;
    }

    public String pairedRegion() {
        return pairedRegion;
    }

    public static Optional<Region> fromAzureName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.azureName.equals(name.trim().toLowerCase())).findFirst();
    }

    @Override
    public String toString() {
        return azureName;
    }
}

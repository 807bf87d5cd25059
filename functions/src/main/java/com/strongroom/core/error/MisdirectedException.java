package com.strongroom.core.error;

import com.strongroom.core.model.Region;
import java.util.Map;

/** The tenant lives in another stamp; nothing was read or written here. */
public final class MisdirectedException extends StrongroomException {
    private final Region homeRegion;

    public MisdirectedException(Region homeRegion) {
        super(FailureKind.MISDIRECTED, "this tenant is served by the " + homeRegion.azureName() + " stamp");
        this.homeRegion = homeRegion;
    }

    public Region homeRegion() {
        return homeRegion;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("homeRegion", homeRegion.azureName());
    }
}

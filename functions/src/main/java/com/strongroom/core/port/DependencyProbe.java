package com.strongroom.core.port;

/** A cheap read against one backing service, for the health route. */
public interface DependencyProbe {
    String name();

    /** Returns when the dependency answers; throws when it does not. */
    void probe();
}

package com.strongroom.core.port;

import com.strongroom.core.error.Dependency;

/** A cheap read against one backing service, for the health route. */
public interface DependencyProbe {
    String name();

    /** Returns when the dependency answers; throws when it does not. */
    void probe();

    static DependencyProbe of(Dependency dependency, Runnable check) {
        return new DependencyProbe() {
            @Override
            public String name() {
                return dependency.label();
            }

            @Override
            public void probe() {
                check.run();
            }
        };
    }
}

package com.strongroom.core.port;

/** A cheap read against one backing service, for the health route. */
public interface DependencyProbe {
    String name();

    /** Returns when the dependency answers; throws when it does not. */
    void probe();

    static DependencyProbe of(String name, Runnable check) {
        return new DependencyProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void probe() {
                check.run();
            }
        };
    }
}

package com.strongroom.core.error;

import java.util.Map;

/** A backing service (store, key service, audit trail) failed; the operation did not take effect. */
public final class DependencyUnavailableException extends StrongroomException {
    private final Dependency dependency;

    public DependencyUnavailableException(Dependency dependency, Throwable cause) {
        super(FailureKind.DEPENDENCY_UNAVAILABLE, dependency.label() + " is unavailable", cause);
        this.dependency = dependency;
    }

    public Dependency dependency() {
        return dependency;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("dependency", dependency.label());
    }
}

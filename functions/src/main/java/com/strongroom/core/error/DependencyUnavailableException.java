package com.strongroom.core.error;

/** A backing service (store, key service, audit trail) failed; the operation did not take effect. */
public final class DependencyUnavailableException extends StrongroomException {
    private final String dependency;

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unavailable", cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}

package com.strongroom.core.port;

import com.strongroom.core.model.Incident;
import java.util.List;
import java.util.Optional;

/** The stamp's register of incidents. */
public interface IncidentStore {
    /** Stores a new incident; returns it with its version. */
    Incident create(Incident incident);

    Optional<Incident> find(String id);

    /**
     * Replaces an incident if it has not changed since {@code incident.version()} was read; returns it with its new
     * version, or throws {@link com.strongroom.core.error.PreconditionFailedException}.
     */
    Incident replace(Incident incident);

    /** Incidents, newest declared first. */
    Page list(int pageSize, Optional<String> continuation);

    record Page(List<Incident> incidents, Optional<String> continuation) {
    }
}

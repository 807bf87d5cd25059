package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Incident;
import com.strongroom.core.port.IncidentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryIncidentStore implements IncidentStore {
    private final Map<String, Incident> incidents = new ConcurrentHashMap<>();

    @Override
    public Incident create(Incident incident) {
        Incident stored = incident.withVersion(UUID.randomUUID().toString());
        if (incidents.putIfAbsent(incident.id(), stored) != null) {
            throw new ConflictException("incident " + incident.id() + " exists");
        }
        return stored;
    }

    @Override
    public Optional<Incident> find(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public Incident replace(Incident incident) {
        Incident next = incident.withVersion(UUID.randomUUID().toString());
        Incident result = incidents.computeIfPresent(incident.id(), (k, current) ->
                current.version().equals(incident.version()) ? next : current);
        if (result != next) {
            throw new PreconditionFailedException("the incident changed since it was read");
        }
        return next;
    }

    @Override
    public Page list(int pageSize, Optional<String> continuation) {
        int from;
        try {
            from = continuation.map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("continuation", "is not a continuation token of this list");
        }
        List<Incident> all = incidents.values().stream().sorted(Comparator.comparing(Incident::declaredAt).reversed()
                .thenComparing(Incident::id)).toList();
        List<Incident> page = all.stream().skip(from).limit(pageSize).toList();
        int next = from + page.size();
        return new Page(page, next < all.size() ? Optional.of(String.valueOf(next)) : Optional.empty());
    }
}

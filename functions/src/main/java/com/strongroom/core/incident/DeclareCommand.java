package com.strongroom.core.incident;

import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.Text;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a Security.Officer states about an incident: the facts of Art. 33(3) and where to look for what it affected.
 * Checks itself; {@code detectedAt} in the future is checked against the clock by the use case.
 */
public record DeclareCommand(String title, Set<Incident.Nature> nature, String description, Instant detectedAt,
                             Instant windowFrom, Instant windowTo, Incident.Scope scope, Boolean keysExposed,
                             String likelyConsequences, String measures, String contact) {
    public static final int MAX_TEXT = 4000;
    public static final int MAX_SCOPE_ITEMS = 1000;

    public DeclareCommand {
        title = Text.required("title", title, 200);
        if (nature == null || nature.isEmpty()) {
            throw new InvalidInputException("nature", "names at least one of confidentiality, integrity, availability");
        }
        nature = Set.copyOf(nature);
        description = Text.paragraphs("description", description, MAX_TEXT);
        if (detectedAt == null) {
            throw new InvalidInputException("detectedAt", "is required");
        }
        if (windowFrom == null || windowTo == null) {
            throw new InvalidInputException("window", "needs from and to");
        }
        if (!windowTo.isAfter(windowFrom)) {
            throw new InvalidInputException("window", "must end after it starts");
        }
        Objects.requireNonNull(scope, "scope");
        for (var list : List.of(scope.actors(), scope.tenants(), scope.assets(), scope.actions())) {
            if (list.size() > MAX_SCOPE_ITEMS) {
                throw new InvalidInputException("scope", "lists at most " + MAX_SCOPE_ITEMS + " items each");
            }
        }
        scope.actors().forEach(a -> Text.required("scope.actors", a, 200));
        scope.actions().forEach(a -> Text.required("scope.actions", a, 100));
        if (keysExposed == null) {
            throw new InvalidInputException("keysExposed", "is required: were the keys of the affected content exposed?");
        }
        likelyConsequences = Text.paragraphs("likelyConsequences", likelyConsequences, MAX_TEXT);
        measures = Text.paragraphs("measures", measures, MAX_TEXT);
        contact = Text.paragraphs("contact", contact, 1000);
    }
}

package com.strongroom.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.strongroom.core.error.FailureKind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Every kind of failure the core can report is answered with a problem type, and no two kinds share one. */
class FailureMapTest {
    @Test
    void everyFailureKindHasItsOwnProblemType() {
        for (FailureKind kind : FailureKind.values()) {
            assertNotNull(HttpExchange.PROBLEM_TYPES.get(kind), kind.name());
        }
        assertEquals(FailureKind.values().length, EnumSet.copyOf(HttpExchange.PROBLEM_TYPES.values()).size());
    }
}

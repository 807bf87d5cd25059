package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.port.SendBudget;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What every {@link SendBudget} adapter promises (for a budget of 3 a minute); one subclass per adapter. */
public abstract class SendBudgetContract {
    /** A fresh budget of three sends a minute. */
    protected abstract SendBudget budgetOfThree();

    @Test
    void threeSendsAMinuteThenTheWaitUntilTheNextMinute() {
        SendBudget budget = budgetOfThree();
        Instant at = Instant.parse("2031-01-01T10:00:15Z").plusSeconds(3600L * (System.nanoTime() % 1000));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), budget.reserve(at.plusSeconds(i)));
        }
        assertEquals(Optional.of(Duration.ofSeconds(42)), budget.reserve(at.plusSeconds(3)));
        assertEquals(Optional.empty(), budget.reserve(at.plusSeconds(45)), "a new minute, a new budget");
    }
}

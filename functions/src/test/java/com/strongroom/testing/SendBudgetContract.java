package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.port.SendBudget;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;

/** What every {@link SendBudget} adapter promises (for a budget of 3 a minute); one subclass per adapter. */
public abstract class SendBudgetContract {
    /** A fresh budget of three sends a minute. */
    protected abstract SendBudget budgetOfThree();

    @Test
    void threeSendsAMinuteThenTheWaitUntilTheNextMinute() {
        SendBudget budget = budgetOfThree();
        Instant at = Instant.parse("2031-01-01T10:00:15Z").plusSeconds(3600L * (System.nanoTime() % 1000));
        assertEquals(1, budget.reserve(at, 1).sends());
        assertEquals(2, budget.reserve(at.plusSeconds(1), 5).sends(), "only what is left of the minute");
        SendBudget.Grant none = budget.reserve(at.plusSeconds(3), 1);
        assertEquals(0, none.sends());
        assertEquals(Duration.ofSeconds(42), none.retryAfter());
        assertEquals(2, budget.reserve(at.plusSeconds(45), 2).sends(), "a new minute, a new budget");
    }
}

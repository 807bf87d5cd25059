package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.strongroom.app.Strongroom;

/**
 * Periodically moves cancellations on: grace periods that are over start their purge, a purge silent too long is
 * queued again, an export that failed is replaced.
 */
public final class CancellationTimer {
    private final Strongroom app;

    public CancellationTimer() {
        this(Strongroom.fromEnvironment());
    }

    public CancellationTimer(Strongroom app) {
        this.app = app;
    }

    @FunctionName("advanceCancellations")
    public void run(@TimerTrigger(name = "timer", schedule = "%CANCELLATION_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        int seen = app.cancellations().advance().advanceOpen(context.getInvocationId());
        context.getLogger().info(() -> "cancellations: " + seen + " open cancellations advanced");
    }
}

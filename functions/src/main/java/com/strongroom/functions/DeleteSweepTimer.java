package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.strongroom.app.Strongroom;

/** Periodically finishes asset deletes that a crash interrupted (the asset is already invisible). */
public final class DeleteSweepTimer {
    private final Strongroom app;

    public DeleteSweepTimer() {
        this(Strongroom.fromEnvironment());
    }

    public DeleteSweepTimer(Strongroom app) {
        this.app = app;
    }

    @FunctionName("finishInterruptedDeletes")
    public void run(@TimerTrigger(name = "timer", schedule = "%DELETE_SWEEP_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        int finished = app.assets().finishInterruptedDeletes().handle(context.getInvocationId());
        context.getLogger().info(() -> "delete sweep: " + finished + " interrupted deletes finished");
    }
}

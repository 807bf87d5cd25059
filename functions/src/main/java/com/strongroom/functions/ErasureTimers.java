package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.strongroom.app.Strongroom;

/**
 * The erasure timers: the daily replay of the erasure ledger, marking erasures irrecoverable, and queueing again the
 * approved erasures whose job was lost.
 */
public final class ErasureTimers {
    private final Strongroom app;

    public ErasureTimers() {
        this(Strongroom.fromEnvironment());
    }

    public ErasureTimers(Strongroom app) {
        this.app = app;
    }

    @FunctionName("replayErasureLedger")
    public void replay(@TimerTrigger(name = "timer", schedule = "%ERASURE_LEDGER_REPLAY_SCHEDULE%") String timerInfo,
                       ExecutionContext context) {
        var outcome = app.erasure().replayLedger().replay(context.getInvocationId());
        context.getLogger().info(() -> "erasure ledger replay: " + outcome.entries() + " entries, "
                + outcome.reErased() + " erased again");
    }

    @FunctionName("requeueStalledErasures")
    public void requeueStalled(@TimerTrigger(name = "timer", schedule = "%ERASURE_REQUEUE_SCHEDULE%") String timerInfo,
                               ExecutionContext context) {
        int queued = app.erasure().requeueStalled().handle(context.getInvocationId());
        context.getLogger().info(() -> "stalled erasures queued again: " + queued);
    }

    @FunctionName("markErasuresIrrecoverable")
    public void markIrrecoverable(
            @TimerTrigger(name = "timer", schedule = "%ERASURE_IRRECOVERABLE_SCHEDULE%") String timerInfo,
            ExecutionContext context) {
        int marked = app.erasure().markIrrecoverable().handle(context.getInvocationId());
        context.getLogger().info(() -> "erasures marked irrecoverable: " + marked);
    }
}

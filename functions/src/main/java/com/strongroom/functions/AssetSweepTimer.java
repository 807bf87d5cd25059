package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.strongroom.app.Strongroom;

/** Periodically finishes asset deletes and removes one-request uploads that a crash interrupted (all invisible). */
public final class AssetSweepTimer {
    private final Strongroom app;

    public AssetSweepTimer() {
        this(Strongroom.fromEnvironment());
    }

    public AssetSweepTimer(Strongroom app) {
        this.app = app;
    }

    @FunctionName("sweepUnfinishedAssets")
    public void run(@TimerTrigger(name = "timer", schedule = "%ASSET_SWEEP_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        int removed = app.assets().sweepUnfinishedAssets().handle(context.getInvocationId());
        context.getLogger().info(() -> "asset sweep: " + removed + " half-done deletes and uploads removed");
    }
}

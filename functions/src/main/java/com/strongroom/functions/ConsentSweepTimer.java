package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.consent.SweepExpiredGrants;

/** Periodically marks consent grants whose time ran out as expired (access already stops at expiry). */
public final class ConsentSweepTimer {
    private final Strongroom app;

    public ConsentSweepTimer() {
        this(Strongroom.fromEnvironment());
    }

    public ConsentSweepTimer(Strongroom app) {
        this.app = app;
    }

    @FunctionName("sweepExpiredConsentGrants")
    public void run(@TimerTrigger(name = "timer", schedule = "%CONSENT_SWEEP_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        SweepExpiredGrants.Outcome outcome = app.consent().sweep().handle(context.getInvocationId());
        context.getLogger().info(() -> "consent sweep: " + outcome.expired() + " grants marked expired, "
                + outcome.skipped() + " changed meanwhile");
    }
}

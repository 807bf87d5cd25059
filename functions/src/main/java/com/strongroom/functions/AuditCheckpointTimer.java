package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.audit.CheckpointQuietChains;

/** Periodically signs the end of every audit chain that grew since its last checkpoint. */
public final class AuditCheckpointTimer {
    private final Strongroom app;

    public AuditCheckpointTimer() {
        this(Strongroom.fromEnvironment());
    }

    public AuditCheckpointTimer(Strongroom app) {
        this.app = app;
    }

    @FunctionName("checkpointAuditChains")
    public void run(@TimerTrigger(name = "timer", schedule = "%AUDIT_CHECKPOINT_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        CheckpointQuietChains.Outcome outcome = app.audit().checkpointQuietChains().handle();
        context.getLogger().info(() -> "audit checkpoints: " + outcome.checkpointed() + " of " + outcome.chainsSeen()
                + " chains signed, " + outcome.failed() + " failed");
        if (outcome.failed() > 0) {
            throw new IllegalStateException(outcome.failed() + " audit chains could not be checkpointed");
        }
    }
}

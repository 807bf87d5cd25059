package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.strongroom.app.Strongroom;

/** Periodically destroys the keys and deletes the packages of exports past their expiry, and marks them expired. */
public final class ExportExpiryTimer {
    private final Strongroom app;

    public ExportExpiryTimer() {
        this(Strongroom.fromEnvironment());
    }

    public ExportExpiryTimer(Strongroom app) {
        this.app = app;
    }

    @FunctionName("expireExports")
    public void run(@TimerTrigger(name = "timer", schedule = "%EXPORT_EXPIRY_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        int expired = app.exports().expire().run(context.getInvocationId());
        context.getLogger().info(() -> "export expiry: " + expired + " exports expired");
    }
}

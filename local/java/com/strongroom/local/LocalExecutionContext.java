package com.strongroom.local;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

public final class LocalExecutionContext implements ExecutionContext {
    private static final Logger LOGGER = Logger.getLogger("Function");
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();

    public LocalExecutionContext(String functionName) {
        this.functionName = functionName;
    }

    @Override
    public Logger getLogger() {
        return LOGGER;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}

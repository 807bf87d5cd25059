package com.strongroom.core.error;

import java.util.Map;

/**
 * A staff operation by a token that lacks the Conditional Access authentication context proving MFA. The caller
 * can get a token that carries it (a claims challenge), so this is an authentication failure, not a refusal.
 */
public final class StepUpRequiredException extends StrongroomException {
    private final String authContext;

    public StepUpRequiredException(String authContext) {
        super(FailureKind.STEP_UP_REQUIRED, "staff operations need a token issued with the authentication context " + authContext
                + " (multi-factor authentication)");
        this.authContext = authContext;
    }

    public String authContext() {
        return authContext;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("authContext", authContext);
    }
}

package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.model.TenantId;
import java.util.Optional;

/** {@code POST /api/tenants/{tenantId}/key-rotations}: a new KEK version, or a new TDK version. */
public final class KeyFunctions {
    private final Strongroom app;
    private final HttpExchange http;

    public KeyFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public KeyFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("rotateTenantKeys")
    public HttpResponseMessage rotate(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "tenants/{tenantId}/key-rotations",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, app.tenants().rotateKeys().operation(), caller -> {
            var command = HttpExchange.json(request, KeyViews.RotationRequest.class).toCommand(TenantId.of(tenantId));
            return Reply.ok(KeyViews.RotationView.of(app.tenants().rotateKeys().handle(caller, command,
                    context.getInvocationId())));
        });
    }
}

package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.access.Operation;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's cancellation: a Platform.Admin requests it (202; export, grace period, purge follow by themselves) and
 * may reverse it until the purge starts; the Platform.Admin and the tenant's admins read its dates; the
 * Platform.Admin reads the signed deletion certificate once the tenant is purged.
 */
public final class CancellationFunctions {
    private static final String ROUTE = "tenants/{tenantId}/cancellation";

    private final Strongroom app;
    private final HttpExchange http;

    public CancellationFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public CancellationFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("requestCancellation")
    public HttpResponseMessage request(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = ROUTE,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CANCELLATION_REQUEST, caller -> {
            TenantId tenant = TenantId.of(tenantId);
            CancellationViews.NewCancellation body = request.getBody().filter(b -> !b.isBlank()).isPresent()
                    ? HttpExchange.json(request, CancellationViews.NewCancellation.class)
                    : new CancellationViews.NewCancellation(null, null, null);
            Cancellation requested = app.cancellations().request(caller, body.toCommand(tenant),
                    context.getInvocationId());
            return new Reply(HttpStatus.ACCEPTED, Map.of("Location", CancellationViews.location(tenant)),
                    CancellationViews.cancellation(requested));
        });
    }

    @FunctionName("revokeCancellation")
    public HttpResponseMessage revoke(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = ROUTE,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CANCELLATION_REVOKE, caller -> Reply.ok(
                CancellationViews.cancellation(app.cancellations().revoke(caller, TenantId.of(tenantId),
                        context.getInvocationId()))));
    }

    @FunctionName("getCancellation")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ROUTE,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CANCELLATION_READ, caller -> Reply.ok(
                CancellationViews.cancellation(app.cancellations().read(caller, TenantId.of(tenantId),
                        context.getInvocationId()))));
    }

    @FunctionName("getDeletionCertificate")
    public HttpResponseMessage certificate(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ROUTE + "/certificate",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CANCELLATION_CERTIFICATE, caller -> Reply.bytes(HttpStatus.OK,
                app.cancellations().certificate(caller, TenantId.of(tenantId), context.getInvocationId())
                        .getBytes(StandardCharsets.US_ASCII), Map.of("Content-Type", "application/jose")));
    }
}

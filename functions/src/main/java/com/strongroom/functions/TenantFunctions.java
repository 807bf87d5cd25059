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
import com.strongroom.core.tenant.CreateTenant;
import java.util.Optional;

/** {@code POST /api/tenants}, {@code GET /api/tenants/{tenantId}} and {@code PUT .../entra-tenant}. */
public final class TenantFunctions {
    private final Strongroom app;
    private final HttpExchange http;

    public TenantFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public TenantFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("createTenant")
    public HttpResponseMessage create(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "tenants",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http.handle(request, context, app.tenants().create().operation(), caller -> {
            CreateTenant.Command command = HttpExchange.json(request, TenantViews.CreateRequest.class).toCommand();
            var tenant = app.tenants().create().handle(caller, command, context.getInvocationId());
            return Reply.created("/api/tenants/" + tenant.id(), TenantViews.TenantView.of(tenant));
        });
    }

    @FunctionName("getTenant")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId,
            ExecutionContext context) {
        return http.handle(request, context, app.tenants().read().operation(), caller -> {
            var tenant = app.tenants().read().handle(caller, TenantId.of(tenantId), context.getInvocationId());
            return Reply.ok(TenantViews.TenantView.of(tenant));
        });
    }

    @FunctionName("registerEntraTenant")
    public HttpResponseMessage registerEntraTenant(
            @HttpTrigger(name = "request", methods = {HttpMethod.PUT}, route = "tenants/{tenantId}/entra-tenant",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId,
            ExecutionContext context) {
        return http.handle(request, context, app.tenants().registerEntraTenant().operation(),
                caller -> {
                    var command = HttpExchange.json(request, TenantViews.EntraTenantRequest.class)
                            .toCommand(TenantId.of(tenantId));
                    var tenant = app.tenants().registerEntraTenant().handle(caller, command, context.getInvocationId());
                    return Reply.ok(TenantViews.TenantView.of(tenant));
                });
    }
}

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
import com.strongroom.core.audit.QueryAuditEvents;
import com.strongroom.core.model.TenantId;
import java.util.Map;
import java.util.Optional;

/** The audit trail of a tenant: query, verify, and sign a checkpoint on demand (Tenant.Admin). */
public final class AuditFunctions {
    private final Strongroom app;
    private final HttpExchange http;

    public AuditFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public AuditFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("listAuditEvents")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/audit-events",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId,
            ExecutionContext context) {
        return http.handle(request, context, app.audit().query().operation(), caller -> {
            QueryParameters q = new QueryParameters(request.getQueryParameters());
            var page = app.audit().query().handle(caller, new QueryAuditEvents.Command(TenantId.of(tenantId),
                    q.instant("from"), q.instant("to"), q.text("actor"), q.text("action"), q.text("target"),
                    q.integer("pageSize").orElse(QueryAuditEvents.DEFAULT_PAGE_SIZE), q.text("continuation")),
                    context.getInvocationId());
            return Reply.ok(AuditViews.page(page));
        });
    }

    @FunctionName("verifyAuditEvents")
    public HttpResponseMessage verify(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/audit-events/verify",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId,
            ExecutionContext context) {
        return http.handle(request, context, app.audit().verify().operation(), caller -> {
            QueryParameters q = new QueryParameters(request.getQueryParameters());
            var report = app.audit().verify().handle(caller, TenantId.of(tenantId), q.instant("from"),
                    q.instant("to"), context.getInvocationId());
            return Reply.ok(AuditViews.report(report));
        });
    }

    @FunctionName("createAuditCheckpoint")
    public HttpResponseMessage checkpoint(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "tenants/{tenantId}/audit-checkpoints",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId,
            ExecutionContext context) {
        return http.handle(request, context, app.audit().checkpoint().operation(), caller -> {
            var made = app.audit().checkpoint().handle(caller, TenantId.of(tenantId), context.getInvocationId());
            return new Reply(HttpStatus.CREATED, Map.of(), Map.of("checkpoints", made));
        });
    }
}

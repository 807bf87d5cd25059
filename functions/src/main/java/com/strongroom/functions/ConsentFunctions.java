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
import com.strongroom.core.access.Operation;
import com.strongroom.core.consent.ConsentGrants;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.TenantId;
import java.util.Optional;

/** The consent routes: a Tenant.Admin grants, lists, reads and revokes support access, and sees its use. */
public final class ConsentFunctions {
    private final Strongroom app;
    private final HttpExchange http;

    public ConsentFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public ConsentFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("createConsentGrant")
    public HttpResponseMessage create(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "tenants/{tenantId}/consent-grants",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, app.consent().create().operation(), caller -> {
            var command = HttpExchange.json(request, ConsentViews.GrantRequest.class).toCommand(TenantId.of(tenantId));
            ConsentGrant grant = app.consent().create().handle(caller, command, context.getInvocationId());
            return Reply.created(ConsentViews.location(grant),
                    ConsentViews.grant(new ConsentGrants.Stated(grant, ConsentGrant.Status.ACTIVE)));
        });
    }

    @FunctionName("listConsentGrants")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/consent-grants",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CONSENT_LIST, caller -> {
            var listing = app.consent().grants().list(caller, TenantId.of(tenantId), paging(request),
                    context.getInvocationId());
            return Reply.ok(ConsentViews.listing(listing));
        });
    }

    @FunctionName("getConsentGrant")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/consent-grants/{grantId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("grantId") String grantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CONSENT_READ, caller ->
                Reply.ok(ConsentViews.grant(app.consent().grants().read(caller, TenantId.of(tenantId),
                        GrantId.of(grantId), context.getInvocationId()))));
    }

    @FunctionName("revokeConsentGrant")
    public HttpResponseMessage revoke(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = "tenants/{tenantId}/consent-grants/{grantId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("grantId") String grantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CONSENT_REVOKE, caller -> {
            app.consent().grants().revoke(caller, TenantId.of(tenantId), GrantId.of(grantId), context.getInvocationId());
            return Reply.noContent();
        });
    }

    @FunctionName("listConsentGrantAccesses")
    public HttpResponseMessage accesses(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET},
                    route = "tenants/{tenantId}/consent-grants/{grantId}/accesses",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("grantId") String grantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CONSENT_ACCESSES, caller -> {
            var page = app.consent().grants().accesses(caller, TenantId.of(tenantId), GrantId.of(grantId),
                    paging(request), context.getInvocationId());
            return Reply.ok(AuditViews.page(page));
        });
    }

    private static ConsentGrants.Paging paging(HttpRequestMessage<?> request) {
        QueryParameters query = new QueryParameters(request.getQueryParameters());
        return new ConsentGrants.Paging(query.integer("pageSize").orElse(ConsentGrants.DEFAULT_PAGE_SIZE),
                query.text("continuation"));
    }
}

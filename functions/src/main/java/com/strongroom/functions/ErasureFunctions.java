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
import com.strongroom.core.erasure.ErasureRequests;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The erasure routes: an Archive.Manager records a data subject's request and sees its preview, another approves
 * it, it can be cancelled, extended and retried; Archive.Managers and Tenant.Admins read it and its signed receipt.
 */
public final class ErasureFunctions {
    private static final String REQUESTS = "tenants/{tenantId}/erasure-requests";
    private static final String ONE = REQUESTS + "/{erasureId}";

    private final Strongroom app;
    private final HttpExchange http;

    public ErasureFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public ErasureFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("createErasureRequest")
    public HttpResponseMessage create(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = REQUESTS,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, app.erasure().request().operation(), caller -> {
            var command = HttpExchange.json(request, ErasureViews.NewRequest.class).toCommand(TenantId.of(tenantId));
            var preview = app.erasure().request().handle(caller, command, context.getInvocationId());
            return Reply.created(ErasureViews.location(preview.request()), ErasureViews.preview(preview));
        });
    }

    @FunctionName("listErasureRequests")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = REQUESTS,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.ERASURE_LIST, caller -> {
            QueryParameters query = new QueryParameters(request.getQueryParameters());
            var listing = app.erasure().requests().list(caller, new ErasureRequests.Query(TenantId.of(tenantId),
                    query.text("state").map(ErasureFunctions::state), query.text("overdue").map(ErasureFunctions::flag),
                    query.integer("pageSize").orElse(ErasureRequests.DEFAULT_PAGE_SIZE), query.text("continuation")),
                    context.getInvocationId());
            return Reply.ok(ErasureViews.listing(listing));
        });
    }

    @FunctionName("getErasureRequest")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ONE,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("erasureId") String erasureId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.ERASURE_READ, caller -> Reply.ok(ErasureViews.detail(
                app.erasure().requests().read(caller, TenantId.of(tenantId), ErasureId.of(erasureId),
                        context.getInvocationId()))));
    }

    @FunctionName("approveErasureRequest")
    public HttpResponseMessage approve(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = ONE + "/approve",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("erasureId") String erasureId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.ERASURE_APPROVE, caller -> accepted(app.erasure().requests()
                .approve(caller, TenantId.of(tenantId), ErasureId.of(erasureId), context.getInvocationId())));
    }

    @FunctionName("cancelErasureRequest")
    public HttpResponseMessage cancel(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = ONE + "/cancel",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("erasureId") String erasureId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.ERASURE_CANCEL, caller -> {
            ErasureRequest cancelled = app.erasure().requests().cancel(caller, TenantId.of(tenantId),
                    ErasureId.of(erasureId), context.getInvocationId());
            return Reply.ok(ErasureViews.request(cancelled, cancelled.cancellation().orElseThrow().at()));
        });
    }

    @FunctionName("extendErasureRequest")
    public HttpResponseMessage extend(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = ONE + "/extend",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("erasureId") String erasureId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.ERASURE_EXTEND, caller -> {
            var extension = HttpExchange.json(request, ErasureViews.ExtendRequest.class).toExtension();
            ErasureRequest extended = app.erasure().requests().extend(caller, TenantId.of(tenantId),
                    ErasureId.of(erasureId), extension, context.getInvocationId());
            return Reply.ok(ErasureViews.request(extended, extended.extensions().get(
                    extended.extensions().size() - 1).at()));
        });
    }

    @FunctionName("retryErasureRequest")
    public HttpResponseMessage retry(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = ONE + "/retry",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("erasureId") String erasureId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.ERASURE_RETRY, caller -> accepted(app.erasure().requests()
                .retry(caller, TenantId.of(tenantId), ErasureId.of(erasureId), context.getInvocationId())));
    }

    @FunctionName("getErasureReceipt")
    public HttpResponseMessage receipt(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ONE + "/receipt",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("erasureId") String erasureId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.ERASURE_RECEIPT, caller -> Reply.bytes(HttpStatus.OK,
                app.erasure().requests().receipt(caller, TenantId.of(tenantId), ErasureId.of(erasureId),
                        context.getInvocationId()).getBytes(StandardCharsets.US_ASCII),
                Map.of("Content-Type", "application/jose")));
    }

    private static Reply accepted(ErasureRequest request) {
        return new Reply(HttpStatus.ACCEPTED, Map.of("Location", ErasureViews.location(request)),
                ErasureViews.request(request, Instant.now()));
    }

    private static ErasureRequest.State state(String raw) {
        return ErasureRequest.State.ofWire(raw).orElseThrow(() -> new InvalidInputException("state",
                "must be one of awaiting-approval, approved, running, completed, failed, cancelled, irrecoverable"));
    }

    private static boolean flag(String raw) {
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new InvalidInputException("overdue", "must be true or false");
        }
        return raw.equals("true");
    }
}

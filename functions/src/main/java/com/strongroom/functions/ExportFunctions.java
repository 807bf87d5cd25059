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
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import java.util.Map;
import java.util.Optional;

/**
 * The export routes (Tenant.Admin): request a package of the tenant's files, metadata and audit trail (202; a queue
 * job builds it), follow it, and download it in ranges until it expires.
 */
public final class ExportFunctions {
    private static final String EXPORTS = "tenants/{tenantId}/exports";
    private static final String ONE = EXPORTS + "/{exportId}";

    private final Strongroom app;
    private final HttpExchange http;

    public ExportFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public ExportFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("requestExport")
    public HttpResponseMessage request(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = EXPORTS,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.EXPORT_REQUEST, caller -> {
            if (request.getBody().filter(b -> !b.isBlank()).isPresent()) {
                HttpExchange.json(request, ExportViews.NewExport.class);
            }
            var export = app.exports().exports().request(caller, TenantId.of(tenantId), context.getInvocationId());
            return new Reply(HttpStatus.ACCEPTED, Map.of("Location", ExportViews.location(export)),
                    ExportViews.export(export));
        });
    }

    @FunctionName("listExports")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = EXPORTS,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.EXPORT_READ, caller -> Reply.ok(ExportViews.listing(
                app.exports().exports().list(caller, TenantId.of(tenantId), context.getInvocationId()))));
    }

    @FunctionName("getExport")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ONE,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("exportId") String exportId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.EXPORT_READ, caller -> Reply.ok(ExportViews.export(
                app.exports().exports().read(caller, TenantId.of(tenantId), ExportId.of(exportId),
                        context.getInvocationId()))));
    }

    @FunctionName("downloadExport")
    public HttpResponseMessage download(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ONE + "/content",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("exportId") String exportId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.EXPORT_DOWNLOAD, caller -> {
            try (InFlightBytes.Lease lease = app.inFlight().lease()) {
                return ExportViews.content(app.exports().exports().download(caller, TenantId.of(tenantId),
                        ExportId.of(exportId), HttpExchange.header(request, "Range").map(ByteRanges::parse), lease,
                        context.getInvocationId()));
            }
        });
    }
}

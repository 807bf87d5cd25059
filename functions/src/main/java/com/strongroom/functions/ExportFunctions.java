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
import com.strongroom.core.export.Exports;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import java.util.Map;
import java.util.Optional;

/**
 * The export routes: a Tenant.Admin requests a package of the tenant's files, metadata and audit trail (202; a queue
 * job builds it), follows it, and downloads it in ranges until it expires; Archive.Managers and Tenant.Admins do the
 * same for one data subject's copy on the subject-export routes.
 */
public final class ExportFunctions {
    private static final String EXPORTS = "tenants/{tenantId}/exports";
    private static final String ONE = EXPORTS + "/{exportId}";
    private static final String SUBJECT_EXPORTS = "tenants/{tenantId}/subject-exports";
    private static final String SUBJECT_ONE = SUBJECT_EXPORTS + "/{exportId}";

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
            return accepted(app.exports().exports().request(caller, TenantId.of(tenantId),
                    context.getInvocationId()));
        });
    }

    @FunctionName("requestSubjectExport")
    public HttpResponseMessage requestForSubject(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = SUBJECT_EXPORTS,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.SUBJECT_EXPORT_REQUEST, caller -> {
            var command = HttpExchange.json(request, ExportViews.NewSubjectExport.class).toCommand(
                    TenantId.of(tenantId));
            return accepted(app.exports().exports().requestForSubject(caller, command, context.getInvocationId()));
        });
    }

    @FunctionName("listSubjectExports")
    public HttpResponseMessage listForSubjects(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = SUBJECT_EXPORTS,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return list(request, context, Exports.Kind.SUBJECT, tenantId);
    }

    @FunctionName("getSubjectExport")
    public HttpResponseMessage getForSubject(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = SUBJECT_ONE,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("exportId") String exportId,
            ExecutionContext context) {
        return read(request, context, Exports.Kind.SUBJECT, tenantId, exportId);
    }

    @FunctionName("downloadSubjectExport")
    public HttpResponseMessage downloadForSubject(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = SUBJECT_ONE + "/content",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("exportId") String exportId,
            ExecutionContext context) {
        return download(request, context, Exports.Kind.SUBJECT, tenantId, exportId);
    }

    private static Reply accepted(Export export) {
        return new Reply(HttpStatus.ACCEPTED, Map.of("Location", ExportViews.location(export)),
                ExportViews.export(export));
    }

    @FunctionName("listExports")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = EXPORTS,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return list(request, context, Exports.Kind.TENANT, tenantId);
    }

    @FunctionName("getExport")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ONE,
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("exportId") String exportId,
            ExecutionContext context) {
        return read(request, context, Exports.Kind.TENANT, tenantId, exportId);
    }

    @FunctionName("downloadExport")
    public HttpResponseMessage download(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ONE + "/content",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("exportId") String exportId,
            ExecutionContext context) {
        return download(request, context, Exports.Kind.TENANT, tenantId, exportId);
    }

    private HttpResponseMessage list(HttpRequestMessage<Optional<String>> request, ExecutionContext context,
                                     Exports.Kind kind, String tenantId) {
        return http.handle(request, context, kind == Exports.Kind.TENANT ? Operation.EXPORT_READ
                : Operation.SUBJECT_EXPORT_READ, caller -> Reply.ok(ExportViews.listing(app.exports().exports()
                .list(caller, kind, TenantId.of(tenantId), context.getInvocationId()))));
    }

    private HttpResponseMessage read(HttpRequestMessage<Optional<String>> request, ExecutionContext context,
                                     Exports.Kind kind, String tenantId, String exportId) {
        return http.handle(request, context, kind == Exports.Kind.TENANT ? Operation.EXPORT_READ
                : Operation.SUBJECT_EXPORT_READ, caller -> Reply.ok(ExportViews.export(app.exports().exports()
                .read(caller, kind, TenantId.of(tenantId), ExportId.of(exportId), context.getInvocationId()))));
    }

    private HttpResponseMessage download(HttpRequestMessage<Optional<String>> request, ExecutionContext context,
                                         Exports.Kind kind, String tenantId, String exportId) {
        return http.handle(request, context, kind == Exports.Kind.TENANT ? Operation.EXPORT_DOWNLOAD
                : Operation.SUBJECT_EXPORT_DOWNLOAD, caller -> {
                    try (InFlightBytes.Lease lease = app.inFlight().lease()) {
                        return ExportViews.content(app.exports().exports().download(caller, kind,
                                TenantId.of(tenantId), ExportId.of(exportId),
                                HttpExchange.header(request, "Range").map(ByteRanges::parse), lease,
                                context.getInvocationId()));
                    }
                });
    }
}

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
import com.strongroom.core.incident.Incidents;
import java.util.Optional;

/** The Security.Officer's incident routes: preview, declare, the register, notify, updates, close. */
public final class IncidentFunctions {
    private final Strongroom app;
    private final HttpExchange http;

    public IncidentFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public IncidentFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("previewIncident")
    public HttpResponseMessage preview(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "incidents/preview",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http.handle(request, context, Operation.INCIDENT_PREVIEW, caller -> {
            var command = HttpExchange.json(request, IncidentViews.DeclareRequest.class).toCommand();
            return Reply.ok(IncidentViews.preview(incidents().preview(caller, command, context.getInvocationId())));
        });
    }

    @FunctionName("declareIncident")
    public HttpResponseMessage declare(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "incidents",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http.handle(request, context, Operation.INCIDENT_DECLARE, caller -> {
            var command = HttpExchange.json(request, IncidentViews.DeclareRequest.class).toCommand();
            var declared = incidents().declare(caller, command, context.getInvocationId());
            return Reply.created("/api/incidents/" + declared.incident().id(), IncidentViews.register(declared));
        });
    }

    @FunctionName("listIncidents")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "incidents",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http.handle(request, context, Operation.INCIDENT_LIST, caller -> {
            QueryParameters query = new QueryParameters(request.getQueryParameters());
            var paging = new Incidents.Paging(query.integer("pageSize").orElse(Incidents.DEFAULT_PAGE_SIZE),
                    query.text("continuation"));
            return Reply.ok(IncidentViews.listing(incidents().list(caller, paging, context.getInvocationId())));
        });
    }

    @FunctionName("getIncident")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "incidents/{incidentId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("incidentId") String incidentId, ExecutionContext context) {
        return http.handle(request, context, Operation.INCIDENT_READ, caller -> Reply.ok(IncidentViews.register(
                incidents().read(caller, incidentId, context.getInvocationId()))));
    }

    @FunctionName("notifyIncident")
    public HttpResponseMessage notify(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "incidents/{incidentId}/notify",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("incidentId") String incidentId, ExecutionContext context) {
        return http.handle(request, context, Operation.INCIDENT_NOTIFY, caller -> Reply.accepted(
                IncidentViews.summary(incidents().notify(caller, incidentId, context.getInvocationId()))));
    }

    @FunctionName("updateIncident")
    public HttpResponseMessage update(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "incidents/{incidentId}/updates",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("incidentId") String incidentId, ExecutionContext context) {
        return http.handle(request, context, Operation.INCIDENT_UPDATE, caller -> {
            var body = HttpExchange.json(request, IncidentViews.UpdateRequest.class);
            return Reply.accepted(IncidentViews.summary(incidents().update(caller, incidentId, body.text(),
                    context.getInvocationId())));
        });
    }

    @FunctionName("closeIncident")
    public HttpResponseMessage close(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "incidents/{incidentId}/close",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("incidentId") String incidentId, ExecutionContext context) {
        return http.handle(request, context, Operation.INCIDENT_CLOSE, caller -> Reply.ok(IncidentViews.summary(
                incidents().close(caller, incidentId, context.getInvocationId()))));
    }

    private Incidents incidents() {
        return app.notices().incidents();
    }
}

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
import com.strongroom.core.asset.CompleteUpload;
import com.strongroom.core.asset.StageUploadPart;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadSession;
import java.util.Map;
import java.util.Optional;

/** Resumable uploads: open a session, send parts in any order (each idempotent), complete. */
public final class UploadFunctions {
    private final Strongroom app;
    private final HttpExchange http;

    public UploadFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public UploadFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("startUpload")
    public HttpResponseMessage start(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "tenants/{tenantId}/uploads",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, app.assets().startUpload().operation(), caller -> {
            UploadSession session = app.assets().startUpload().handle(caller, TenantId.of(tenantId),
                    () -> HttpExchange.json(request, AssetViews.StartUploadRequest.class).toCommand(TenantId.of(tenantId)),
                    context.getInvocationId());
            return Reply.created("/api/tenants/" + tenantId + "/uploads/" + session.id(),
                    AssetViews.UploadView.of(session));
        });
    }

    @FunctionName("uploadPart")
    public HttpResponseMessage part(
            @HttpTrigger(name = "request", methods = {HttpMethod.PUT},
                    route = "tenants/{tenantId}/uploads/{uploadId}/parts/{partNumber}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("tenantId") String tenantId, @BindingName("uploadId") String uploadId,
            @BindingName("partNumber") String partNumber, ExecutionContext context) {
        return http.handle(request, context, app.assets().stagePart().operation(), caller -> {
            AssetId upload = uploadId(uploadId);
            int number = number(partNumber);
            try (InFlightBytes.Lease lease = app.inFlight().lease()) {
                return Reply.ok(AssetViews.PartView.of(app.assets().stagePart().handle(caller, TenantId.of(tenantId),
                        upload, number, () -> new StageUploadPart.Command(TenantId.of(tenantId), upload, number,
                                HttpExchange.octetStream(request, StartUpload.MAX_PART_BYTES, lease)),
                        context.getInvocationId())));
            }
        });
    }

    @FunctionName("completeUpload")
    public HttpResponseMessage complete(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST},
                    route = "tenants/{tenantId}/uploads/{uploadId}/complete",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("uploadId") String uploadId,
            ExecutionContext context) {
        return http.handle(request, context, app.assets().completeUpload().operation(), caller -> {
            var command = new CompleteUpload.Command(TenantId.of(tenantId), uploadId(uploadId));
            Asset asset = app.assets().completeUpload().handle(caller, command, context.getInvocationId());
            return Reply.created(AssetFunctions.location(asset), AssetViews.AssetView.of(asset),
                    Map.of("ETag", AssetViews.etag(asset.version())));
        });
    }

    /** An upload id that is not even well-formed names no session: 404, as for an unknown one. */
    private static AssetId uploadId(String raw) {
        try {
            return AssetId.of(raw);
        } catch (InvalidInputException e) {
            throw new com.strongroom.core.error.NotFoundException("no upload session with that id");
        }
    }

    private static int number(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("partNumber", "must be a whole number from 1");
        }
    }
}
